import type { Passo } from '../pratiche.store.js';
import type { PassoHandler } from './esito-passo.js';
import { cancella, esitoModificaAvviso, esitoPubblicazione, modificaAvviso, pubblica, recuperaCigModifica, verificaCancellazione } from './passi-avviso.js';
import { avvio, conferma, crea, esitoConferma, modifica, recuperaCig, riconciliaCrea } from './passi-conferma.js';

/** Every step of every ANAC operation. */
export const PASSI: Record<Passo, PassoHandler> = {
  AVVIO: avvio,
  CREA: crea,
  RICONCILIA_CREA: riconciliaCrea,
  MODIFICA: modifica,
  CONFERMA: conferma,
  ESITO_CONFERMA: esitoConferma,
  RECUPERA_CIG: recuperaCig,
  PUBBLICA: pubblica,
  ESITO_PUBBLICAZIONE: esitoPubblicazione,
  MODIFICA_AVVISO: modificaAvviso,
  ESITO_MODIFICA_AVVISO: esitoModificaAvviso,
  RECUPERA_CIG_MODIFICA: recuperaCigModifica,
  CANCELLA: cancella,
  VERIFICA_CANCELLAZIONE: verificaCancellazione,
};

/**
 * A step interrupted in the middle of a call (the process died) may have changed things at
 * ANAC: look before repeating. Reads and modifica-appalto (which replaces the draft) repeat safely.
 */
export function passoDopoInterruzione(passo: Passo): Passo {
  switch (passo) {
    case 'CREA':
      return 'RICONCILIA_CREA';
    case 'CONFERMA':
      return 'ESITO_CONFERMA';
    case 'PUBBLICA':
      return 'ESITO_PUBBLICAZIONE';
    case 'MODIFICA_AVVISO':
      return 'ESITO_MODIFICA_AVVISO';
    case 'CANCELLA':
      return 'VERIFICA_CANCELLAZIONE';
    default:
      return passo;
  }
}
