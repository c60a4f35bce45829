import { somma, type Importo } from '../shared/importo.js';
import type { AppaltoEsistente, AppaltoState } from './state.js';
import type { StatoAppalto } from './types.js';

/** Request states of seed 002's listing ("Bozza/Richiesta/Perfezionata/Annullata/Scaduta"). */
export type StatoRichiesta = 'Bozza' | 'Richiesta' | 'Perfezionata' | 'Annullata' | 'Scaduta';

/**
 * PCP CIGs are born perfected (seed 002), so a confirmed appalto is "Perfezionata"; "Scaduta"
 * belongs to SIMOG CIGs never perfected and never applies to a PCP appalto.
 */
const STATO_RICHIESTA: Readonly<Record<StatoAppalto, StatoRichiesta>> = {
  BOZZA: 'Bozza',
  IN_LAV: 'Richiesta',
  CONF: 'Perfezionata',
  IN_ATT_PUBB: 'Perfezionata',
  PUBB: 'Perfezionata',
  IN_STOP_PUBB: 'Perfezionata',
  CANC: 'Annullata',
};

/** A draft being sent (conferma in flight) is already "Richiesta". */
export function statoRichiesta(state: AppaltoEsistente): StatoRichiesta {
  if (state.stato === 'BOZZA' && state.operazioneInCorso?.operazione === 'CONFERMA') return 'Richiesta';
  return STATO_RICHIESTA[state.stato];
}

/** "Importo complessivo di gara" (seed 002 listing): as given, otherwise the sum of the lots. */
export function importoComplessivo(state: AppaltoEsistente): Importo {
  return state.datiGara.importoComplessivo ?? somma(state.lotti.map((l) => l.importo));
}

/**
 * Seed 002: the CIG is available "per le procedure aperte negoziate o ristrette — al momento
 * della pubblicazione", "per gli affidamenti diretti — al termine della procedura di
 * affidamento" (conferma OK, the award being part of the request).
 */
export function cigDisponibili(state: AppaltoState): boolean {
  if (!state.esiste) return false;
  if (state.tipoProcedura === 'AFFIDAMENTO_DIRETTO') return state.stato === 'CONF' || state.stato === 'IN_ATT_PUBB' || state.stato === 'PUBB';
  return state.stato === 'PUBB';
}
