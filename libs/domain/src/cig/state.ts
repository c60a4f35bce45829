import type { Regime } from '../appalto/types.js';
import type { CigEvent } from './events.js';

/**
 * Life of a code: assigned, perfected (PCP: at once), then possibly superseded by modifica-avviso
 * or cancelled with its appalto. "Utilizzato" is not a state but a link (seed 002 listing column).
 * SIMOG and SmartCIG add their own states (scaduto, annullato) with their rules.
 */
export type StatoCig = 'ASSEGNATO' | 'PERFEZIONATO' | 'SOSTITUITO' | 'CANCELLATO';

export interface UtilizzoCig {
  readonly idProcedura?: string;
  readonly idContratto?: string;
  readonly il: string;
}

export interface CigVuoto {
  readonly esiste: false;
}

export interface CigEsistente {
  readonly esiste: true;
  readonly cig: string;
  readonly regime: Regime;
  readonly appaltoId: string;
  readonly lotIdentifier: string;
  readonly idAppaltoAnac?: string;
  readonly sostituisce?: string;
  readonly stato: StatoCig;
  /** Whether it was ever perfected (still true once superseded or cancelled). */
  readonly perfezionato: boolean;
  readonly assegnatoIl: string;
  readonly perfezionatoIl?: string;
  readonly utilizzo?: UtilizzoCig;
  readonly sostituitoDa?: string;
  readonly motivoCancellazione?: string;
}

export type CigState = CigVuoto | CigEsistente;

export const initialState: CigState = { esiste: false };

/** Folds one event; dates come from the events only. */
export function evolve(state: CigState, event: CigEvent): CigState {
  if (event.type === 'CigAssegnato') {
    const { il, ...dati } = event.data;
    return { ...dati, esiste: true, stato: 'ASSEGNATO', perfezionato: false, assegnatoIl: il };
  }
  if (!state.esiste) return state;
  switch (event.type) {
    case 'CigPerfezionato':
      return { ...state, stato: 'PERFEZIONATO', perfezionato: true, perfezionatoIl: event.data.il };
    case 'CigUtilizzato': {
      const { idProcedura, idContratto, il } = event.data;
      return { ...state, utilizzo: { idProcedura: idProcedura ?? state.utilizzo?.idProcedura, idContratto: idContratto ?? state.utilizzo?.idContratto, il } };
    }
    case 'CigSostituito':
      return { ...state, stato: 'SOSTITUITO', sostituitoDa: event.data.sostituitoDa };
    case 'CigCancellato':
      return { ...state, stato: 'CANCELLATO', motivoCancellazione: event.data.motivo };
    // Decided by the SIMOG and SmartCIG rules, which will evolve them with their own states.
    case 'AnnullamentoRichiesto':
    case 'CigAnnullato':
    case 'AnnullamentoRespinto':
    case 'CigScaduto':
      return state;
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}
