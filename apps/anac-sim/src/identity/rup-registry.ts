/**
 * Who may operate for which stazione appaltante. At ANAC a user must be registered with a role
 * for the SA (ANAC's `documento-specifiche-servizi-npa.md`); the simulator keeps a small registry instead of ANAC's profiles.
 */
export interface StazioneAppaltanteRegistrata {
  readonly codiceFiscale: string;
  readonly codiceAusa: string;
  readonly denominazione?: string;
}

export interface RupRegistrato {
  /** Codice fiscale of the RUP (JWS claim `userCodiceFiscale`). */
  readonly codiceFiscale: string;
  readonly sa: StazioneAppaltanteRegistrata;
}

export const REGIONE_TOSCANA: StazioneAppaltanteRegistrata = {
  codiceFiscale: '01386030488',
  codiceAusa: '0000246180',
  denominazione: 'Regione Toscana',
};

export const COMUNE_DI_PISA: StazioneAppaltanteRegistrata = {
  codiceFiscale: '00341620508',
  codiceAusa: '0000155421',
  denominazione: 'Comune di Pisa',
};

/** `RSSNNA75C45D612J` is deliberately absent: the RUP that is not registered anywhere. */
export const RUP_REGISTRY_PREDEFINITO: readonly RupRegistrato[] = [
  { codiceFiscale: 'GVNMRC70A01D612Q', sa: REGIONE_TOSCANA },
  { codiceFiscale: 'BNCFNC80A41D612P', sa: REGIONE_TOSCANA },
  { codiceFiscale: 'VRDLGU68M12G702Z', sa: COMUNE_DI_PISA },
];

/**
 * The SA the user may act for, given the JWS claims; undefined when the user is not a RUP of it.
 * `SACodiceFiscale` is optional in the JWS: when present it must name the same SA as the AUSA code.
 */
export function saDelRup(
  registry: readonly RupRegistrato[],
  userCodiceFiscale: string,
  saCodiceAusa: string,
  saCodiceFiscale: string | undefined,
): StazioneAppaltanteRegistrata | undefined {
  return registry.find(
    (r) =>
      r.codiceFiscale === userCodiceFiscale &&
      r.sa.codiceAusa === saCodiceAusa &&
      (saCodiceFiscale === undefined || r.sa.codiceFiscale === saCodiceFiscale),
  )?.sa;
}

/** Checks a registry read from JSON (SIM_RUP_REGISTRY); throws with the offending entry. */
export function leggiRupRegistry(value: unknown): RupRegistrato[] {
  if (!Array.isArray(value)) throw new Error('il registro RUP deve essere un array JSON');
  return value.map((entry, i) => {
    const e = entry as { codiceFiscale?: unknown; sa?: { codiceFiscale?: unknown; codiceAusa?: unknown; denominazione?: unknown } };
    const testo = (v: unknown) => typeof v === 'string' && v.trim() !== '';
    if (!testo(e?.codiceFiscale) || !testo(e.sa?.codiceFiscale) || !testo(e.sa?.codiceAusa)) {
      throw new Error(`registro RUP, elemento ${i}: attesi { codiceFiscale, sa: { codiceFiscale, codiceAusa, denominazione? } }`);
    }
    return {
      codiceFiscale: e.codiceFiscale as string,
      sa: {
        codiceFiscale: e.sa!.codiceFiscale as string,
        codiceAusa: e.sa!.codiceAusa as string,
        ...(typeof e.sa!.denominazione === 'string' ? { denominazione: e.sa!.denominazione } : {}),
      },
    };
  });
}
