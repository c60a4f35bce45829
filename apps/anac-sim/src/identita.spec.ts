import { createHmac } from 'node:crypto';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { IdentityCheck } from './identity/identity-check.js';
import { RUP_REGISTRY_PREDEFINITO } from './identity/rup-registry.js';
import { claimsTracciamento } from './testing/jws-tracciamento.js';
import { ClientePcp } from './testing/pcp-client.js';
import {
  richiestaCreaAd5, RUP_NON_REGISTRATO, RUP_PISA, RUP_TOSCANA_BIS, SA_COMUNE_DI_PISA, SA_REGIONE_TOSCANA,
} from './testing/pcp-fixtures.js';
import { creaAppalto } from './testing/scenari.js';
import { avviaSimulatoreDiProva, type SimulatoreDiProva } from './testing/simulatore-di-prova.js';

const codice = (r: { body: any }) => r.body?.errori?.[0]?.codice;

describe('ANAC PCP simulator: voucher, JWS and RUP registry', () => {
  let t: SimulatoreDiProva;
  beforeEach(async () => {
    t = await avviaSimulatoreDiProva({ voucher: 'voucher-pdnd-di-prova' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('SEC05 (403): a RUP not registered for the SA is refused, with the reason as dettaglio', async () => {
    const estraneo = t.pcp.come({ userCodiceFiscale: RUP_NON_REGISTRATO, sa: SA_REGIONE_TOSCANA });
    const r = await estraneo.post('crea-appalto', richiestaCreaAd5());
    expect(r.status).toBe(403);
    expect(r.body.errori).toEqual([{ idTipologica: 'errori', codice: 'SEC05', dettaglio: expect.stringContaining('non sei RUP per questa SA') }]);
    // A RUP registered for another SA is not a RUP of this one either.
    expect(codice(await t.pcp.come({ userCodiceFiscale: RUP_PISA, sa: SA_REGIONE_TOSCANA }).post('crea-appalto', richiestaCreaAd5()))).toBe('SEC05');
    expect(t.sim.admin.appalti()).toEqual([]);
  });

  it('SEC14 (401): missing voucher, wrong voucher, missing or malformed JWS, missing claim', async () => {
    const body = richiestaCreaAd5();
    const casi = [
      await t.pcp.post('crea-appalto', body, { voucher: null }),
      await t.pcp.post('crea-appalto', body, { voucher: 'un-altro-voucher' }),
      await t.pcp.post('crea-appalto', body, { jws: null }),
      await t.pcp.post('crea-appalto', body, { jws: 'non.un.jws' }),
      await t.pcp.post('crea-appalto', body, { claims: { userCodiceFiscale: undefined } }),
      await t.pcp.post('crea-appalto', body, { claims: { SAcodiceAUSA: undefined } }),
      await t.pcp.post('crea-appalto', body, { claims: { jti: undefined } }),
      await t.pcp.post('crea-appalto', body, { claims: { userRole: 'DRP1' } }),
      await t.pcp.post('crea-appalto', body, { claims: { aud: 'https://apigw-test.anticorruzione.it/modi/rest/ServiziComuni/v2' } }),
    ];
    for (const r of casi) {
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(codice(r)).toBe('SEC14');
    }
    expect(t.sim.admin.appalti()).toEqual([]);
  });

  it('SEC14: an expired JWS, or one whose iat is older than 10 s (2 s of skew allowed)', async () => {
    const iat = Math.floor(t.clock.now().getTime() / 1000);
    expect(codice(await t.pcp.post('crea-appalto', richiestaCreaAd5(), { claims: { iat: iat - 13, nbf: iat - 13, exp: iat + 600 } }))).toBe('SEC14');
    expect(codice(await t.pcp.post('crea-appalto', richiestaCreaAd5(), { claims: { exp: iat - 5 } }))).toBe('SEC14');
    expect(codice(await t.pcp.post('crea-appalto', richiestaCreaAd5(), { claims: { iat: iat + 60, nbf: iat + 60, exp: iat + 70 } }))).toBe('SEC14');

    const jws = await t.pcp.jws('stato-appalto');
    t.clock.advance(13_000);
    const vecchio = await t.pcp.get('stato-appalto', { idAppalto: '00000000-0000-4000-8000-000000000099' }, { jws });
    expect(vecchio.status).toBe(401);
    expect(vecchio.body.errori[0].dettaglio).toMatch(/iat/);
    // Within the lifetime plus skew it is accepted (the appalto then does not exist: 404).
    const fresco = await t.pcp.jws('stato-appalto');
    t.clock.advance(11_000);
    expect((await t.pcp.get('stato-appalto', { idAppalto: '00000000-0000-4000-8000-000000000099' }, { jws: fresco })).status).toBe(404);
  });

  it('SEC14: a replayed JWS (same jti) is refused even within its lifetime', async () => {
    const jws = await t.pcp.jws('crea-appalto');
    expect((await t.pcp.post('crea-appalto', richiestaCreaAd5({ codiceAppalto: 'REPLAY-0001' }), { jws })).status).toBe(200);
    const replay = await t.pcp.post('crea-appalto', richiestaCreaAd5({ codiceAppalto: 'REPLAY-0002' }), { jws });
    expect(replay.status).toBe(401);
    expect(replay.body.errori[0]).toMatchObject({ codice: 'SEC14', dettaglio: expect.stringContaining('jti') });
    expect(Object.keys(t.sim.admin.countByCodiceAppalto())).toEqual(['REPLAY-0001']);
  });

  it('SEC09: crea-appalto is reserved to the RP role; a DRP may still query', async () => {
    const delegato = t.pcp.come({ userCodiceFiscale: RUP_TOSCANA_BIS, sa: SA_REGIONE_TOSCANA, userRole: 'DRP' });
    const r = await delegato.post('crea-appalto', richiestaCreaAd5());
    expect(r.status).toBe(403);
    expect(codice(r)).toBe('SEC09');
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaAd5());
    expect((await delegato.get('stato-appalto', { idAppalto })).status).toBe(200);
  });

  it('ERR1 (403): an appalto of another SA cannot be read or changed; ricerca sees only the own SA', async () => {
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaAd5({ codiceAppalto: 'TOSCANA-0001' }));
    const pisa = t.pcp.come({ userCodiceFiscale: RUP_PISA, sa: SA_COMUNE_DI_PISA });
    for (const r of [
      await pisa.get('stato-appalto', { idAppalto }),
      await pisa.post('conferma-appalto', { idAppalto }),
      await pisa.get('esito-operazione', { idAppalto, tipoOperazione: 'AP_CREA', tipoRicerca: 'TUTTI_ESITI' }),
    ]) {
      expect(r.status).toBe(403);
      expect(codice(r)).toBe('ERR1');
    }
    expect((await pisa.get('ricerca-appalto', { codiceAppalto: 'TOSCANA-0001' })).body.totRows).toBe(0);
    // The same codiceAppalto is free for another SA: uniqueness is per stazione appaltante.
    expect((await pisa.post('crea-appalto', richiestaCreaAd5({ codiceAppalto: 'TOSCANA-0001', sa: SA_COMUNE_DI_PISA }))).status).toBe(200);
  });

  it('ERR124: the SA of the JWS must be among the stazioni appaltanti of the scheda', async () => {
    const r = await t.pcp.post('crea-appalto', richiestaCreaAd5({ sa: SA_COMUNE_DI_PISA }));
    expect(r.status).toBe(400);
    expect(codice(r)).toBe('ERR124');
  });

  it('/status needs no identity and answers problem+json', async () => {
    const r = await t.pcp.get('status', {}, { jws: null, voucher: null });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body).toEqual({ type: 'about:blank', title: 'OK', status: 200, detail: 'Servizio attivo' });
  });
});

describe('ANAC PCP simulator: JWS signature verification', () => {
  it('with a public key configured, only JWS signed by the matching private key pass', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const altra = await generateKeyPair('RS256');
    const t = await avviaSimulatoreDiProva({ jwsPublicKey: await exportSPKI(publicKey) }, { privateKey });
    try {
      expect((await t.pcp.post('crea-appalto', richiestaCreaAd5())).status).toBe(200);
      const falsario = new ClientePcp(t.sim.url, { identita: { userCodiceFiscale: RUP_TOSCANA_BIS, sa: SA_REGIONE_TOSCANA }, clock: t.clock, privateKey: altra.privateKey });
      expect(codice(await falsario.get('stato-appalto', { idAppalto: '00000000-0000-4000-8000-000000000001' }))).toBe('SEC14');
      const nonFirmato = new ClientePcp(t.sim.url, { identita: { userCodiceFiscale: RUP_TOSCANA_BIS, sa: SA_REGIONE_TOSCANA }, clock: t.clock });
      expect(codice(await nonFirmato.get('stato-appalto', { idAppalto: '00000000-0000-4000-8000-000000000001' }))).toBe('SEC14');
    } finally {
      await t.close();
    }
  });

  it('RS256 only, checked on the bytes signed: another algorithm, a crit header, a changed payload or a bad encoding are SEC14; the key may be PEM or a CryptoKey', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const adesso = new Date();
    const claims = claimsTracciamento({ userCodiceFiscale: RUP_TOSCANA_BIS, sa: SA_REGIONE_TOSCANA }, { aud: 'https://anac.example/ComunicaAppalto/v2', clock: { now: () => adesso } });
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const firmato = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(privateKey);
    const [h, p] = firmato.split('.');
    const hs256 = `${b64({ alg: 'HS256' })}.${p}`;
    const falsi = {
      'alg none': `${b64({ alg: 'none' })}.${p}.`,
      // The public key's PEM used as an HMAC secret: the classic algorithm confusion.
      'alg HS256': `${hs256}.${createHmac('sha256', await exportSPKI(publicKey)).update(hs256).digest('base64url')}`,
      crit: `${b64({ alg: 'RS256', crit: ['exp'] })}.${p}.${firmato.split('.')[2]}`,
      'payload changed': `${h}.${b64({ ...claims, userRole: 'DRP' })}.${firmato.split('.')[2]}`,
      'signature not base64url': `${h}.${p}.${firmato.split('.')[2]!.slice(0, -2)}+/`,
    };
    for (const chiave of [await exportSPKI(publicKey), publicKey]) {
      const check = new IdentityCheck({ registry: RUP_REGISTRY_PREDEFINITO, jwsPublicKey: chiave });
      const verifica = (jws: string) => check.verifica({ authorization: 'Bearer v', 'agid-jwt-trackingevidence': jws }, 'crea-appalto', adesso);
      for (const [caso, jws] of Object.entries(falsi)) {
        await expect(verifica(jws).then(() => caso)).rejects.toMatchObject({ errori: [expect.objectContaining({ codice: 'SEC14', dettaglio: 'firma del JWS non valida' })] });
      }
      await expect(verifica(firmato)).resolves.toMatchObject({ userCodiceFiscale: RUP_TOSCANA_BIS, jti: claims.jti });
    }
  });
});
