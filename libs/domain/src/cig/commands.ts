import type { DecisionContext } from '../shared/decider.js';
import type { Persona, Regime } from '../shared/vocabolario.js';
import type { DatiSmartCig } from '../smart-cig/types.js';
import type { DatiPubblicazione, RichiestaCig } from './richiesta.js';

/**
 * Commands of one CIG's stream: the PCP ones (assign, perfect, use, supersede, cancel with the
 * appalto), then SIMOG (regole/simog.ts) and SmartCIG (regole/smart-cig.ts).
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
      /** SIMOG lots and codes registered by hand: owner and object. */
      readonly richiesta?: RichiestaCig;
    }
  | { readonly type: 'PerfezionaCig' }
  | {
      readonly type: 'UtilizzaCig';
      readonly idProcedura?: string;
      readonly idContratto?: string;
      /** Computed by the handler from the appalto with `cigDisponibili` (manuale START Richiedi CIG). */
      readonly disponibile: boolean;
    }
  | { readonly type: 'SostituisciCig'; readonly sostituitoDa: string }
  | { readonly type: 'CancellaCigPerAppalto'; readonly motivo: string }
  // SIMOG (avviso AVCP-SIMOG 2011)
  | { readonly type: 'PerfezionaCigSimog'; readonly pubblicazione: DatiPubblicazione }
  | { readonly type: 'CancellaCigSimog'; readonly codiceMotivo: number; readonly nota?: string }
  | { readonly type: 'RichiediAnnullamento'; readonly motivazione: string; readonly documentoIdentitaRup: string; readonly rup: Persona; readonly protocollo?: string }
  | { readonly type: 'RegistraEsitoAnnullamento'; readonly accolto: boolean; readonly motivo?: string }
  /** The deadline scheduler: a SIMOG CIG not perfected by `dovutaIl` expires. */
  | { readonly type: 'ScadenzaCig'; readonly dovutaIl: string }
  // SmartCIG (nota SMART CIG 2011)
  | { readonly type: 'RegistraSmartCig'; readonly cig: string; readonly appaltoId: string; readonly richiesta: RichiestaCig; readonly dati: DatiSmartCig }
  | { readonly type: 'ModificaSmartCig'; readonly dati: DatiSmartCig }
  | { readonly type: 'AnnullaSmartCig'; readonly motivo?: string };

export interface CigContext extends DecisionContext {
  /** The official CIG check (libs/anac): every code the domain accepts is validated. */
  readonly cigValido: (codice: string) => boolean;
}
