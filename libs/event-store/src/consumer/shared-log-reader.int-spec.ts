import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { events, stream } from '../contract/fixture.js';
import { PostgresAppendListener } from '../postgres/append-listener.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import type { Position } from '../types.js';
import { CheckpointStore } from './checkpoint-store.js';
import type { Consumer, SqlExecutor } from './consumer.js';
import { ConsumerRunner } from './consumer-runner.js';
import { SharedLogReader } from './shared-log-reader.js';

/** A consumer that records every event it applies, in order, with no unique key (a double apply shows). */
function recorder(name: string, prefix?: string): Consumer & { failing: boolean } {
  return {
    name,
    filter: prefix ? { streamPrefixes: [prefix] } : undefined,
    batchSize: 7,
    failing: false,
    async handle(batch, tx: SqlExecutor) {
      for (const e of batch) await tx.query('INSERT INTO shared_rows (consumer, event_id, position) VALUES ($1, $2, $3)', [name, e.id, e.position]);
      if (this.failing) throw new Error('simulated failure of the consumer');
    },
  };
}

describe('SharedLogReader: one read of the log per instance, LISTEN/NOTIFY wake-up', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let checkpoints: CheckpointStore;
  let otherPool: pg.Pool;
  /** Another instance's store: its appends reach this one only through the database. */
  let other: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase(20);
    store = new PostgresEventStore(db.pool, { pollIntervalMs: 60_000 });
    await store.migrate();
    checkpoints = new CheckpointStore(db.pool);
    await checkpoints.migrate();
    await db.pool.query('CREATE TABLE shared_rows (n bigserial, consumer text NOT NULL, event_id uuid NOT NULL, position text NOT NULL)');
    otherPool = new pg.Pool({ connectionString: db.url, max: 4 });
    other = new PostgresEventStore(otherPool);
    // Consumers below wait for the head of the log before the test appends: there is one.
    await store.appendToStream(stream('inizio'), events(3));
  });
  afterAll(async () => {
    await otherPool.end();
    await store.close();
    await db.drop();
  });

  /** Instance under test: a shared reader that never polls (60 s), woken only by NOTIFY. */
  async function instance(options: { bufferSize?: number; pageSize?: number; minReadIntervalMs?: number } = {}) {
    const signal = new PostgresAppendListener(db.pool);
    await signal.start();
    const reader = new SharedLogReader(store, { fallbackPollMs: 60_000, ...options, signal, heldBack: (after) => store.heldBackAfter(after) });
    const runners: ConsumerRunner[] = [];
    return {
      reader,
      run(consumer: Consumer) {
        const runner = new ConsumerRunner(store, db.pool, checkpoints, consumer, { source: reader, retryDelayMs: 20 });
        runners.push(runner);
        runner.start();
        return runner;
      },
      async stop() {
        await Promise.all(runners.map((r) => r.stop()));
        await reader.close();
        await signal.close();
      },
    };
  }
  const rows = async (consumer: string) =>
    (await db.pool.query<{ event_id: string; position: string }>('SELECT event_id, position FROM shared_rows WHERE consumer = $1 ORDER BY n', [consumer])).rows;
  const caughtUp = async (runners: ConsumerRunner[], position: Position) => {
    for (const r of runners) expect(await r.waitFor(position, 20_000)).toBe(true);
  };

  it('N consumers see every event exactly once and in log order, with one shared read per page and no read of their own', async () => {
    const prefix = stream('condiviso');
    const it = await instance({ pageSize: 50 });
    try {
      const names = ['tutti-a', 'tutti-b', 'tutti-c', 'filtrato'].map((n) => `${n}-${prefix}`);
      const runners = [it.run(recorder(names[0])), it.run(recorder(names[1])), it.run(recorder(names[2])), it.run(recorder(names[3], `${prefix}-x`))];
      await caughtUp(runners, (await store.headPosition())!);
      const before = it.reader.counts();
      let last: Position | undefined;
      for (let i = 0; i < 20; i++) last = (await other.appendToStream(`${prefix}-${i % 2 ? 'x' : 'y'}-${i % 3}`, events(5))).position;
      await caughtUp(runners, last!);
      const all = await store.readAll({ fromPosition: undefined, maxCount: 100_000 });
      const log = all.filter((e) => e.streamId.startsWith(prefix));
      expect(log).toHaveLength(100);
      for (const name of names.slice(0, 3)) expect((await rows(name)).map((r) => r.event_id)).toEqual(all.map((e) => e.id));
      expect((await rows(names[3])).map((r) => r.event_id)).toEqual(log.filter((e) => e.streamId.startsWith(`${prefix}-x`)).map((e) => e.id));
      const after = it.reader.counts();
      // Four consumers, 20 appends: at most one shared read per append (they coalesce when
      // several arrive together) plus one per page, never one per consumer.
      expect(after.sharedReads - before.sharedReads).toBeLessThanOrEqual(20 + 2);
      expect(after.catchUpReads - before.catchUpReads).toBe(0);
    } finally {
      await it.stop();
    }
  });

  it('with a least interval between reads, appends close together are read and applied together: fewer reads and batches, every event once and in order', async () => {
    const prefix = stream('intervallo');
    const it = await instance({ minReadIntervalMs: 300 });
    const batches: number[] = [];
    try {
      const base = recorder(`intervallo-${prefix}`, prefix);
      const runner = it.run({
        ...base,
        batchSize: 500,
        handle: async (batch, tx) => {
          batches.push(batch.length);
          await base.handle(batch, tx);
        },
      });
      await caughtUp([runner], (await store.headPosition())!);
      // Idle for longer than the interval: the next append is read at once.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const started = Date.now();
      const primo = await other.appendToStream(`${prefix}-0`, events(1));
      expect(await runner.waitFor(primo.position, 10_000)).toBe(true);
      expect(Date.now() - started).toBeLessThan(250);
      const before = it.reader.counts().sharedReads;
      batches.length = 0;
      let last: Position | undefined;
      for (let i = 1; i <= 10; i++) {
        last = (await other.appendToStream(`${prefix}-${i}`, events(2))).position;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await caughtUp([runner], last!);
      // Ten appends over ~200 ms against reads at least 300 ms apart: one or two reads, not ten.
      expect(it.reader.counts().sharedReads - before).toBeLessThanOrEqual(3);
      expect(batches.length).toBeLessThanOrEqual(3);
      expect(batches.reduce((a, b) => a + b, 0)).toBe(20);
      const attesi = (await store.readAll({ fromPosition: undefined, maxCount: 100_000 })).filter((e) => e.streamId.startsWith(prefix)).map((e) => e.id);
      expect((await rows(`intervallo-${prefix}`)).map((r) => r.event_id)).toEqual(attesi);
    } finally {
      await it.stop();
    }
  });

  it('a failing consumer retries on its own: the others go on, and it later applies every event exactly once (catching up outside the window)', async () => {
    const prefix = stream('lento');
    const it = await instance({ bufferSize: 10, pageSize: 10 });
    try {
      const healthy = it.run(recorder(`sano-${prefix}`, prefix));
      const flaky = recorder(`guasto-${prefix}`, prefix);
      const failing = it.run(flaky);
      await caughtUp([healthy, failing], (await store.headPosition())!);
      flaky.failing = true;
      let last: Position | undefined;
      for (let i = 0; i < 10; i++) last = (await other.appendToStream(`${prefix}-${i}`, events(4))).position;
      await caughtUp([healthy], last!);
      expect(await rows(`sano-${prefix}`)).toHaveLength(40);
      expect(failing.status().lastError).toMatch(/simulated failure/);
      expect(await failing.waitFor(last!, 10)).toBe(false);
      const catchUpsBefore = it.reader.counts().catchUpReads;
      flaky.failing = false;
      await caughtUp([failing], last!);
      const applied = (await rows(`guasto-${prefix}`)).map((r) => r.event_id);
      expect(applied).toEqual((await rows(`sano-${prefix}`)).map((r) => r.event_id));
      // 40 events against a window of 10: it read the log itself to get back to the window.
      expect(it.reader.counts().catchUpReads).toBeGreaterThan(catchUpsBefore);
    } finally {
      await it.stop();
    }
  });

  it('an event held back by an older transaction that never notifies (it appends nothing) is still seen soon after that transaction ends', async () => {
    const prefix = stream('trattenuto');
    const it = await instance();
    const older = await db.pool.connect();
    try {
      const runner = it.run(recorder(`trattenuto-${prefix}`, prefix));
      await caughtUp([runner], (await store.headPosition())!);
      await older.query('BEGIN');
      await older.query('CREATE TEMP TABLE IF NOT EXISTS scrittura (n int)');
      await older.query('INSERT INTO scrittura VALUES (1)');
      const { position } = await other.appendToStream(`${prefix}-1`, events(1));
      expect(await runner.waitFor(position, 300)).toBe(false);
      await older.query('COMMIT');
      expect(await runner.waitFor(position, 10_000)).toBe(true);
    } finally {
      older.release();
      await it.stop();
    }
  });

  it('an idle consumer wakes on the NOTIFY of an append from another instance, with no polling (fallback poll 60 s)', async () => {
    const prefix = stream('sveglia');
    const it = await instance();
    try {
      const runner = it.run(recorder(`sveglia-${prefix}`, prefix));
      await caughtUp([runner], (await store.headPosition())!);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      const { position } = await other.appendToStream(`${prefix}-1`, events(1));
      expect(await runner.waitFor(position, 10_000)).toBe(true);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await rows(`sveglia-${prefix}`)).toHaveLength(1);
    } finally {
      await it.stop();
    }
  });
});
