import { dueDecimali, somma, type Importo } from '../shared/importo.js';
import type { AppaltoEsistente, AppaltoState } from './state.js';

/** Request states of the START listing ("Bozza/Richiesta/Perfezionata/Annullata/Scaduta", manual «Richiedi CIG»). */
export type StatoRichiesta = 'Bozza' | 'Richiesta' | 'Perfezionata' | 'Annullata' | 'Scaduta';

/**
 * PCP CIGs are issued already perfected, and made available "per le procedure aperte negoziate o
 * ristrette — al momento della pubblicazione", "per gli affidamenti diretti — al termine della
 * procedura di affidamento" (manual «Richiedi CIG», docs/fonti.md): a confirmed direct award is
 * "Perfezionata", an open, restricted or negotiated procedure only once published; until then,
 * and while a withdrawal is pending, "Richiesta". "Scaduta" belongs to SIMOG CIGs never perfected
 * and never applies to a PCP appalto.
 */
export function statoRichiesta(state: AppaltoEsistente): StatoRichiesta {
  if (state.stato === 'CANC') return 'Annullata';
  if (state.ritiro) return 'Richiesta';
  if (state.stato === 'BOZZA') return state.operazioneInCorso?.operazione === 'CONFERMA' ? 'Richiesta' : 'Bozza';
  // In lavorazione at ANAC without ever being sent: ANAC holds the draft only to verify it.
  if (state.stato === 'IN_LAV') return state.inviatoIl ? 'Richiesta' : 'Bozza';
  return diretto(state) || state.stato === 'PUBB' ? 'Perfezionata' : 'Richiesta';
}

const diretto = (s: AppaltoEsistente) => s.tipoProcedura === 'AFFIDAMENTO_DIRETTO';

/** "Importo complessivo di gara" (START listing): as given, otherwise the sum of the lots; two decimals, as the listing shows it. */
export function importoComplessivo(state: AppaltoEsistente): Importo {
  return dueDecimali(state.datiGara.importoComplessivo ?? somma(state.lotti.map((l) => l.importo)));
}

/**
 * The CIG is available "per le procedure aperte negoziate o ristrette — al momento della
 * pubblicazione", "per gli affidamenti diretti — al termine della procedura di affidamento"
 * (manual «Richiedi CIG»): conferma OK, the award being part of the request. Not while the
 * request is being withdrawn.
 */
export function cigDisponibili(state: AppaltoState): boolean {
  if (!state.esiste || state.ritiro) return false;
  if (diretto(state)) return state.stato === 'CONF' || state.stato === 'IN_ATT_PUBB' || state.stato === 'PUBB';
  return state.stato === 'PUBB';
}
