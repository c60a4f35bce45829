import { randomUUID } from 'node:crypto';
import { SignJWT, type KeyInput } from 'jose';
import { systemClock, type Clock } from '#platform';

/**
 * Builds the ANAC tracking JWS (`Agid-JWT-TrackingEvidence`) with every claim of
 * specifiche-jws/jws.yaml, valid for 10 s from the clock's now. Without a private key the
 * signature part is a placeholder: the simulator verifies signatures only when given a public key.
 */
export interface IdentitaPcp {
  readonly userCodiceFiscale: string;
  readonly sa: { readonly codiceFiscale?: string; readonly codiceAusa: string };
  readonly userRole?: 'RP' | 'DRP';
}

export interface OpzioniJws {
  /** Base URL of the e-service called, e.g. `${sim.url}/ComunicaAppalto/v2`. */
  readonly aud: string;
  readonly clock?: Clock;
  /** Claim overrides; a claim set to `undefined` is removed (to test missing claims). */
  readonly claims?: Readonly<Record<string, unknown>>;
  readonly privateKey?: KeyInput;
  readonly kid?: string;
}

export const BUSINESS_FLOW_INIZIALE = '00000000-0000-0000-0000-000000000000';

export function claimsTracciamento(identita: IdentitaPcp, o: OpzioniJws): Record<string, unknown> {
  const iat = Math.floor((o.clock ?? systemClock).now().getTime() / 1000);
  const claims: Record<string, unknown> = {
    iat, nbf: iat, exp: iat + 10,
    jti: randomUUID(),
    aud: o.aud,
    userCodiceFiscale: identita.userCodiceFiscale,
    userRole: identita.userRole ?? 'RP',
    userLoa: '3',
    userIdpType: 'SPID',
    ...(identita.sa.codiceFiscale ? { SACodiceFiscale: identita.sa.codiceFiscale } : {}),
    SAcodiceAUSA: identita.sa.codiceAusa,
    regCodicePiattaforma: '0000001',
    regCodiceComponente: '0000001',
    businessFlowID: BUSINESS_FLOW_INIZIALE,
    traceID: randomUUID(),
    spanID: randomUUID(),
    ...o.claims,
  };
  for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
  return claims;
}

const parte = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export async function creaJwsTracciamento(identita: IdentitaPcp, o: OpzioniJws): Promise<string> {
  const claims = claimsTracciamento(identita, o);
  const header = { alg: 'RS256', typ: 'JWT', kid: o.kid ?? 'anac-sim-test' };
  if (o.privateKey) return new SignJWT(claims).setProtectedHeader(header).sign(o.privateKey);
  return `${parte(header)}.${parte(claims)}.${Buffer.from('firma-non-verificata').toString('base64url')}`;
}
