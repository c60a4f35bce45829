/**
 * The schede the simulator accepts in crea-appalto, and how their bodies are laid out
 * (ANAC's interface specification, `specifiche-servizi-appalto.yaml`). Others are valid at ANAC but answered `ERR3` here.
 *
 * - `AD`: direct awards; lots are `anacForm.aggiudicazioni[]`, the amount is the awardees' `importo`.
 * - `P`: notices without eForm; lots are `anacForm.lotti[]` with `datiBase { oggetto, importo }`.
 * - `P1`: notices published on TED; lot description and value live in the eForm (`body.eform`),
 *   so `datiBase` of a lot is checked only when present.
 */
export type FamigliaScheda = 'AD' | 'P' | 'P1';

export interface SchedaSupportata {
  readonly famiglia: FamigliaScheda;
  readonly espdObbligatorio: boolean;
  readonly eformObbligatorio: boolean;
  /** Direct awards have an amount window: AD5 below 5 000 €, AD3 from 5 000 €. */
  readonly importoTotale?: { readonly minimo?: number; readonly sotto?: number };
}

// AD5 "inferiore a 5.000 euro" vs REG103 "non può superare i 5K": the stricter reading (< 5000).
export const SOGLIA_AD5 = 5_000;

export const SCHEDE_SUPPORTATE: Readonly<Record<string, SchedaSupportata>> = {
  AD5: { famiglia: 'AD', espdObbligatorio: false, eformObbligatorio: false, importoTotale: { sotto: SOGLIA_AD5 } },
  AD3: { famiglia: 'AD', espdObbligatorio: false, eformObbligatorio: false, importoTotale: { minimo: SOGLIA_AD5 } },
  P5: { famiglia: 'P', espdObbligatorio: false, eformObbligatorio: false },
  P2_16: { famiglia: 'P', espdObbligatorio: true, eformObbligatorio: false },
  P2_17: { famiglia: 'P', espdObbligatorio: true, eformObbligatorio: false },
  P1_16: { famiglia: 'P1', espdObbligatorio: true, eformObbligatorio: true },
  P1_17: { famiglia: 'P1', espdObbligatorio: true, eformObbligatorio: true },
};
