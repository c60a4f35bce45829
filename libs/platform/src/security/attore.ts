/** Roles of the platform's users (manuale START Richiedi CIG profiles plus oversight roles). */
export const RUOLI = ['BUYER', 'RESPONSABILE_EPROCUREMENT', 'RUP', 'AUDITOR', 'RPCT', 'ADMIN'] as const;
export type Ruolo = (typeof RUOLI)[number];

/**
 * The verified caller of a request, from the bearer token. It is the only source of the
 * `actor` of every event: nothing in a request body can set it.
 */
export interface Attore {
  readonly userId: string;
  readonly nome: string;
  readonly codiceFiscale: string;
  readonly ruoli: readonly Ruolo[];
  /** Office whose requests the user sees and works on (manuale START Richiedi CIG). */
  readonly ufficio: string;
  readonly centriDiCosto: readonly string[];
  /** Codice fiscale of the user's stazione appaltante. */
  readonly stazioneAppaltante: string;
}

/** The token claims that carry an Attore (besides the standard iss/aud/sub/exp/nbf). */
export interface AttoreClaims {
  readonly sub: string;
  readonly name: string;
  readonly cf: string;
  readonly roles: readonly string[];
  readonly ufficio: string;
  readonly cdc: readonly string[];
  readonly sa: string;
}

export function claimsDi(attore: Attore): AttoreClaims {
  return {
    sub: attore.userId,
    name: attore.nome,
    cf: attore.codiceFiscale,
    roles: attore.ruoli,
    ufficio: attore.ufficio,
    cdc: attore.centriDiCosto,
    sa: attore.stazioneAppaltante,
  };
}

/** Reads an Attore from verified claims; undefined names the first missing or wrong claim. */
export function attoreDa(claims: Record<string, unknown>): { attore: Attore } | { problema: string } {
  const stringa = (k: string) => (typeof claims[k] === 'string' && (claims[k] as string).length > 0 ? (claims[k] as string) : undefined);
  const elenco = (k: string) => (Array.isArray(claims[k]) && (claims[k] as unknown[]).every((x) => typeof x === 'string') ? (claims[k] as string[]) : undefined);
  for (const k of ['sub', 'name', 'cf', 'ufficio', 'sa']) if (!stringa(k)) return { problema: `claim "${k}" mancante` };
  const roles = elenco('roles');
  if (!roles || roles.length === 0) return { problema: 'claim "roles" mancante' };
  const sconosciuti = roles.filter((r) => !(RUOLI as readonly string[]).includes(r));
  if (sconosciuti.length > 0) return { problema: `ruoli sconosciuti: ${sconosciuti.join(', ')}` };
  return {
    attore: {
      userId: stringa('sub')!,
      nome: stringa('name')!,
      codiceFiscale: stringa('cf')!,
      ruoli: roles as Ruolo[],
      ufficio: stringa('ufficio')!,
      centriDiCosto: elenco('cdc') ?? [],
      stazioneAppaltante: stringa('sa')!,
    },
  };
}
