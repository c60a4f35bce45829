import pg from 'pg';
import { migraModelliDiLettura } from '#read-models';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { TokenBucketCondiviso } from './limite-condiviso.js';

/** The rate limit shared by the instances through PostgreSQL (real database, several pools = several instances). */
describe('TokenBucketCondiviso (real PostgreSQL)', () => {
  let db: TestDatabase;
  const pools: pg.Pool[] = [];
  let t = 1_000_000;
  const orologio = () => t;
  const istanza = (burst = 3, perMinute = 60) => {
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    pools.push(pool);
    return new TokenBucketCondiviso(pool, { burst, perMinute, now: orologio });
  };
  beforeAll(async () => {
    db = await createTestDatabase(10);
    await migraModelliDiLettura(db.url);
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await db?.drop();
  });

  it('burst at once, then refused with the seconds to wait; refilled as time passes', async () => {
    const l = istanza();
    const esiti = [];
    for (let i = 0; i < 4; i++) esiti.push(await l.consuma('utente:a'));
    expect(esiti.map((e) => e.ammessa)).toEqual([true, true, true, false]);
    expect(esiti[3]).toEqual({ ammessa: false, retryAfterSeconds: 1 });
    t += 1_000;
    expect((await l.consuma('utente:a')).ammessa).toBe(true);
    expect((await l.consuma('utente:a')).ammessa).toBe(false);
    // Another caller has its own budget.
    expect((await l.consuma('utente:b')).ammessa).toBe(true);
  });

  it('two instances share one budget per caller', async () => {
    const [a, b] = [istanza(), istanza()];
    const esiti = [await a.consuma('utente:c'), await b.consuma('utente:c'), await a.consuma('utente:c'), await b.consuma('utente:c')];
    expect(esiti.map((e) => e.ammessa)).toEqual([true, true, true, false]);
  });

  it('of 40 requests at once through three instances, exactly the burst is admitted', async () => {
    const limiti = [istanza(5), istanza(5), istanza(5)];
    for (let giro = 0; giro < 5; giro++) {
      const esiti = await Promise.all(Array.from({ length: 40 }, (_, i) => limiti[i % 3]!.consuma(`utente:corsa-${giro}`)));
      expect(esiti.filter((e) => e.ammessa)).toHaveLength(5);
    }
  });

  it('requests waiting while a statement is on its way go together in the next one, each caller with its own budget', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    pools.push(pool);
    let statements = 0;
    const contato = { query: (...args: Parameters<pg.Pool['query']>) => (statements++, (pool.query as (...a: unknown[]) => unknown)(...args)) };
    const l = new TokenBucketCondiviso(contato as never, { burst: 2, perMinute: 60, now: orologio });
    // 30 callers with three requests each, all at once: 2 admitted and 1 refused per caller.
    const esiti = await Promise.all(Array.from({ length: 90 }, (_, i) => l.consuma(`utente:insieme-${i % 30}`).then((e) => ({ i, e }))));
    for (let c = 0; c < 30; c++) expect(esiti.filter(({ i, e }) => i % 30 === c && e.ammessa)).toHaveLength(2);
    expect(esiti.filter(({ e }) => !e.ammessa)).toHaveLength(30);
    // One statement per request of the same caller at most (3), not one per request (90).
    expect(statements).toBeLessThanOrEqual(4);
  });

  it('a clock behind the last request counts no negative time (no tokens taken away, none given)', async () => {
    const l = istanza(2);
    await l.consuma('utente:d');
    await l.consuma('utente:d');
    t -= 30_000;
    expect((await l.consuma('utente:d')).ammessa).toBe(false);
    t += 30_000;
  });

  it('without the database, each instance limits on its own (neither unlimited nor refused for the fault)', async () => {
    const guasto = { query: async () => Promise.reject(new Error('connection refused')) };
    const avvisi: unknown[] = [];
    const l = new TokenBucketCondiviso(guasto as never, { burst: 2, perMinute: 60, now: orologio }, { warn: (o: unknown) => void avvisi.push(o) } as never);
    const esiti = [await l.consuma('utente:e'), await l.consuma('utente:e'), await l.consuma('utente:e')];
    expect(esiti.map((e) => e.ammessa)).toEqual([true, true, false]);
    expect(avvisi.length).toBeGreaterThan(0);
  });

  it('full buckets are deleted once a minute, active ones kept', async () => {
    const l = istanza(3, 60);
    await l.consuma('utente:pieno');
    t += 10 * 60_000;
    for (let i = 0; i < 3; i++) await l.consuma('utente:attivo');
    // The next request after a minute triggers the cleanup (in the background).
    await l.consuma('utente:attivo');
    const chiavi = async () => (await db.pool.query<{ chiave: string }>('SELECT chiave FROM limiti_richieste ORDER BY chiave')).rows.map((r) => r.chiave);
    for (let i = 0; i < 50 && (await chiavi()).includes('utente:pieno'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await chiavi()).not.toContain('utente:pieno');
    expect(await chiavi()).toContain('utente:attivo');
  });
});
