import { createHash } from 'node:crypto';
import { ManualClock } from '#platform';
import { CDC, RUP } from './support/appalti.js';
import { assertBuilt, inAscolto, runService, type ServiceProcess } from './support/process.js';
import { datiSmartCig } from './support/regimi.js';
import { eventually, send, startTestService, type TestResponse, type TestService } from './support/service.js';

/**
 * An Idempotency-Key reserved by an instance that died does not block its retries: reservations
 * are leases renewed by a live instance (IDEMPOTENCY_LEASE_MS, 3 s here); once the dead owner's
 * lease runs out a retry takes the key over and does the work, exactly once.
 */
describe('Idempotency-Key reserved by an instance that died', () => {
  const LEASE_MS = 3_000;
  /** What one POST /smart-cig appends: the call to ANAC, the code and its data. */
  const UNA_SMART_CIG = { TrasmissioneSimogEseguita: 1, CigAssegnato: 1, CigComunicato: 1 };
  let t: TestService;
  let bearer: string;
  beforeAll(async () => {
    assertBuilt();
    t = await startTestService({ IDEMPOTENCY_LEASE_MS: String(LEASE_MS) }, { clock: new ManualClock('2015-03-02T09:00:00.000Z') });
    bearer = `Bearer ${await t.token('francesca.bianchi')}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  const richiesta = (oggetto: string) => ({ centroDiCosto: CDC, rup: RUP, dati: datiSmartCig({ oggetto }) });
  const chiama = (url: string, corpo: unknown, chiave: string) => send(url, 'POST', '/smart-cig', corpo, { authorization: bearer, 'idempotency-key': chiave });
  const effetti = async (chiave: string) =>
    Object.fromEntries(
      (await t.db.pool.query<{ event_type: string; n: string }>(`SELECT event_type, count(*) AS n FROM es_events WHERE metadata->>'idempotencyKey' = $1 GROUP BY event_type`, [chiave])).rows.map((r) => [r.event_type, Number(r.n)]),
    );
  /** Retries as a client would: after each 409 IDEMPOTENCY_IN_CORSO, waits its Retry-After. */
  async function riprovaFinché(url: string, corpo: unknown, chiave: string, entroMs: number): Promise<{ finale: TestResponse; inCorso: number }> {
    const fine = Date.now() + entroMs;
    let inCorso = 0;
    for (;;) {
      const res = await chiama(url, corpo, chiave);
      if (res.status !== 409 || Date.now() > fine) return { finale: res, inCorso };
      expect(res.body.code).toBe('IDEMPOTENCY_IN_CORSO');
      inCorso += 1;
      await new Promise((r) => setTimeout(r, Math.max(0.2, Number(res.headers.get('retry-after'))) * 1000));
    }
  }

  it('a reservation whose lease holds answers 409 with Retry-After; once it ran out, a retry does the work once', async () => {
    const corpo = richiesta('stampe della prenotazione orfana');
    // The request as the service fingerprints it: method, URL and JSON body.
    const impronta = createHash('sha256').update(`POST /smart-cig\n${JSON.stringify(corpo)}`).digest('hex');
    await t.db.pool.query(
      `INSERT INTO idempotenza (utente, chiave, impronta, stato, istanza, lease_fino) VALUES ('francesca.bianchi', 'orfana', $1, 'IN_CORSO', 'istanza-morta', now() + interval '3 seconds')`,
      [impronta],
    );
    const tenuta = await chiama(t.url, corpo, 'orfana');
    expect(tenuta.status).toBe(409);
    expect(tenuta.body.code).toBe('IDEMPOTENCY_IN_CORSO');
    expect(Number(tenuta.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await effetti('orfana')).toEqual({});

    const { finale } = await riprovaFinché(t.url, corpo, 'orfana', 15_000);
    expect(finale.status).toBe(201);
    expect(await effetti('orfana')).toEqual(UNA_SMART_CIG);
    const replay = await chiama(t.url, corpo, 'orfana');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(finale.body);
  });

  it('a second service process SIGKILLed while it holds a key: the retry on the survivor succeeds once, within the lease', async () => {
    let altra: ServiceProcess | undefined;
    try {
      altra = runService({
        DATABASE_URL: t.db.url, ANAC_PCP_URL: t.sim.url, DATA_DIR: t.dataDir, PORT: '0', SANDBOX_DATA: '2015-03-02T09:00:00Z', IDEMPOTENCY_LEASE_MS: String(LEASE_MS),
      });
      const url = await inAscolto(altra, 60_000);
      // ANAC answers the other instance slowly: it is killed while it waits, holding the key.
      t.sim.admin.latency({ ms: 8_000, operations: ['richiedi-smartcig'], calls: 1 });
      const corpo = richiesta('stampe della istanza uccisa');
      const interrotta = chiama(url, corpo, 'uccisa').catch(() => undefined);
      await eventually(async () => ((await t.db.pool.query(`SELECT 1 FROM idempotenza WHERE chiave = 'uccisa' AND stato = 'IN_CORSO'`)).rowCount === 1 ? true : undefined), 20_000, 'key held by the other instance');
      await new Promise((r) => setTimeout(r, LEASE_MS)); // it renews its lease meanwhile
      altra.child.kill('SIGKILL');
      await altra.exited();
      await interrotta;

      const inizio = Date.now();
      const { finale } = await riprovaFinché(t.url, corpo, 'uccisa', 30_000);
      expect(finale.status).toBe(201);
      // Within the lease and a few retries (slack for a loaded machine), not the day a key is kept.
      expect(Date.now() - inizio).toBeLessThan(LEASE_MS + 15_000);
      expect(await effetti('uccisa')).toEqual(UNA_SMART_CIG);
    } finally {
      if (altra && altra.child.exitCode === null) altra.child.kill('SIGKILL');
    }
  }, 120_000);
});
