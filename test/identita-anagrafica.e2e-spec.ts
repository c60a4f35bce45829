import { ManualClock, mintDevToken, randomIds, type Attore } from '#platform';
import { CDC, RUP } from './support/appalti.js';
import { seedUser, startTestService, type TestService } from './support/service.js';
import { withAdmin } from './support/test-database.js';

const bozza = { scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP, datiGara: { oggetto: 'Fornitura di toner', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' } };
const SENZA_LIMITI = { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_MINUTE: '100000' };

/** A correctly signed token for a user the directory does not know. */
async function tokenDi(t: TestService, attore: Attore): Promise<string> {
  return mintDevToken(t.service.runtime.identity.devKeys!, attore, { issuer: 'cig-ledger-dev', audience: 'cig-ledger' });
}
const estraneo: Attore = { ...seedUser('francesca.bianchi'), userId: 'mario.estraneo', nome: 'Mario Estraneo', codiceFiscale: 'STRMRA80A01H501V' };

describe('identity follows the directory', () => {
  const orologio = new ManualClock('2030-01-01T00:00:00.000Z');
  let t: TestService;
  const creati = async () => Number((await t.db.pool.query<{ n: string }>("SELECT count(*) AS n FROM es_events WHERE event_type = 'AppaltoCreato'")).rows[0].n);
  beforeAll(async () => {
    t = await startTestService(SENZA_LIMITI, { wallClock: orologio });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a user deactivated by an administrator can no longer read or create with a token issued before', async () => {
    const token = await t.token('francesca.bianchi');
    const come = (method: string, path: string, body?: unknown) => t.request(method, path, body, { authorization: `Bearer ${token}` });
    expect((await come('GET', '/anagrafica/centri-di-costo')).status).toBe(200);
    expect((await t.as('luca.conti').request('DELETE', '/admin/anagrafica/utenti/francesca.bianchi')).status).toBe(200);
    const prima = await creati();
    for (const res of [await come('GET', '/anagrafica/centri-di-costo'), await come('POST', '/appalti', bozza)]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'UTENTE_DISATTIVATO', detail: expect.stringContaining('disattivato') });
    }
    expect(await creati()).toBe(prima);
  });

  it('a deactivation written by another instance is seen within a minute (the cache of the directory)', async () => {
    const come = async () => t.as('giulia.mancini').request('GET', '/anagrafica/centri-di-costo');
    expect((await come()).status).toBe(200);
    // Another instance deactivates the user: only the event store tells this one.
    await t.service.runtime.eventStore.appendToStream('anagrafica', [{ id: randomIds.uuid(), type: 'UtenteDisattivato', data: { userId: 'giulia.mancini' }, metadata: {} }]);
    orologio.advance(60_000);
    const res = await come();
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('UTENTE_DISATTIVATO');
  });

  it('a correctly signed token of a user who is not in the directory is refused and creates nothing', async () => {
    const prima = await creati();
    const res = await t.request('POST', '/appalti', bozza, { authorization: `Bearer ${await tokenDi(t, estraneo)}` });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'UTENTE_NON_IN_ANAGRAFICA', detail: expect.stringContaining('mario.estraneo') });
    expect(await creati()).toBe(prima);
  });

  it('a user registered a moment ago is let in at once', async () => {
    const nuovo = { userId: 'nuova.buyer', nome: 'Nuova Buyer', codiceFiscale: 'NVOBYR80A41H501I', sa: '01386030488', ufficio: 'UFF-TOSCANA-GARE', centriDiCosto: [CDC], ruoli: ['BUYER'] };
    const token = await tokenDi(t, { userId: nuovo.userId, nome: nuovo.nome, codiceFiscale: nuovo.codiceFiscale, ruoli: ['BUYER'], ufficio: nuovo.ufficio, centriDiCosto: nuovo.centriDiCosto, stazioneAppaltante: nuovo.sa });
    expect((await t.request('GET', '/anagrafica/centri-di-costo', undefined, { authorization: `Bearer ${token}` })).status).toBe(403);
    expect((await t.as('luca.conti').request('POST', '/admin/anagrafica/utenti', nuovo)).status).toBe(201);
    expect((await t.request('GET', '/anagrafica/centri-di-costo', undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('401 answers carry the Bearer challenge of RFC 6750', async () => {
    const senza = await t.request('GET', '/anagrafica/centri-di-costo');
    expect(senza.status).toBe(401);
    expect(senza.body.code).toBe('TOKEN_MANCANTE');
    expect(senza.headers.get('www-authenticate')).toBe('Bearer realm="cig-ledger"');
    const falso = await t.request('GET', '/anagrafica/centri-di-costo', undefined, { authorization: 'Bearer non.un.token' });
    expect(falso.status).toBe(401);
    expect(falso.headers.get('www-authenticate')).toBe('Bearer realm="cig-ledger", error="invalid_token"');
  });

  it('every 503 carries Retry-After: readiness and commands while the database is unreachable', async () => {
    const token = await t.token('marco.giovannetti');
    await withAdmin(async (admin) => {
      await admin.query(`ALTER DATABASE ${t.db.name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [t.db.name]);
    });
    try {
      const risposte = [
        await t.request('GET', '/ready'),
        await t.request('POST', '/appalti', bozza, { authorization: `Bearer ${token}` }),
        await t.request('POST', '/appalti', bozza, { authorization: `Bearer ${token}`, 'idempotency-key': 'durante-il-guasto' }),
        await t.request('GET', '/cig', undefined, { authorization: `Bearer ${token}` }),
      ];
      // Not a 500: a database that refuses connections is unavailable, and says when to try again.
      expect(risposte.map((r) => r.status)).toEqual([503, 503, 503, 503]);
      for (const r of risposte) expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await withAdmin((admin) => admin.query(`ALTER DATABASE ${t.db.name} ALLOW_CONNECTIONS true`));
    }
  });
});

describe('a deployment without a local directory (AUTH_TRUST_TOKEN_CLAIMS=true)', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ ...SENZA_LIMITI, AUTH_TRUST_TOKEN_CLAIMS: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("trusts the identity provider's claims alone", async () => {
    const res = await t.request('GET', '/anagrafica/centri-di-costo', undefined, { authorization: `Bearer ${await tokenDi(t, estraneo)}` });
    expect(res.status).toBe(200);
  });
});

describe('rate limits count who the caller is', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ RATE_LIMIT_BURST: '5', RATE_LIMIT_PER_MINUTE: '1' }, { wallClock: new ManualClock('2030-01-01T00:00:00.000Z') });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('requests without a valid token share one budget per client address, however their tokens differ', async () => {
    const stati: number[] = [];
    for (let i = 0; i < 7; i++) stati.push((await t.request('GET', '/anagrafica/centri-di-costo', undefined, i % 2 ? { authorization: `Bearer falso.${i}.x` } : {})).status);
    expect(stati.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const limitata = await t.request('GET', '/anagrafica/centri-di-costo', undefined, { authorization: 'Bearer ancora.un.altro' });
    expect(limitata.status).toBe(429);
    expect(limitata.body.code).toBe('TROPPE_RICHIESTE');
    expect(Number(limitata.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // A user calling from the same address is counted as that user, not as the address.
    expect((await t.as('marco.giovannetti').request('GET', '/anagrafica/centri-di-costo')).status).toBe(200);
  });

  it('an authenticated user is counted by user id, whichever of their tokens they show', async () => {
    const stati: number[] = [];
    // Another token each time (another expiry), of the same user.
    for (let i = 0; i < 6; i++) {
      const token = await mintDevToken(t.service.runtime.identity.devKeys!, seedUser('francesca.bianchi'), { issuer: 'cig-ledger-dev', audience: 'cig-ledger', ttlSeconds: 3600 + i });
      stati.push((await t.request('GET', '/anagrafica/centri-di-costo', undefined, { authorization: `Bearer ${token}` })).status);
    }
    expect(stati).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await t.as('anna.rossi').request('GET', '/anagrafica/centri-di-costo')).status).toBe(200);
  });
});
