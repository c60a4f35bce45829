import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { CheckpointStore } from '../consumer/checkpoint-store.js';
import { ConsumerRunner } from '../consumer/consumer-runner.js';
import { collect, events, stream } from '../contract/fixture.js';
import { ReaderTransactionError } from '../errors.js';
import { PostgresEventStore } from './postgres-event-store.js';

/**
 * Transactions that declare themselves readers of the log (`es_declare_reader`, schema.ts) are
 * left out of the read horizon, and cannot append; undeclared ones still hold it.
 */
describe('PostgreSQL adapter: declared readers and the read horizon', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase(10);
    store = new PostgresEventStore(db.pool, { pollIntervalMs: 20 });
    await store.migrate();
    await db.pool.query('CREATE TABLE modello_di_lettura (n int)');
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  /** A transaction that has written a read-model row (so it holds an id) and stays open. */
  async function openWriter(begin: string): Promise<{ client: pg.PoolClient; end(): Promise<void> }> {
    const client = await db.pool.connect();
    await client.query(begin);
    await client.query('INSERT INTO modello_di_lettura VALUES (1)');
    expect((await client.query('SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS has_id')).rows[0].has_id).toBe(true);
    let ended = false;
    return {
      client,
      async end() {
        if (ended) return;
        ended = true;
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
      },
    };
  }

  /** Whether the event at `written` is readable: readAll, the head and a filtered subscription. */
  async function readable(s: string, after: Awaited<ReturnType<PostgresEventStore['appendToStream']>>, before: string | undefined): Promise<boolean> {
    const all = (await store.readAll({ fromPosition: before as never, maxCount: 100_000 })).some((e) => e.position === after.position);
    const head = store.comparePositions((await store.headPosition())!, after.position) >= 0;
    const { seen } = await collect(store, { filter: { streamPrefixes: [s] } }, (_x, up) => up, 5_000);
    const filtered = seen.some((e) => e.position === after.position);
    expect(new Set([all, head, filtered]).size).toBe(1);
    return all;
  }

  it('a declared reader whose transaction holds an id does not hold the horizon: the event appended after it is readable at once', async () => {
    const s = stream('lettore');
    const first = await store.appendToStream(s, events(1));
    const reader = await openWriter(store.readerTransactionBegin());
    try {
      const later = await store.appendToStream(s, events(1));
      expect(await readable(s, later, first.position)).toBe(true);
    } finally {
      await reader.end();
    }
  });

  it('an undeclared transaction that wrote only a read model still holds the horizon, even with a declared reader open beside it', async () => {
    const s = stream('scrittore');
    const first = await store.appendToStream(s, events(1));
    const writer = await openWriter('BEGIN');
    const reader = await openWriter(store.readerTransactionBegin());
    try {
      const later = await store.appendToStream(s, events(1));
      expect(await readable(s, later, first.position)).toBe(false);
      await reader.end();
      expect(await readable(s, later, first.position)).toBe(false);
      await writer.end();
      expect(await readable(s, later, first.position)).toBe(true);
    } finally {
      await reader.end();
      await writer.end();
    }
  });

  it('a declared transaction cannot append (ReaderTransactionError, nothing written), one stream or many', async () => {
    const s = stream('rifiutato');
    const reader = await openWriter(store.readerTransactionBegin());
    try {
      const failure = await store.appendInTransaction(reader.client, s, events(1)).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ReaderTransactionError);
      expect(failure).toMatchObject({ code: 'READER_TRANSACTION', streamId: s });
      await reader.client.query('ROLLBACK');
      await reader.client.query(store.readerTransactionBegin());
      const many = await store.appendNewStreamsInTransaction(reader.client, [{ streamId: `${s}-nuovo`, events: events(1) }]).catch((e: unknown) => e);
      expect(many).toBeInstanceOf(ReaderTransactionError);
    } finally {
      await reader.end();
    }
    expect(await store.readStream(s).catch(() => [])).toEqual([]);
    expect(await store.readStream(`${s}-nuovo`).catch(() => [])).toEqual([]);
  });

  it('the declaration must come before the first write (ES005), and ends with its transaction', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO modello_di_lettura VALUES (2)');
      await expect(client.query('SELECT public.es_declare_reader()')).rejects.toMatchObject({ code: 'ES005' });
      await client.query('ROLLBACK');

      // Declared, committed: the same connection's next transaction is an ordinary writer.
      await client.query(store.readerTransactionBegin());
      await client.query('COMMIT');
      const s = stream('dopo');
      await client.query('BEGIN');
      await store.appendInTransaction(client, s, events(1));
      const later = await store.appendToStream(stream('dopo-altro'), events(1));
      // The writer, still open, holds the horizon.
      expect((await store.readAll({ maxCount: 100_000 })).some((e) => e.position === later.position)).toBe(false);
      await client.query('COMMIT');
      expect((await store.readStream(s)).map((e) => e.streamId)).toEqual([s]);
      expect((await store.readAll({ maxCount: 100_000 })).some((e) => e.position === later.position)).toBe(true);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  });

  it.each([
    ['declared readers (readerTransactionBegin)', true],
    ['plain BEGIN', false],
  ])('a consumer batch still running, opened with %s, lets another consumer go on: %s', async (_label, declared) => {
    const checkpoints = new CheckpointStore(db.pool);
    await checkpoints.migrate();
    const slow = stream(`lento-${declared}`);
    const other = stream(`altro-${declared}`);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inBatch!: () => void;
    const started = new Promise<void>((r) => (inBatch = r));
    const slowRunner = new ConsumerRunner(store, db.pool, checkpoints, {
      name: `lento-${declared}`,
      filter: { streamPrefixes: [slow] },
      handle: async (_events, tx) => {
        await tx.query('INSERT INTO modello_di_lettura VALUES (3)');
        inBatch();
        await gate;
      },
    }, declared ? { begin: store.readerTransactionBegin() } : {});
    const seen: string[] = [];
    const otherRunner = new ConsumerRunner(store, db.pool, checkpoints, {
      name: `altro-${declared}`,
      filter: { streamPrefixes: [other] },
      handle: async (batch) => void seen.push(...batch.map((e) => e.streamId)),
    });
    slowRunner.start();
    otherRunner.start();
    try {
      await store.appendToStream(slow, events(1));
      await started;
      const later = await store.appendToStream(other, events(1));
      expect(await otherRunner.waitFor(later.position, declared ? 5_000 : 500)).toBe(declared);
      expect(seen).toEqual(declared ? [other] : []);
      release();
      expect(await otherRunner.waitFor(later.position, 5_000)).toBe(true);
      expect(seen).toEqual([other]);
    } finally {
      release();
      await slowRunner.stop();
      await otherRunner.stop();
    }
  });
});
