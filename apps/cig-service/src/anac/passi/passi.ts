import type { Passo } from '../pratiche.store.js';
import type { PassoHandler } from './esito-passo.js';
import {
  cancella, esitoModificaAvviso, esitoPubblicazione, modificaAvviso, pubblica, recuperaCigModifica, riconciliaModificaAvviso, riconciliaPubblicazione, verificaCancellazione,
} from './passi-avviso.js';
import { avvio, conferma, crea, dopoAvvio, esitoConferma, modifica, recuperaCig, riconciliaConferma, riconciliaCrea } from './passi-conferma.js';
import type { AppaltoEsistente } from '#domain';
import { esitoVerifica, verificaAnac } from './passi-verifica.js';

/** Every step of every ANAC operation. */
export const PASSI: Record<Passo, PassoHandler> = {
  AVVIO: avvio,
  CREA: crea,
  RICONCILIA_CREA: riconciliaCrea,
  MODIFICA: modifica,
  CONFERMA: conferma,
  RICONCILIA_CONFERMA: riconciliaConferma,
  ESITO_CONFERMA: esitoConferma,
  RECUPERA_CIG: recuperaCig,
  PUBBLICA: pubblica,
  RICONCILIA_PUBBLICAZIONE: riconciliaPubblicazione,
  ESITO_PUBBLICAZIONE: esitoPubblicazione,
  MODIFICA_AVVISO: modificaAvviso,
  RICONCILIA_MODIFICA_AVVISO: riconciliaModificaAvviso,
  ESITO_MODIFICA_AVVISO: esitoModificaAvviso,
  RECUPERA_CIG_MODIFICA: recuperaCigModifica,
  CANCELLA: cancella,
  VERIFICA_CANCELLAZIONE: verificaCancellazione,
  VERIFICA_ANAC: verificaAnac,
  ESITO_VERIFICA: esitoVerifica,
};

/**
 * A step interrupted between "sent" and "answer stored" (the process died, or its lease ran out)
 * is uncertain: ANAC may or may not have received the call. The next holder asks ANAC (the
 * appalto's state, the operation's esiti, ricerca-appalto by our codiceAppalto) and then either
 * records the outcome or sends again; it never waits for an esito of a call that may never have
 * arrived. Reads and modifica-appalto (which replaces the draft) repeat safely.
 */
export function passoDopoInterruzione(passo: Passo): Passo {
  switch (passo) {
    case 'CREA':
      return 'RICONCILIA_CREA';
    case 'CONFERMA':
      return 'RICONCILIA_CONFERMA';
    case 'PUBBLICA':
      return 'RICONCILIA_PUBBLICAZIONE';
    case 'MODIFICA_AVVISO':
      return 'RICONCILIA_MODIFICA_AVVISO';
    case 'CANCELLA':
      return 'VERIFICA_CANCELLAZIONE';
    default:
      return passo;
  }
}

/**
 * The step a claimed practice starts at: AVVIO calls nothing and only chooses CREA or MODIFICA
 * from the appalto, so the worker goes there at once (no round of the practice's row for a step
 * without a call); `inizia` records the step started, so an interruption is reconciled from it.
 */
export function passoDaIniziare(passo: Passo, appalto: Pick<AppaltoEsistente, 'idAppaltoAnac'>): Passo {
  return passo === 'AVVIO' ? dopoAvvio(appalto) : passo;
}
