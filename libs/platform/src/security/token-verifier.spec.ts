import { jest } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { TokenVerifier } from './token-verifier.js';

/** Bearer tokens as an identity provider would issue them: RS256 keys published as a JWKS. */
describe('token verification', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;
  const NOW = new Date('2026-03-02T10:00:00Z');
  const secondi = (d: Date) => Math.floor(d.getTime() / 1000);
  const claims = { name: 'Francesca Bianchi', cf: 'BNCFNC80A41D612P', roles: ['BUYER'], ufficio: 'UFF-1', cdc: ['CDC-1'], sa: '01386030488' };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    server = createServer((_, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const verifier = (overrides: Partial<ConstructorParameters<typeof TokenVerifier>[0]> = {}) =>
    new TokenVerifier({ issuer: 'https://idp.example', audience: 'cig-ledger', clockToleranceSeconds: 30, keys: { jwksUrl }, now: () => NOW, ...overrides });
  const token = (modifica: (jwt: SignJWT) => SignJWT = (j) => j, corpo: Record<string, unknown> = claims) =>
    modifica(
      new SignJWT(corpo)
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .setIssuer('https://idp.example')
        .setAudience('cig-ledger')
        .setSubject('francesca.bianchi')
        .setIssuedAt(secondi(NOW) - 60)
        .setExpirationTime(secondi(NOW) + 600),
    ).sign(privateKey);

  it('accepts a valid RS256 token from the JWKS and maps its claims to the caller', async () => {
    expect(await verifier().verify(await token())).toEqual({
      userId: 'francesca.bianchi', nome: 'Francesca Bianchi', codiceFiscale: 'BNCFNC80A41D612P', ruoli: ['BUYER'], ufficio: 'UFF-1', centriDiCosto: ['CDC-1'], stazioneAppaltante: '01386030488',
    });
  });

  it.each([
    ['expired beyond the tolerance', (j: SignJWT) => j.setExpirationTime(secondi(NOW) - 31), 'Token scaduto'],
    ['not yet valid', (j: SignJWT) => j.setNotBefore(secondi(NOW) + 120), 'Token non ancora valido'],
    ['of another issuer', (j: SignJWT) => j.setIssuer('https://altro.example'), 'Token di un emittente non riconosciuto'],
    ['for another audience', (j: SignJWT) => j.setAudience('altro-servizio'), 'Token destinato a un altro servizio'],
  ])('refuses a token %s', async (_label, modifica, messaggio) => {
    await expect(verifier().verify(await token(modifica))).rejects.toMatchObject({ code: 'TOKEN_NON_VALIDO', kind: 'unauthenticated', message: messaggio });
  });

  it('a token verified once is answered from memory (no signature check) until its expiry, then verified again', async () => {
    let ora = NOW;
    const v = verifier({ now: () => ora });
    const t = await token((j) => j.setExpirationTime(secondi(NOW) + 40));
    const verify = jest.spyOn(globalThis.crypto.subtle, 'verify');
    try {
      const primo = await v.verify(t);
      const firmeControllate = verify.mock.calls.length;
      expect(firmeControllate).toBeGreaterThan(0);
      ora = new Date(NOW.getTime() + 20_000);
      expect(await v.verify(t)).toEqual(primo);
      expect(verify.mock.calls.length).toBe(firmeControllate);
      // Past its expiry (and the tolerance) it is refused, not remembered as valid.
      ora = new Date(NOW.getTime() + 80_000);
      await expect(v.verify(t)).rejects.toMatchObject({ code: 'TOKEN_NON_VALIDO', message: 'Token scaduto' });
    } finally {
      verify.mockRestore();
    }
  });

  it('tolerates a small clock difference on expiry', async () => {
    await expect(verifier().verify(await token((j) => j.setExpirationTime(secondi(NOW) - 20)))).resolves.toBeDefined();
  });

  it('refuses a forged signature, an unsigned token and a token signed by another key', async () => {
    const buono = await token();
    await expect(verifier().verify(buono.slice(0, -4) + 'AAAA')).rejects.toMatchObject({ message: 'Firma del token non valida' });
    const [, p] = buono.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${p}.`;
    await expect(verifier().verify(none)).rejects.toMatchObject({ code: 'TOKEN_NON_VALIDO' });
    const altra = await generateKeyPair('RS256');
    const estraneo = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'idp-1' }).setIssuer('https://idp.example').setAudience('cig-ledger')
      .setSubject('x').setExpirationTime(secondi(NOW) + 60).sign(altra.privateKey);
    await expect(verifier().verify(estraneo)).rejects.toMatchObject({ code: 'TOKEN_NON_VALIDO' });
  });

  it('refuses tokens without the caller\'s claims or with unknown roles', async () => {
    await expect(verifier().verify(await token(undefined, { ...claims, ufficio: undefined }))).rejects.toMatchObject({ message: 'Token non valido: claim "ufficio" mancante' });
    await expect(verifier().verify(await token(undefined, { ...claims, roles: ['CAPO'] }))).rejects.toMatchObject({ message: 'Token non valido: ruoli sconosciuti: CAPO' });
  });
});
