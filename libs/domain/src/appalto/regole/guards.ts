import type { DecisionContext } from '../../shared/decider.js';
import { conflitto, nonTrovato } from '../../shared/domain-error.js';
import type { AppaltoCommand } from '../commands.js';
import type { AppaltoEsistente, AppaltoState, OperazioneInCorso } from '../state.js';
import type { OperazioneAnac, StatoAppalto } from '../types.js';

/** The command of type T, as each rule receives it. */
export type Comando<T extends AppaltoCommand['type']> = Extract<AppaltoCommand, { type: T }>;

/** States as the listing shows them (manuale START Richiedi CIG: "In bozza", "In attesa pubblicazione", …). */
export const DESCRIZIONE_STATO: Readonly<Record<StatoAppalto, string>> = {
  BOZZA: 'in bozza',
  IN_LAV: 'in lavorazione',
  CONF: 'confermato',
  IN_ATT_PUBB: 'in attesa di pubblicazione',
  PUBB: 'pubblicato',
  CANC: 'cancellato',
  IN_STOP_PUBB: 'con pubblicazione sospesa',
};

export const DESCRIZIONE_OPERAZIONE: Readonly<Record<OperazioneAnac, string>> = {
  CONFERMA: 'conferma',
  PUBBLICAZIONE: 'pubblicazione',
  MODIFICA_AVVISO: "modifica dell'avviso",
  CANCELLAZIONE: 'cancellazione',
  VERIFICA: 'verifica presso ANAC',
};

/** The effective instant of the command, as events store it. */
export const ora = (context: DecisionContext): string => context.now.toISOString();

export function esistente(state: AppaltoState): AppaltoEsistente {
  if (!state.esiste) throw nonTrovato('APPALTO_NON_TROVATO', 'Appalto non trovato');
  return state;
}

export function nonCancellato(state: AppaltoState, codice: string, azione: string): AppaltoEsistente {
  const s = esistente(state);
  if (s.stato === 'CANC') throw conflitto(codice, `Non è possibile ${azione}: l'appalto è cancellato`);
  return s;
}

/**
 * A request is edited locally only while it is a draft or back in lavorazione after a KO, and
 * never while ANAC is working on it (ANAC ERR16, ERR60: operation not allowed in that state).
 */
export function modificabile(state: AppaltoState): AppaltoEsistente {
  const s = esistente(state);
  const { stato, operazioneInCorso: op } = s;
  if (stato !== 'BOZZA' && stato !== 'IN_LAV') {
    throw conflitto('APPALTO_NON_MODIFICABILE', `L'appalto non è modificabile: è ${DESCRIZIONE_STATO[stato]}`, { stato });
  }
  if (op) {
    throw conflitto('APPALTO_NON_MODIFICABILE', `L'appalto non è modificabile: è ${DESCRIZIONE_STATO[stato]} con la ${DESCRIZIONE_OPERAZIONE[op.operazione]} in corso presso ANAC`, {
      stato,
      operazione: op.operazione,
    });
  }
  return s;
}

/** ANAC refuses a call while another one on the same appalto is pending (ERR44, ERR60). */
export function senzaOperazioni(s: AppaltoEsistente): void {
  const op = s.operazioneInCorso;
  if (op) throw conflitto('OPERAZIONE_IN_CORSO', `È in corso la ${DESCRIZIONE_OPERAZIONE[op.operazione]} dell'appalto presso ANAC`, { operazione: op.operazione });
}

/** The outcome of an ANAC operation is recorded only while that operation is in flight. */
export function inCorso(s: AppaltoEsistente, ...attese: readonly OperazioneAnac[]): OperazioneInCorso {
  const op = s.operazioneInCorso;
  if (op && attese.includes(op.operazione)) return op;
  const attesa = attese.map((o) => DESCRIZIONE_OPERAZIONE[o]).join(' o ');
  throw conflitto('OPERAZIONE_NON_IN_CORSO', `Nessuna ${attesa} in corso per l'appalto${op ? `: è in corso la ${DESCRIZIONE_OPERAZIONE[op.operazione]}` : ''}`, {
    operazione: op?.operazione,
  });
}

/** A retried request (same richiestaId) for the operation already in flight changes nothing. */
export const giaRichiesta = (s: AppaltoEsistente, operazione: OperazioneAnac, richiestaId: string): boolean =>
  s.operazioneInCorso?.operazione === operazione && s.operazioneInCorso.richiestaId === richiestaId;
