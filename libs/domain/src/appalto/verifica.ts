import type { Problema } from '../shared/domain-error.js';
import { centesimi, isImporto } from '../shared/importo.js';
import type { AppaltoContext } from './commands.js';
import { problemiClassificazione } from './cpv.js';
import { campoLotto, centesimiValidi, problemiDatiLotto } from './lotto.js';
import { problemiRup } from './rup.js';
import type { AppaltoEsistente } from './state.js';
import { problemiAggiudicazioni } from './verifica-aggiudicazioni.js';
import type { OggettoPrincipale, Settore } from './types.js';

/** ANAC's appalto oggetto is at most 2000 characters. */
export const OGGETTO_GARA_MAX = 2000;
const SETTORI: readonly Settore[] = ['ORDINARIO', 'SPECIALE'];
const OGGETTI: readonly OggettoPrincipale[] = ['LAVORI', 'SERVIZI', 'FORNITURE'];
/** Codice Unico di Progetto: 15 alphanumeric characters (CIPE). */
const CUP = /^[A-Z0-9]{15}$/i;

type Contesto = Pick<AppaltoContext, 'responsabileNelCdc' | 'now'>;

/**
 * Everything that keeps the request from being sent, one message per field, grouped by the
 * sections of manuale START Richiedi CIG's red markers. Pure: the same state and directory give the same list.
 */
export function problemiDellAppalto(state: AppaltoEsistente, context: Contesto): Problema[] {
  return [
    ...problemiDatiGara(state),
    ...problemiTermini(state, context.now),
    ...problemiClassificazione(state.classificazione),
    ...problemiLotti(state),
    ...problemiAggiudicazioni(state),
    ...problemiRup(state.rup, state.centroDiCosto, context),
  ];
}

function problemiDatiGara({ datiGara, lotti }: AppaltoEsistente): Problema[] {
  const problema = (campo: string, codice: string, messaggio: string): Problema => ({ sezione: 'dati di gara', campo: `datiGara.${campo}`, codice, messaggio });
  const problemi: Problema[] = [];
  const oggetto = datiGara.oggetto.trim();
  if (oggetto.length === 0) problemi.push(problema('oggetto', 'OGGETTO_GARA', "L'oggetto della gara è obbligatorio"));
  if (oggetto.length > OGGETTO_GARA_MAX) problemi.push(problema('oggetto', 'OGGETTO_GARA', `L'oggetto della gara non può superare ${OGGETTO_GARA_MAX} caratteri`));
  if (!SETTORI.includes(datiGara.settore)) problemi.push(problema('settore', 'SETTORE', 'Indicare il settore: ordinario o speciale'));
  if (!OGGETTI.includes(datiGara.oggettoPrincipale)) {
    problemi.push(problema('oggettoPrincipale', 'OGGETTO_PRINCIPALE', "Indicare l'oggetto principale del contratto: servizi, forniture o lavori"));
  }
  const { importoComplessivo, cup } = datiGara;
  if (importoComplessivo !== undefined && !isImporto(importoComplessivo)) {
    problemi.push(problema('importoComplessivo', 'IMPORTO_NON_VALIDO', `L'importo complessivo "${importoComplessivo}" non è un importo in euro valido`));
  } else if (importoComplessivo !== undefined && centesimi(importoComplessivo) < centesimiValidi(lotti.map((l) => l.importo))) {
    problemi.push(problema('importoComplessivo', 'IMPORTO_COMPLESSIVO', "L'importo complessivo di gara non può essere inferiore alla somma degli importi dei lotti"));
  }
  if (cup !== undefined && !CUP.test(cup)) problemi.push(problema('cup', 'CUP', 'Il CUP deve essere di 15 caratteri alfanumerici'));
  return problemi;
}

/**
 * Deadlines of a call for competition: an open procedure needs the deadline for offers (ANAC
 * REG95), restricted and negotiated ones a deadline (REG96/REG97), always in the future
 * (REG105/REG106); AD3 needs the address of the tender documents (its schema requires it).
 */
function problemiTermini({ tipoProcedura, scheda, datiGara }: AppaltoEsistente, now: Date): Problema[] {
  const problema = (campo: string, codice: string, messaggio: string): Problema => ({ sezione: 'dati di gara', campo: `datiGara.${campo}`, codice, messaggio });
  const problemi: Problema[] = [];
  const { scadenzaPresentazioneOfferte: offerte, scadenzaPresentazioneInvito: invito, urlDocumenti } = datiGara;
  if (tipoProcedura === 'APERTA' && !offerte) {
    problemi.push(problema('scadenzaPresentazioneOfferte', 'REG95', 'Per la procedura aperta la scadenza di presentazione delle offerte è obbligatoria'));
  }
  if ((tipoProcedura === 'RISTRETTA' || tipoProcedura === 'NEGOZIATA') && !offerte && !invito) {
    problemi.push(problema('scadenzaPresentazioneInvito', 'REG96', 'Indicare la scadenza di presentazione delle domande di partecipazione o delle offerte'));
  }
  for (const [campo, valore] of [['scadenzaPresentazioneOfferte', offerte], ['scadenzaPresentazioneInvito', invito]] as const) {
    if (valore === undefined) continue;
    const istante = Date.parse(valore);
    if (Number.isNaN(istante)) problemi.push(problema(campo, 'DATA_NON_VALIDA', 'Data e ora non valide'));
    else if (istante <= now.getTime()) problemi.push(problema(campo, 'REG105', 'La scadenza deve essere successiva alla data odierna'));
  }
  if (urlDocumenti !== undefined && !/^https?:\/\/\S+$/.test(urlDocumenti)) problemi.push(problema('urlDocumenti', 'REG8', "L'indirizzo dei documenti di gara deve iniziare con http:// o https://"));
  if (scheda === 'AD3' && !urlDocumenti) problemi.push(problema('urlDocumenti', 'URL_DOCUMENTI', "Per l'affidamento diretto (AD3) l'indirizzo dei documenti di gara è obbligatorio"));
  return problemi;
}

function problemiLotti({ lotti, classificazione }: AppaltoEsistente): Problema[] {
  if (lotti.length === 0) return [{ sezione: 'lotti', campo: 'lotti', codice: 'NESSUN_LOTTO', messaggio: 'Nessun lotto presente' }];
  const classificati = new Set(classificazione.map((c) => c.codice));
  return lotti.flatMap((lotto) => [
    ...problemiDatiLotto(lotto, lotto.lotIdentifier),
    ...(classificati.has(lotto.cpv)
      ? []
      : [
          {
            sezione: 'lotti' as const,
            campo: campoLotto(lotto.lotIdentifier, 'cpv'),
            codice: 'REG1',
            messaggio: `La categoria merceologica ${lotto.cpv} del lotto non è compresa tra quelle indicate nella classificazione dell'appalto`,
          },
        ]),
  ]);
}
