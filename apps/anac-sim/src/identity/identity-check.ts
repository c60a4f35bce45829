import { createPublicKey, KeyObject, verify, type webcrypto } from 'node:crypto';
import type { KeyInput } from 'jose';
import { PcpError } from '../pcp/errori.js';
import { OPERAZIONI, type OperazionePcp } from '../pcp/operazioni.js';
import { JtiRegistry } from './jti-registry.js';
import { saDelRup, type RupRegistrato, type StazioneAppaltanteRegistrata } from './rup-registry.js';

/** The identity a call is made with, as established from the PDND voucher and the ANAC JWS. */
export interface Chiamante {
  readonly userCodiceFiscale: string;
  readonly userRole: 'RP' | 'DRP';
  readonly sa: StazioneAppaltanteRegistrata;
  readonly jti: string;
  readonly businessFlowID: string;
}

export interface IdentityOptions {
  readonly registry: readonly RupRegistrato[];
  /** When set, `Authorization: Bearer <voucher>` must carry exactly this value. */
  readonly voucher?: string;
  /** When set, the JWS signature is verified (RS256); otherwise only decoded. */
  readonly jwsPublicKey?: KeyInput | string;
}

// ANAC JWS lifetime: "durata massima del token fissata a 10 secondi, claim: iat" (specifiche-jws
// roadmap.md). Read as the age of iat at reception (ANAC, `docs/specifiche-jws/roadmap.md`), with 2 s of clock skew.
const ETA_MASSIMA_IAT_S = 10;
const TOLLERANZA_S = 2;

// Required claims of specifiche-jws/jws.yaml (`SACodiceFiscale` is the only optional one).
const CLAIM_NUMERICI = ['iat', 'nbf', 'exp'] as const;
const CLAIM_TESTUALI = [
  'jti', 'aud', 'userCodiceFiscale', 'userRole', 'userLoa', 'userIdpType', 'SAcodiceAUSA',
  'regCodicePiattaforma', 'regCodiceComponente', 'businessFlowID', 'traceID', 'spanID',
] as const;
const VALORI_AMMESSI: Readonly<Record<string, readonly string[]>> = {
  userRole: ['RP', 'DRP'],
  userLoa: ['3', '4'],
  userIdpType: ['SPID', 'CIE', 'CNS', 'EIDAS', 'CUSTOM'],
};

const tokenNonValido = (dettaglio: string) => PcpError.di('SEC14', dettaglio);

function decodificaParte(parte: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(parte, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks voucher and JWS the way ANAC's gateway does (ANAC, `docs/specifiche-jws`): 401 `SEC14` for any token
 * problem (missing, malformed, bad signature, missing claim, expired, iat too old, replayed jti),
 * 403 `SEC05` when the user is not a RUP of the SA, 403 `SEC09` when the role is not enough.
 */
export class IdentityCheck {
  private readonly jti = new JtiRegistry();
  private chiave?: KeyObject;

  constructor(private readonly options: IdentityOptions) {}

  async verifica(headers: Record<string, string | string[] | undefined>, operazione: OperazionePcp, now: Date): Promise<Chiamante> {
    this.verificaVoucher(headers.authorization);
    const jws = headers['agid-jwt-trackingevidence'];
    if (typeof jws !== 'string' || jws.trim() === '') throw tokenNonValido('header Agid-JWT-TrackingEvidence mancante');
    const claims = this.leggiClaims(jws.trim());
    this.verificaClaims(claims, operazione, now);
    const c = claims as Record<string, string> & Record<'iat' | 'exp', number>;
    if (!this.jti.registra(c.jti, now.getTime(), (Math.max(c.exp, c.iat + ETA_MASSIMA_IAT_S) + TOLLERANZA_S) * 1000)) {
      throw tokenNonValido(`jti ${c.jti} già utilizzato`);
    }
    const saCodiceFiscale = typeof claims.SACodiceFiscale === 'string' && claims.SACodiceFiscale !== '' ? claims.SACodiceFiscale : undefined;
    const sa = saDelRup(this.options.registry, c.userCodiceFiscale, c.SAcodiceAUSA, saCodiceFiscale);
    if (!sa) throw PcpError.di('SEC05', `non sei RUP per questa SA (${c.userCodiceFiscale}, AUSA ${c.SAcodiceAUSA})`);
    // crea-appalto is reserved to the RP ("in via esclusiva", ANAC's `documento-specifiche-servizi-npa.md`).
    if (operazione === 'crea-appalto' && c.userRole !== 'RP') throw PcpError.di('SEC09', 'crea-appalto è riservata al ruolo RP');
    return { userCodiceFiscale: c.userCodiceFiscale, userRole: c.userRole as 'RP' | 'DRP', sa, jti: c.jti, businessFlowID: c.businessFlowID };
  }

  private verificaVoucher(authorization: string | string[] | undefined): void {
    const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
    if (!match) throw tokenNonValido('voucher PDND mancante: atteso Authorization: Bearer <voucher>');
    if (this.options.voucher !== undefined && match[1] !== this.options.voucher) throw tokenNonValido('voucher PDND non valido');
  }

  private leggiClaims(jws: string): Record<string, unknown> {
    const parti = jws.split('.');
    const header = parti.length === 3 ? decodificaParte(parti[0]) : undefined;
    const claims = parti.length === 3 ? decodificaParte(parti[1]) : undefined;
    if (!header || !claims) throw tokenNonValido('JWS non in formato compatto (header.payload.firma)');
    if (this.options.jwsPublicKey !== undefined && !this.firmaValida(header, parti[0]!, parti[1]!, parti[2]!)) throw tokenNonValido('firma del JWS non valida');
    return claims;
  }

  /**
   * RS256 (RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 §3.3) over `header.payload`, verified with
   * node:crypto on the spot: no other algorithm, no `crit` extension, a signature in base64url.
   */
  private firmaValida(header: Record<string, unknown>, parte0: string, parte1: string, firma: string): boolean {
    if (header.alg !== 'RS256' || header.crit !== undefined || !/^[A-Za-z0-9_-]+$/.test(firma)) return false;
    try {
      return verify('sha256', Buffer.from(`${parte0}.${parte1}`), this.chiavePubblica(), Buffer.from(firma, 'base64url'));
    } catch {
      return false;
    }
  }

  private chiavePubblica(): KeyObject {
    const key = this.options.jwsPublicKey!;
    this.chiave ??= typeof key === 'string' ? createPublicKey(key) : key instanceof KeyObject ? key : KeyObject.from(key as webcrypto.CryptoKey);
    return this.chiave;
  }

  private verificaClaims(claims: Record<string, unknown>, operazione: OperazionePcp, now: Date): void {
    for (const nome of CLAIM_NUMERICI) {
      if (typeof claims[nome] !== 'number' || !Number.isFinite(claims[nome])) throw tokenNonValido(`claim ${nome} mancante o non numerico`);
    }
    for (const nome of CLAIM_TESTUALI) {
      if (typeof claims[nome] !== 'string' || claims[nome] === '') throw tokenNonValido(`claim ${nome} mancante`);
      const ammessi = VALORI_AMMESSI[nome];
      if (ammessi && !ammessi.includes(claims[nome] as string)) throw tokenNonValido(`claim ${nome} non ammesso: ${String(claims[nome])}`);
    }
    // aud is the base URL of the e-service called; hosts differ between environments and
    // ANAC's own example still says v1, so only the e-service segment is compared.
    const eService = OPERAZIONI[operazione].eService;
    if (!(claims.aud as string).split(/[/?#]/).includes(eService)) throw tokenNonValido(`aud non riferito all'e-service ${eService}`);
    const adesso = now.getTime() / 1000;
    const { iat, nbf, exp } = claims as Record<'iat' | 'nbf' | 'exp', number>;
    if (iat > adesso + TOLLERANZA_S) throw tokenNonValido('iat nel futuro');
    if (adesso - iat > ETA_MASSIMA_IAT_S + TOLLERANZA_S) throw tokenNonValido(`JWS scaduto: iat più vecchio di ${ETA_MASSIMA_IAT_S} s`);
    if (nbf > adesso + TOLLERANZA_S) throw tokenNonValido('JWS non ancora valido (nbf)');
    if (exp <= adesso - TOLLERANZA_S) throw tokenNonValido('JWS scaduto (exp)');
  }
}
