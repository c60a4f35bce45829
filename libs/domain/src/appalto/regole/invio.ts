import { conflitto, regola } from '../../shared/domain-error.js';
import type { AppaltoContext } from '../commands.js';
import type { AppaltoEvent } from '../events.js';
import type { AppaltoEsistente, AppaltoState } from '../state.js';
import type { Problema } from '../../shared/domain-error.js';
import { problemiDellAppalto } from '../verifica.js';
import { type Comando, DESCRIZIONE_OPERAZIONE, DESCRIZIONE_STATO, esistente, giaRichiesta, nonCancellato, ora } from './guards.js';

/**
 * The hand-written checks and, when the service has them, ANAC's tables. ANAC's tables restate some
 * hand-written checks (REG1, REG95 …): a code already marked is not repeated.
 */
function problemiConRegoleAnac(s: AppaltoEsistente, context: AppaltoContext): Problema[] {
  const scritti = problemiDellAppalto(s, context);
  const visti = new Set(scritti.map((p) => p.codice));
  return [...scritti, ...(context.regoleAnac?.problemi(s) ?? []).filter((p) => !visti.has(p.codice))];
}

/**
 * Local verification (as PCP's "verifica appalto", tutorial CIG su PCP): never refused for its content,
 * it records the outcome and the problems by section. Any state but cancelled.
 */
export function verificaAppalto(c: Comando<'VerificaAppalto'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = nonCancellato(state, 'APPALTO_CANCELLATO', "verificare l'appalto");
  const problemi = problemiConRegoleAnac(s, context);
  const regole = context.regoleAnac ? { regole: context.regoleAnac.insieme } : {};
  const locale: AppaltoEvent = { type: 'AppaltoVerificato', data: { esito: problemi.length === 0 ? 'OK' : 'KO', problemi, il: ora(context), ...regole } };
  return c.anac ? [locale, ...richiestaVerificaAnac(s, c.anac.richiestaId, context)] : [locale];
}

/**
 * ANAC verifies what it can still change: a draft (crea-appalto first) or a request back in
 * lavorazione, with no operation in flight. The same request asked again changes nothing.
 */
function richiestaVerificaAnac(s: AppaltoEsistente, richiestaId: string, context: AppaltoContext): AppaltoEvent[] {
  if (s.verificaAnac?.richiestaId === richiestaId) return [];
  const op = s.operazioneInCorso;
  if ((s.stato !== 'BOZZA' && s.stato !== 'IN_LAV') || op) {
    const motivo = op ? `è in corso la ${DESCRIZIONE_OPERAZIONE[op.operazione]}` : `è ${DESCRIZIONE_STATO[s.stato]}`;
    throw conflitto('VERIFICA_ANAC_NON_AMMESSA', `ANAC non può verificare l'appalto: ${motivo}`, { stato: s.stato, operazione: op?.operazione });
  }
  if (s.verificaAnac?.esito === 'IN_CORSO') {
    throw conflitto('VERIFICA_ANAC_IN_CORSO', "È già in corso una verifica presso ANAC: attendine l'esito", { richiestaId: s.verificaAnac.richiestaId });
  }
  return [{ type: 'VerificaAnacRichiesta', data: { richiestaId, il: ora(context) } }];
}

/** ANAC's verdict; recorded once, and only for the verification still awaited (a newer one replaces it). */
export function registraVerificaAnac(c: Comando<'RegistraVerificaAnac'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = esistente(state);
  if (s.verificaAnac?.richiestaId !== c.richiestaId || s.verificaAnac.esito !== 'IN_CORSO') return [];
  return [{ type: 'VerificaAnacEseguita', data: { richiestaId: c.richiestaId, esito: c.esito, errori: c.errori, il: ora(context) } }];
}

/**
 * Sending asks ANAC for conferma (crea-appalto, conferma-appalto, recupera-cig): only a draft
 * or a request back in lavorazione after a KO, only when nothing is in flight, and only when
 * the verification finds nothing (tutorial CIG su PCP: a conferma always runs the verification).
 */
export function inviaAppalto(c: Comando<'InviaAppalto'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = esistente(state);
  if (giaRichiesta(s, 'CONFERMA', c.richiestaId)) return [];
  const op = s.operazioneInCorso;
  if ((s.stato !== 'BOZZA' && s.stato !== 'IN_LAV') || op) {
    const motivo = op ? `è in corso la ${DESCRIZIONE_OPERAZIONE[op.operazione]}` : `è ${DESCRIZIONE_STATO[s.stato]}`;
    throw conflitto('APPALTO_NON_INVIABILE', `L'appalto non può essere inviato ad ANAC: ${motivo}`, { stato: s.stato, operazione: op?.operazione });
  }
  const problemi = problemiConRegoleAnac(s, context);
  if (problemi.length > 0) {
    throw regola('APPALTO_NON_VALIDO', 'Non è possibile inviare la richiesta: le informazioni presentano errori o informazioni mancanti', problemi);
  }
  const il = ora(context);
  return [
    { type: 'AppaltoInviato', data: { richiestaId: c.richiestaId, il } },
    ...s.lotti.map((l): AppaltoEvent => ({ type: 'CigRichiesto', data: { lotIdentifier: l.lotIdentifier, richiestaId: c.richiestaId, il } })),
  ];
}
