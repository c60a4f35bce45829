import type { DecisionContext } from '../shared/decider.js';
import type { Regime } from '../appalto/types.js';

/**
 * Commands of one CIG's stream. The SIMOG and SmartCIG ones (expiry, annulment, data
 * communication) are added alongside by their rules.
 */
export type CigCommand =
  | {
      readonly type: 'AssegnaCig';
      readonly cig: string;
      readonly regime: Regime;
      readonly appaltoId: string;
      readonly lotIdentifier: string;
      readonly idAppaltoAnac?: string;
      readonly sostituisce?: string;
    }
  | { readonly type: 'PerfezionaCig' }
  | {
      readonly type: 'UtilizzaCig';
      readonly idProcedura?: string;
      readonly idContratto?: string;
      /** Computed by the handler from the appalto with `cigDisponibili` (seed 002). */
      readonly disponibile: boolean;
    }
  | { readonly type: 'SostituisciCig'; readonly sostituitoDa: string }
  | { readonly type: 'CancellaCigPerAppalto'; readonly motivo: string };

export interface CigContext extends DecisionContext {
  /** The official CIG check (libs/anac): every code the domain accepts is validated. */
  readonly cigValido: (codice: string) => boolean;
}
