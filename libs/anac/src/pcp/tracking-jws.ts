import { randomIds, systemClock, type Clock, type IdGenerator } from '#platform';
import { createPrivateKey, sign as firmaRsa, type KeyObject } from 'node:crypto';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import type { AnacCallContext } from '../gateway/anac-gateway.js';

/** `businessFlowID` of the first transaction, "necessariamente comunicaAppalto.crea-appalto" (`jws.yaml`). */
export const BUSINESS_FLOW_INIZIALE = '00000000-0000-0000-0000-000000000000';

/** ANAC: "durata massima del token fissata a 10 secondi, claim: iat" (`specifiche-jws/roadmap.md`). */
export const DURATA_MASSIMA_JWS_S = 10;

/** Static part of ANAC's tracking JWS: the platform's key and registration. */
export interface TrackingJwsOptions {
  /** RSA private key, PKCS#8 PEM, the one registered on PDND for the client (RS256). */
  readonly privateKeyPem: string;
  /** `kid` of that key on PDND. */
  readonly kid: string;
  /**
   * PDND client id. Not a claim of `jws.yaml`, but production clients send it as `iss` and
   * `sub` and ANAC accepts extra claims; omitted when not given.
   */
  readonly clientId?: string;
  /** PDND purpose (finalità) id; sent as `purposeId` when given, like `clientId`. */
  readonly purposeId?: string;
  /** Code of the certified platform in ANAC's register (`regCodicePiattaforma`). */
  readonly regCodicePiattaforma: string;
  /** Code of the calling component (`regCodiceComponente`). */
  readonly regCodiceComponente: string;
  /** Level of assurance of the RUP's authentication (`userLoa`, "3" or "4"); default "3". */
  readonly userLoa?: '3' | '4';
  /**
   * How the RUP was authenticated (`userIdpType`); default `CUSTOM`, "sistema interno della
   * piattaforma certificata" in `jws.yaml`: CIG Ledger authenticates its users itself.
   */
  readonly userIdpType?: 'SPID' | 'CIE' | 'CNS' | 'EIDAS' | 'CUSTOM';
  /** Seconds from `iat` to `exp`; default and maximum 10. */
  readonly lifetimeSeconds?: number;
  readonly clock?: Clock;
  /** Source of `jti` values (one per token). */
  readonly ids?: IdGenerator;
}

/** The per-call part of the token. */
export interface ChiamataTracciata {
  /** Base URL of the e-service called, e.g. `https://apigw-test.anticorruzione.it/modi/rest/ComunicaAppalto/v2`. */
  readonly audience: string;
  readonly ctx: AnacCallContext;
  /** The idAppalto, or {@link BUSINESS_FLOW_INIZIALE} for crea-appalto. */
  readonly businessFlowId: string;
  /** Unique id of this request (the client's `X-Request-ID`). */
  readonly traceId: string;
  /** Unique id of the user operation the request belongs to (stays the same across retries). */
  readonly spanId: string;
}

/**
 * Signs ANAC's tracking JWS (header `Agid-JWT-TrackingEvidence`, ModI AUDIT_REST_01) with every
 * claim of `specifiche-jws/jws.yaml`. A token lives at most 10 s, so a fresh one is signed for
 * every HTTP call, retries included; `jti` is new each time (ANAC checks its uniqueness).
 */
export class TrackingJwsSigner {
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly durata: number;
  private chiave?: KeyObject;
  private intestazione?: string;

  constructor(private readonly options: TrackingJwsOptions) {
    const durata = options.lifetimeSeconds ?? DURATA_MASSIMA_JWS_S;
    if (!(durata > 0 && durata <= DURATA_MASSIMA_JWS_S)) throw new RangeError(`lifetimeSeconds deve essere in (0, ${DURATA_MASSIMA_JWS_S}]`);
    this.durata = durata;
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? randomIds;
  }

  /** The claims of the token for this call, `iat` = `nbf` = now, `exp` = now + lifetime. */
  claims(c: ChiamataTracciata): Record<string, unknown> {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const o = this.options;
    return {
      ...(o.clientId ? { iss: o.clientId, sub: o.clientId } : {}),
      aud: c.audience,
      iat,
      nbf: iat,
      exp: iat + this.durata,
      jti: this.ids.uuid(),
      ...(o.purposeId ? { purposeId: o.purposeId } : {}),
      userCodiceFiscale: c.ctx.rup.codiceFiscale,
      // The RUP is ANAC's "Responsabile del Progetto"; delegates (DRP) are not handled here.
      userRole: 'RP',
      userLoa: o.userLoa ?? '3',
      userIdpType: o.userIdpType ?? 'CUSTOM',
      // Casing exactly as jws.yaml spells it: SACodiceFiscale but SAcodiceAUSA.
      SACodiceFiscale: c.ctx.stazioneAppaltante.codiceFiscale,
      SAcodiceAUSA: c.ctx.stazioneAppaltante.codiceAusa,
      regCodicePiattaforma: o.regCodicePiattaforma,
      regCodiceComponente: o.regCodiceComponente,
      businessFlowID: c.businessFlowId,
      traceID: c.traceId,
      spanID: c.spanId,
    };
  }

  /**
   * A compact RS256 JWS with header `{ kid, alg: "RS256", typ: "JWT" }`. The RSA signature is
   * computed on libuv's thread pool (node:crypto's asynchronous `sign`), not on the event loop:
   * every call to ANAC signs a fresh token, and at the flow's rate this is the costliest step the
   * process manager takes.
   */
  async sign(c: ChiamataTracciata): Promise<string> {
    const chiave = this.chiaveRsa();
    this.intestazione ??= base64url(JSON.stringify({ kid: this.options.kid, alg: 'RS256', typ: 'JWT' }));
    const daFirmare = `${this.intestazione}.${base64url(JSON.stringify(this.claims(c)))}`;
    const firma = await new Promise<Buffer>((resolve, reject) =>
      firmaRsa('sha256', Buffer.from(daFirmare), chiave, (error, signature) => (error ? reject(error) : resolve(signature))),
    );
    return `${daFirmare}.${firma.toString('base64url')}`;
  }

  /** RS256 wants an RSA key of at least 2048 bits (RFC 7518 §3.3), as jose checks it. */
  private chiaveRsa(): KeyObject {
    if (this.chiave) return this.chiave;
    const chiave = createPrivateKey(this.options.privateKeyPem);
    const bit = chiave.asymmetricKeyDetails?.modulusLength ?? 0;
    if (chiave.asymmetricKeyType !== 'rsa' || bit < 2048) throw new TypeError(`la chiave del JWS di tracciamento deve essere RSA di almeno 2048 bit (RS256), non ${chiave.asymmetricKeyType} di ${bit}`);
    return (this.chiave = chiave);
  }
}

const base64url = (testo: string): string => Buffer.from(testo).toString('base64url');

/** A fresh RSA key pair for development and tests (never for ANAC's environments). */
export async function generateDevKeyPair(kid = 'cig-ledger-dev'): Promise<{ privateKeyPem: string; publicKeyPem: string; kid: string }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  return { privateKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey), kid };
}
