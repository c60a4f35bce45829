import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { CheckpointStore } from '../consumer/checkpoint-store.js';
import { ConsumerRunner } from '../consumer/consumer-runner.js';
import { collect, events, stream } from '../contract/fixture.js';
import { InvalidEventError, TransactionOrderError } from '../errors.js';
import type { SubscribeOptions } from '../types.js';
import { PostgresEventStore } from './postgres-event-store.js';

/** PostgreSQL-only edges of the store: the read horizon, lost transactions, filtered pages, position tokens. */
describe('PostgreSQL adapter: edges', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase(8);
    store = new PostgresEventStore(db.pool, { pollIntervalMs: 20 });
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  /** Opens a transaction that holds a transaction id and does nothing else. */
  async function holdTransactionId(pool: pg.Pool): Promise<{ end(): Promise<void> }> {
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query('SELECT pg_current_xact_id()');
    return {
      async end() {
        await client.query('ROLLBACK');
        client.release();
      },
    };
  }

  it('heldBackAfter at the head probes the index, never scans the log, even on a table not analysed yet', async () => {
    const s = stream('sonda');
    for (let i = 0; i < 20; i++) await store.appendToStream(`${s}-${i}`, events(100));
    const head = (await store.headPosition())!;
    const letture = async () =>
      (await db.pool.query<{ seq: string; idx: string }>("SELECT seq_scan::text AS seq, coalesce(idx_scan, 0)::text AS idx FROM pg_stat_user_tables WHERE relname = 'es_events'")).rows[0]!;
    await db.pool.query('SELECT pg_stat_force_next_flush()');
    const prima = await letture();
    for (let i = 0; i < 5; i++) expect(await store.heldBackAfter(head)).toBe(false);
    expect(await store.heldBackAfter(undefined)).toBe(true);
    await db.pool.query('SELECT pg_stat_force_next_flush()');
    const dopo = await letture();
    expect(Number(dopo.seq)).toBe(Number(prima.seq));
    expect(Number(dopo.idx)).toBeGreaterThan(Number(prima.idx));
  });

  it('revisioni reads the current revision of many streams in one statement; a stream without events is left out', async () => {
    const s = stream('revisioni');
    await store.appendToStream(`${s}-a`, events(3));
    await store.appendToStream(`${s}-b`, events(1));
    const ids = [`${s}-a`, `${s}-b`, `${s}-nessuno`, ...Array.from({ length: 500 }, (_, i) => `${s}-assente-${i}`)];
    expect(await store.revisioni(ids)).toEqual(new Map([[`${s}-a`, 2n], [`${s}-b`, 0n]]));
    await store.appendToStream(`${s}-b`, events(2), { expectedRevision: 0n });
    expect((await store.revisioni([`${s}-b`])).get(`${s}-b`)).toBe(2n);
    expect(await store.revisioni([])).toEqual(new Map());
  });

  it('a transaction open in ANOTHER database of the server holds nothing back: readAll, caught-up subscriptions and waitFor see the events', async () => {
    const other = await createTestDatabase(1);
    const foreign = await holdTransactionId(other.pool);
    const checkpoints = new CheckpointStore(db.pool);
    await checkpoints.migrate();
    const s = stream('orizzonte');
    const runner = new ConsumerRunner(store, db.pool, checkpoints, { name: `orizzonte-${s}`, filter: { streamPrefixes: [s] }, handle: async () => undefined });
    try {
      const written = await store.appendToStream(s, events(2));
      expect((await store.readAll({ maxCount: 100_000 })).filter((e) => e.streamId === s)).toHaveLength(2);
      expect(store.comparePositions((await store.headPosition())!, written.position)).toBeGreaterThanOrEqual(0);
      const { seen, caughtUp } = await collect(store, { filter: { streamPrefixes: [s] } }, (x, up) => up, 5_000);
      expect(caughtUp).toBe(true);
      expect(seen).toHaveLength(2);
      runner.start();
      expect(await runner.waitFor(written.position, 5_000)).toBe(true);

      // A transaction of THIS database still holds the log back until it ends: it could write it.
      const own = await holdTransactionId(db.pool);
      const later = await store.appendToStream(s, events(1));
      expect((await store.readAll({ fromPosition: written.position }))).toEqual([]);
      await own.end();
      expect((await store.readAll({ fromPosition: written.position })).map((e) => e.position)).toEqual([later.position]);
    } finally {
      await runner.stop();
      await foreign.end();
      await other.drop();
    }
  });

  it('an append that loses a deadlock fails with TransactionOrderError (reason deadlock), not a raw 40P01; the other commits', async () => {
    const [a, b] = [stream('stallo-a'), stream('stallo-b')];
    await store.appendToStream(a, events(1));
    await store.appendToStream(b, events(1));
    const clients = [await db.pool.connect(), await db.pool.connect()];
    try {
      await Promise.all(clients.map((c) => c.query('BEGIN')));
      await store.appendInTransaction(clients[0], a, events(1));
      await store.appendInTransaction(clients[1], b, events(1));
      // Each now wants the stream the other holds: PostgreSQL aborts one of them.
      const crossed = await Promise.allSettled(
        [[clients[0], b], [clients[1], a]].map(async ([client, target]) => {
          const c = client as pg.PoolClient;
          try {
            await store.appendInTransaction(c, target as string, events(1));
            await c.query('COMMIT');
          } catch (error) {
            await c.query('ROLLBACK');
            throw error;
          }
        }),
      );
      const lost = crossed.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(TransactionOrderError);
      expect(lost[0].reason).toMatchObject({ code: 'TRANSACTION_ORDER', reason: 'deadlock' });
      expect((await store.readStream(a)).length + (await store.readStream(b)).length).toBe(4);
    } finally {
      clients.forEach((c) => c.release());
    }
  });

  it('appendToStream retries serialization failures: concurrent appends to one stream all succeed under SERIALIZABLE', async () => {
    const strict = await createTestDatabase(12);
    try {
      await strict.pool.query(`ALTER DATABASE ${strict.name} SET default_transaction_isolation = 'serializable'`);
      await strict.pool.end();
      const pool = new pg.Pool({ connectionString: strict.url, max: 12 });
      try {
        const serial = new PostgresEventStore(pool);
        await serial.migrate();
        expect((await pool.query('SHOW transaction_isolation')).rows[0].transaction_isolation).toBe('serializable');
        const s = stream('serializzabile');
        const results = await Promise.all(Array.from({ length: 10 }, () => serial.appendToStream(s, events(1))));
        expect(results.map((r) => r.nextExpectedRevision).sort((x, y) => Number(x - y))).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i)));
        expect(await serial.readStream(s)).toHaveLength(10);
      } finally {
        await pool.end();
      }
    } finally {
      await strict.drop();
    }
  });

  it('after a burst of 50,000 unwanted events a filtered subscriber reaches the head in a few round trips', async () => {
    const wanted = stream('voluto');
    const noise = stream('rumore');
    await store.appendToStream(wanted, events(1));
    for (let i = 0; i < 10; i++) await store.appendToStream(`${noise}-${i}`, events(5_000, 'Rumore'));
    const last = await store.appendToStream(wanted, events(1));

    let queries = 0;
    const counting = new Proxy(db.pool, {
      get(target, key) {
        if (key === 'query') return (...args: Parameters<pg.Pool['query']>) => (queries++, (target.query as (...a: unknown[]) => unknown)(...args));
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const reader = new PostgresEventStore(counting, { pollIntervalMs: 20 });
    const { seen, caughtUp, checkpoints } = await collect(reader, { filter: { streamPrefixes: [wanted] }, batchSize: 100 }, (x, up) => up, 30_000);
    expect(caughtUp).toBe(true);
    expect(seen.map((e) => e.streamId)).toEqual([wanted, wanted]);
    expect(reader.comparePositions(checkpoints.at(-1)!, last.position)).toBeGreaterThanOrEqual(0);
    expect(queries).toBeLessThanOrEqual(6);
  });

  it.each([
    ['a transaction id beyond 64 bits', '99999999999999999999/00000000000000000001'],
    ['a global position beyond 63 bits', '00000000000000000001/99999999999999999999'],
  ])('a position token with %s is InvalidEventError POSITION_INVALID, not a database error', async (_label, token) => {
    const expectInvalid = (failure: unknown) => {
      expect(failure).toBeInstanceOf(InvalidEventError);
      expect(failure).toMatchObject({ reason: 'POSITION_INVALID' });
    };
    expectInvalid(await store.readAll({ fromPosition: token as never }).catch((e: unknown) => e));
    expectInvalid(await store.eventsAfter(token as never).catch((e: unknown) => e));
    expectInvalid(await subscriptionFailure({ from: token as never }));
  });

  async function subscriptionFailure(options: SubscribeOptions): Promise<unknown> {
    try {
      const subscription = store.subscribe(options);
      try {
        for await (const message of subscription) if (message) break;
      } finally {
        await subscription.close();
      }
    } catch (error) {
      return error;
    }
    return undefined;
  }
});
