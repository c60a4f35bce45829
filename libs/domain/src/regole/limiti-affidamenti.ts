/**
 * The amount limits of the direct-award forms (PCP, from 1 January 2024), in euro cents, with
 * their source. AD5: "affidamento diretto di importo inferiore a 5.000 euro" (art. 50 d.lgs.
 * 36/2023; ANAC ERR100 on the award total, REG103 on the lots total; exactly 5,000 is refused).
 * AD3: the other direct awards, neither total below 5,000 (ANAC REG104).
 */
export interface LimiteAffidamentoDiretto {
  /** Lowest total allowed (cents), inclusive. */
  readonly minimo?: number;
  /** Highest total allowed (cents), exclusive. */
  readonly sottoA?: number;
  readonly codiceLotti: string;
  readonly codicePartecipanti: string;
  readonly messaggio: string;
  readonly fonte: string;
}

const CINQUEMILA_EURO = 500_000;

/** By ANAC `codiceScheda`. */
export const LIMITI_AFFIDAMENTI_DIRETTI: Readonly<Partial<Record<string, LimiteAffidamentoDiretto>>> = {
  AD5: {
    minimo: 1,
    sottoA: CINQUEMILA_EURO,
    codiceLotti: 'REG103',
    codicePartecipanti: 'ERR100',
    messaggio: "Importo totale non consentito per l'affidamento diretto sotto 5.000 euro: deve essere maggiore di zero e inferiore a 5.000 euro",
    fonte: 'art. 50 d.lgs. 36/2023; ANAC, regole della scheda AD5 (ERR100, REG103)',
  },
  AD3: {
    minimo: CINQUEMILA_EURO,
    codiceLotti: 'REG104',
    codicePartecipanti: 'REG104',
    messaggio: "L'importo totale dell'affidamento diretto (scheda AD3) non può essere inferiore a 5.000 euro",
    fonte: 'art. 50 d.lgs. 36/2023; ANAC, regole della scheda AD3 (REG104)',
  },
};

/** Whether a total (cents) is within the form's limits. */
export const entroLimiti = (limite: LimiteAffidamentoDiretto, centesimi: number): boolean =>
  (limite.minimo === undefined || centesimi >= limite.minimo) && (limite.sottoA === undefined || centesimi < limite.sottoA);
