import { ManualClock, SequentialIds } from '#platform';
import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, importPKCS8, importSPKI, jwtVerify, SignJWT } from 'jose';
import { IdentityCheck } from '../../../../apps/anac-sim/src/identity/identity-check.js';
import { RUP_REGISTRY_PREDEFINITO } from '../../../../apps/anac-sim/src/identity/rup-registry.js';
import { contestoDiProva, RUP_TOSCANA, SA_TOSCANA } from './testing/ambiente-di-prova.js';
import { BUSINESS_FLOW_INIZIALE, generateDevKeyPair, TrackingJwsSigner, type ChiamataTracciata } from './tracking-jws.js';

describe("TrackingJwsSigner: ANAC's tracking JWS (specifiche-jws/jws.yaml)", () => {
  let chiavi: Awaited<ReturnType<typeof generateDevKeyPair>>;
  beforeAll(async () => {
    chiavi = await generateDevKeyPair('kid-di-prova');
  });

  const AUD = 'https://apigw-test.anticorruzione.it/modi/rest/ComunicaAppalto/v2';
  const chiamata = (o: Partial<ChiamataTracciata> = {}): ChiamataTracciata => ({
    audience: AUD, ctx: contestoDiProva(), businessFlowId: BUSINESS_FLOW_INIZIALE, traceId: 'trace-1', spanId: 'span-1', ...o,
  });
  const firmatario = (clock = new ManualClock('2025-03-01T09:00:00.000Z'), extra = {}) =>
    new TrackingJwsSigner({
      privateKeyPem: chiavi.privateKeyPem, kid: chiavi.kid, regCodicePiattaforma: '0000001', regCodiceComponente: '0000002',
      clock, ids: new SequentialIds(), ...extra,
    });

  it('carries every claim of jws.yaml with its exact name, RS256 with the PDND kid', async () => {
    const jws = await firmatario(undefined, { clientId: 'client-pdnd', purposeId: 'purpose-1' }).sign(chiamata({ businessFlowId: 'id-appalto-1' }));
    expect(decodeProtectedHeader(jws)).toEqual({ kid: 'kid-di-prova', alg: 'RS256', typ: 'JWT' });
    const iat = Date.parse('2025-03-01T09:00:00.000Z') / 1000;
    expect(decodeJwt(jws)).toEqual({
      iss: 'client-pdnd', sub: 'client-pdnd', aud: AUD, iat, nbf: iat, exp: iat + 10,
      jti: '00000000-0000-4000-8000-000000000001', purposeId: 'purpose-1',
      userCodiceFiscale: RUP_TOSCANA, userRole: 'RP', userLoa: '3', userIdpType: 'CUSTOM',
      SACodiceFiscale: SA_TOSCANA.codiceFiscale, SAcodiceAUSA: SA_TOSCANA.codiceAusa,
      regCodicePiattaforma: '0000001', regCodiceComponente: '0000002',
      businessFlowID: 'id-appalto-1', traceID: 'trace-1', spanID: 'span-1',
    });
  });

  it('lives at most 10 s (ANAC: "durata massima del token fissata a 10 secondi") and the signature verifies', async () => {
    const clock = new ManualClock('2025-03-01T09:00:00.000Z');
    const jws = await firmatario(clock).sign(chiamata());
    const { exp, iat, nbf } = decodeJwt(jws);
    expect(exp! - iat!).toBe(10);
    expect(nbf).toBe(iat);
    const chiave = await importSPKI(chiavi.publicKeyPem, 'RS256');
    const opzioni = { audience: AUD, currentDate: new Date('2025-03-01T09:00:09.000Z') };
    await expect(jwtVerify(jws, chiave, opzioni)).resolves.toBeDefined();
    await expect(jwtVerify(jws, chiave, { ...opzioni, currentDate: new Date('2025-03-01T09:00:10.000Z') })).rejects.toThrow(/exp/);
    expect(() => firmatario(clock, { lifetimeSeconds: 11 })).toThrow(RangeError);
    expect(decodeJwt(await firmatario(clock, { lifetimeSeconds: 5 }).sign(chiamata())).exp).toBe(iat! + 5);
  });

  it('is, byte for byte, the token jose signs for the same header and claims (RS256 is deterministic)', async () => {
    // Two signers on the same clock and ids: the same claims, jti included.
    const c = chiamata({ businessFlowId: 'id-appalto-2' });
    const f = firmatario();
    const atteso = await new SignJWT(firmatario().claims(c)).setProtectedHeader({ kid: 'kid-di-prova', alg: 'RS256', typ: 'JWT' }).sign(await importPKCS8(chiavi.privateKeyPem, 'RS256'));
    expect(await f.sign(c)).toBe(atteso);
  });

  it('refuses a key RS256 does not allow: not RSA, or shorter than 2048 bits', async () => {
    const pem = (k: ReturnType<typeof generateKeyPairSync>) => k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const ec = pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }));
    const corta = pem(generateKeyPairSync('rsa', { modulusLength: 1024 }));
    await expect(firmatario(undefined, { privateKeyPem: ec }).sign(chiamata())).rejects.toThrow(/RSA di almeno 2048 bit/);
    await expect(firmatario(undefined, { privateKeyPem: corta }).sign(chiamata())).rejects.toThrow(/RSA di almeno 2048 bit/);
  });

  it('a new jti on every token, and iat follows the clock', async () => {
    const clock = new ManualClock('2025-03-01T09:00:00.000Z');
    const f = firmatario(clock);
    const primo = decodeJwt(await f.sign(chiamata()));
    clock.advance(61_000);
    const secondo = decodeJwt(await f.sign(chiamata()));
    expect(primo.jti).not.toBe(secondo.jti);
    expect(secondo.iat! - primo.iat!).toBe(61);
  });

  it("the simulator's identity check (signature, claims, age of iat, RUP registry) accepts the tokens", async () => {
    const clock = new ManualClock('2025-03-01T09:00:00.000Z');
    const check = new IdentityCheck({ registry: RUP_REGISTRY_PREDEFINITO, voucher: 'v', jwsPublicKey: chiavi.publicKeyPem });
    const f = firmatario(clock);
    const headers = async (aud: string) => ({ authorization: 'Bearer v', 'agid-jwt-trackingevidence': await f.sign(chiamata({ audience: aud })) });
    await expect(check.verifica(await headers(AUD), 'crea-appalto', clock.now())).resolves.toMatchObject({
      userCodiceFiscale: RUP_TOSCANA, userRole: 'RP', businessFlowID: BUSINESS_FLOW_INIZIALE,
    });
    const esito = 'https://apigw-test.anticorruzione.it/modi/rest/ServiziComuni/v2';
    await expect(check.verifica(await headers(esito), 'esito-operazione', clock.now())).resolves.toBeDefined();
    // The same token is refused once it is older than 10 s (+ the simulator's 2 s of skew).
    const vecchio = await headers(AUD);
    clock.advance(12_001);
    await expect(check.verifica(vecchio, 'crea-appalto', clock.now())).rejects.toMatchObject({ errori: [expect.objectContaining({ codice: 'SEC14' })] });
  });
});
