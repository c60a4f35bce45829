import type { Regime } from '../shared/vocabolario.js';
import type { DatiSmartCig } from '../smart-cig/types.js';
import type { CigEvent } from './events.js';
import type { DatiImportati } from './dati-importati.js';
import type { DatiPubblicazione, RichiestaCig } from './richiesta.js';

/**
 * Life of a code: assigned, perfected (PCP: at once; SIMOG with the publication data; SmartCIG
 * with the communication of its data), then possibly superseded by modifica-avviso, cancelled,
 * annulled on request (perfected SIMOG) or as a SmartCIG communication, or expired (SIMOG not
 * perfected in time). "Utilizzato" is not a state but a link (manuale START Richiedi CIG listing column).
 */
export type StatoCig = 'ASSEGNATO' | 'PERFEZIONATO' | 'SOSTITUITO' | 'CANCELLATO' | 'ANNULLATO' | 'SCADUTO';

export interface UtilizzoCig {
  readonly idProcedura?: string;
  readonly idContratto?: string;
  readonly il: string;
}

/** An annulment request and its outcome (avviso AVCP-SIMOG 2011). */
export interface Annullamento {
  readonly stato: 'RICHIESTO' | 'ACCOLTO' | 'RESPINTO';
  readonly motivazione: string;
  readonly documentoIdentitaRup: string;
  readonly protocollo?: string;
  readonly richiestoIl: string;
  readonly esitoIl?: string;
  readonly motivoRifiuto?: string;
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
  readonly codiceMotivoCancellazione?: number;
  /** SIMOG, SmartCIG, manual registration: owner and object (no PCP appalto). */
  readonly richiesta?: RichiestaCig;
  readonly pubblicazione?: DatiPubblicazione;
  /** SmartCIG: the data communicated (nota SMART CIG 2011). */
  readonly datiSmartCig?: DatiSmartCig;
  readonly annullamento?: Annullamento;
  readonly scadutoIl?: string;
  /** From ANAC's open data (historic import). */
  readonly importato?: DatiImportati;
}

export type CigState = CigVuoto | CigEsistente;

export const initialState: CigState = { esiste: false };

/** Folds one event; dates come from the events only. */
export function evolve(state: CigState, event: CigEvent): CigState {
  if (event.type === 'CigAssegnato') {
    const { il, ...dati } = event.data;
    return { ...dati, esiste: true, stato: 'ASSEGNATO', perfezionato: false, assegnatoIl: il };
  }
  if (event.type === 'CigImportato') {
    const { cig, regime, appaltoId, lotIdentifier, dati, il } = event.data;
    return { esiste: true, cig, regime, appaltoId, lotIdentifier, stato: 'ASSEGNATO', perfezionato: false, assegnatoIl: il, importato: dati };
  }
  if (!state.esiste) return state;
  return evolveEsistente(state, event);
}

function evolveEsistente(state: CigEsistente, event: CigEvent): CigState {
  switch (event.type) {
    case 'CigPerfezionato':
      return { ...state, stato: 'PERFEZIONATO', perfezionato: true, perfezionatoIl: event.data.il, ...(event.data.pubblicazione ? { pubblicazione: event.data.pubblicazione } : {}) };
    case 'CigUtilizzato': {
      const { idProcedura, idContratto, il } = event.data;
      return { ...state, utilizzo: { idProcedura: idProcedura ?? state.utilizzo?.idProcedura, idContratto: idContratto ?? state.utilizzo?.idContratto, il } };
    }
    case 'CigSostituito':
      return { ...state, stato: 'SOSTITUITO', sostituitoDa: event.data.sostituitoDa };
    case 'CigCancellato':
      return { ...state, stato: 'CANCELLATO', motivoCancellazione: event.data.motivo, codiceMotivoCancellazione: event.data.codiceMotivo };
    case 'AnnullamentoRichiesto': {
      const { motivazione, documentoIdentitaRup, protocollo, il } = event.data;
      return { ...state, annullamento: { stato: 'RICHIESTO', motivazione, documentoIdentitaRup, protocollo, richiestoIl: il } };
    }
    case 'CigAnnullato':
      return { ...state, stato: 'ANNULLATO', ...(state.annullamento ? { annullamento: { ...state.annullamento, stato: 'ACCOLTO', esitoIl: event.data.il } } : {}) };
    case 'AnnullamentoRespinto':
      return state.annullamento ? { ...state, annullamento: { ...state.annullamento, stato: 'RESPINTO', esitoIl: event.data.il, motivoRifiuto: event.data.motivo } } : state;
    case 'CigScaduto':
      return { ...state, stato: 'SCADUTO', scadutoIl: event.data.il };
    case 'CigComunicato':
      // A SmartCIG is complete once its data are communicated (nota SMART CIG 2011: "la pratica è completa").
      return { ...state, stato: 'PERFEZIONATO', perfezionato: true, perfezionatoIl: state.perfezionatoIl ?? event.data.il, datiSmartCig: event.data.dati };
    case 'CigAssegnato':
    case 'CigImportato':
      return state;
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}
