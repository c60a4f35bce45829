import { createLocalJWKSet, createRemoteJWKSet, errors, importSPKI, jwtVerify, type JWTVerifyGetKey, type KeyObject } from 'jose';
import { attoreDa, type Attore } from './attore.js';

export interface TokenVerifierOptions {
  readonly issuer: string;
  readonly audience: string;
  /** Tolerated clock difference with the issuer, seconds. */
  readonly clockToleranceSeconds: number;
  /** Where the keys come from: an identity provider's JWKS URL, or one public key (SPKI PEM). */
  readonly keys:
    | { readonly jwksUrl: string }
    | { readonly publicKeyPem: string }
    | { readonly jwks: { keys: unknown[] } }
    /** An OpenID Connect provider: its jwks_uri is discovered on first use (and again after a failed discovery). */
    | { readonly oidcIssuer: string };
  readonly now?: () => Date;
}

export class TokenNonValido extends Error {
  readonly code = 'TOKEN_NON_VALIDO';
  readonly kind = 'unauthenticated';
  constructor(message: string) {
    super(message);
    this.name = 'TokenNonValido';
  }
}

/** No bearer token at all (RFC 6750 §3.1: such an answer names no error). */
export class TokenMancante extends Error {
  readonly code = 'TOKEN_MANCANTE';
  readonly kind = 'unauthenticated';
  constructor(message = 'Autenticazione richiesta: manca il token (Authorization: Bearer …)') {
    super(message);
    this.name = 'TokenMancante';
  }
}

const ALGORITHMS = ['RS256', 'ES256'];
/** How long a verified token is answered from memory at most (then verified again: a key withdrawn from the JWKS counts within this). */
const RICORDA_MS = 60_000;
/** Verified tokens remembered at most; beyond, the memory starts again empty. */
const RICORDATI_MAX = 5_000;

/**
 * Verifies bearer tokens: signature (RS256/ES256), issuer, audience, expiry, not-before. A client
 * sends the same token with every request: once verified, it is answered from memory (the same
 * caller) until its expiry or for RICORDA_MS, whichever comes first, without checking its
 * signature again. A token that failed is never remembered.
 */
export class TokenVerifier {
  private key: Promise<KeyObject | JWTVerifyGetKey> | undefined;
  private readonly verificati = new Map<string, { readonly attore: Attore; readonly finoAl: number }>();

  constructor(private readonly options: TokenVerifierOptions) {}

  async verify(token: string): Promise<Attore> {
    const ora = (this.options.now?.() ?? new Date()).getTime();
    const noto = this.verificati.get(token);
    if (noto && ora < noto.finoAl) return noto.attore;
    if (noto) this.verificati.delete(token);
    const { attore, exp } = await this.verifica(token);
    if (this.verificati.size >= RICORDATI_MAX) this.verificati.clear();
    this.verificati.set(token, { attore, finoAl: Math.min(exp * 1000, ora + RICORDA_MS) });
    return attore;
  }

  /** The caller the token names and its expiry (seconds; `exp` is a required claim). */
  private async verifica(token: string): Promise<{ attore: Attore; exp: number }> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, (await this.resolveKey()) as JWTVerifyGetKey, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ALGORITHMS,
        clockTolerance: this.options.clockToleranceSeconds,
        currentDate: this.options.now?.(),
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw new TokenNonValido(reason(error));
    }
    const result = attoreDa(payload);
    if ('problema' in result) throw new TokenNonValido(`Token non valido: ${result.problema}`);
    return { attore: result.attore, exp: payload.exp as number };
  }

  private resolveKey(): Promise<KeyObject | JWTVerifyGetKey> {
    const keys = this.options.keys;
    this.key ??= 'jwksUrl' in keys
      ? Promise.resolve(createRemoteJWKSet(new URL(keys.jwksUrl)))
      : 'jwks' in keys
        ? Promise.resolve(createLocalJWKSet(keys.jwks as Parameters<typeof createLocalJWKSet>[0]))
        : 'oidcIssuer' in keys
          ? jwksUriDi(keys.oidcIssuer).then((u) => createRemoteJWKSet(new URL(u)))
          : importSpkiAny(keys.publicKeyPem);
    const key = this.key;
    key.catch(() => {
      if (this.key === key) this.key = undefined;
    });
    return key;
  }
}

/** The jwks_uri of an OpenID Connect provider (OpenID Connect Discovery 1.0 §4), checking it names the same issuer. */
export async function jwksUriDi(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const r = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
  if (!r.ok) throw new Error(`OpenID Connect discovery of ${issuer} failed: HTTP ${r.status}`);
  const doc = (await r.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (doc.issuer !== issuer) throw new Error(`OpenID Connect discovery of ${issuer} names another issuer: ${String(doc.issuer)}`);
  if (typeof doc.jwks_uri !== 'string') throw new Error(`OpenID Connect discovery of ${issuer} has no jwks_uri`);
  return doc.jwks_uri;
}

async function importSpkiAny(pem: string): Promise<KeyObject> {
  for (const alg of ALGORITHMS) {
    try {
      return (await importSPKI(pem, alg)) as KeyObject;
    } catch {
      /* try the next algorithm */
    }
  }
  throw new Error('AUTH public key is not an RSA or P-256 SPKI PEM key');
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'Token scaduto';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'Token non ancora valido';
    if (error.claim === 'iss') return 'Token di un emittente non riconosciuto';
    if (error.claim === 'aud') return 'Token destinato a un altro servizio';
    return `Token non valido: claim "${error.claim}"`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'Firma del token non valida';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'Algoritmo di firma non ammesso';
  return 'Token non valido';
}
