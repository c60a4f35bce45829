import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { events, stream } from '../contract/fixture.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import { CheckpointStore } from './checkpoint-store.js';
import type { Consumer } from './consumer.js';
import { ConsumerRunner, type RunnerTimers } from './consumer-runner.js';

/** A clock for the runner's waits: records each one and ends it at once. */
function recordingTimers(): RunnerTimers & { readonly waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    setTimeout: (callback, ms) => {
      waits.push(ms);
      return setImmediate(callback);
    },
    clearTimeout: (handle) => clearImmediate(handle as NodeJS.Immediate),
  };
}

/** A consumer of one stream prefix whose next `failures` batches fail. */
function flakyConsumer(prefix: string): Consumer & { failures: number } {
  return {
    name: `flaky-${prefix}`,
    filter: { streamPrefixes: [prefix] },
    failures: 0,
    async handle() {
      if (this.failures > 0) {
        this.failures--;
        throw new Error('simulated failure of the consumer');
      }
    },
  };
}

/** One scratch database, its store and checkpoints, for every block below. */
describe('ConsumerRunner', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let checkpoints: CheckpointStore;

  beforeAll(async () => {
    db = await createTestDatabase(6);
    store = new PostgresEventStore(db.pool, { pollIntervalMs: 20 });
    await store.migrate();
    checkpoints = new CheckpointStore(db.pool);
    await checkpoints.migrate();
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  describe('retries', () => {
    it('the retry delay doubles with failures in a row and is back to its base after the consumer made progress', async () => {
      const prefix = stream('ritardi');
      const consumer = flakyConsumer(prefix);
      const timers = recordingTimers();
      const runner = new ConsumerRunner(store, db.pool, checkpoints, consumer, { timers });
      try {
        consumer.failures = 8;
        const first = await store.appendToStream(`${prefix}-a`, events(1));
        runner.start();
        expect(await runner.waitFor(first.position, 10_000)).toBe(true);
        expect(timers.waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);

        // Hours later, one new failure: retried after the base delay, not after 30 s.
        consumer.failures = 2;
        const second = await store.appendToStream(`${prefix}-a`, events(1));
        expect(await runner.waitFor(second.position, 10_000)).toBe(true);
        expect(timers.waits.slice(8)).toEqual([500, 1_000]);
      } finally {
        await runner.stop();
      }
    });

    it('activations leave no error listener on the pooled connections they give back', async () => {
      const pool = new pg.Pool({ connectionString: db.url, max: 2 });
      const prefix = stream('ascoltatori');
      const consumer = flakyConsumer(prefix);
      const runner = new ConsumerRunner(store, pool, checkpoints, consumer, { timers: recordingTimers() });
      try {
        consumer.failures = 12;
        const written = await store.appendToStream(`${prefix}-a`, events(1));
        runner.start();
        expect(await runner.waitFor(written.position, 10_000)).toBe(true);
        await runner.stop();
        // Every failure released the lock's connection and the next activation took one again.
        const clients = [await pool.connect(), await pool.connect()];
        const listeners = clients.map((client) => client.listenerCount('error'));
        clients.forEach((client) => client.release());
        expect(listeners).toEqual([0, 0]);
      } finally {
        await runner.stop();
        await pool.end();
      }
    });
  });

  describe('asyncCommit', () => {
    /** A consumer that records, for each batch, the commit mode its transaction runs with, and writes a row. */
    function consumerCheRegistra(nome: string, asyncCommit: boolean | undefined) {
      const modi: string[] = [];
      const consumer: Consumer = {
        name: nome,
        filter: { streamPrefixes: [nome] },
        ...(asyncCommit === undefined ? {} : { asyncCommit }),
        async handle(batch, tx) {
          modi.push((await tx.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]!.synchronous_commit);
          for (const e of batch) await tx.query('INSERT INTO scritti (consumer, event_id) VALUES ($1, $2)', [nome, e.id]);
        },
      };
      return { consumer, modi };
    }

    it('a consumer with asyncCommit commits its batches with synchronous_commit off, that transaction only; the others keep it on', async () => {
      await db.pool.query('CREATE TABLE IF NOT EXISTS scritti (consumer text, event_id uuid)');
      // Each runner holds a connection for its lock.
      const pool = new pg.Pool({ connectionString: db.url, max: 4 });
      const asincrono = consumerCheRegistra(stream('asincrono'), true);
      const sincrono = consumerCheRegistra(stream('sincrono'), false);
      const predefinito = consumerCheRegistra(stream('predefinito'), undefined);
      const runners = [asincrono, sincrono, predefinito].map((c) => new ConsumerRunner(store, pool, checkpoints, c.consumer, { timers: recordingTimers(), begin: store.readerTransactionBegin() }));
      try {
        let ultima;
        for (const c of [asincrono, sincrono, predefinito]) ultima = await store.appendToStream(`${c.consumer.name}-1`, events(3));
        runners.forEach((r) => r.start());
        for (const r of runners) expect(await r.waitFor(ultima!.position, 10_000)).toBe(true);
        expect(new Set(asincrono.modi)).toEqual(new Set(['off']));
        expect(new Set(sincrono.modi)).toEqual(new Set(['on']));
        expect(new Set(predefinito.modi)).toEqual(new Set(['on']));
        // Written and checkpointed as any batch: the rows and the checkpoint are there.
        const { rows } = await db.pool.query<{ consumer: string; n: string }>('SELECT consumer, count(*)::text AS n FROM scritti GROUP BY consumer ORDER BY consumer');
        expect(Object.fromEntries(rows.map((r) => [r.consumer, Number(r.n)]))).toEqual({ [asincrono.consumer.name]: 3, [sincrono.consumer.name]: 3, [predefinito.consumer.name]: 3 });
        expect(await checkpoints.load(asincrono.consumer.name)).toBeDefined();
        // SET LOCAL: the pool's connections, the lock's included, are back to the server's setting.
        await Promise.all(runners.map((r) => r.stop()));
        const clients = await Promise.all([1, 2, 3, 4].map(() => pool.connect()));
        const modi = await Promise.all(clients.map(async (c) => (await c.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]!.synchronous_commit));
        clients.forEach((c) => c.release());
        expect(modi).toEqual(['on', 'on', 'on', 'on']);
      } finally {
        await Promise.all(runners.map((r) => r.stop()));
        await pool.end();
      }
    });
  });

  describe('batch window', () => {
    /** A consumer that records the size of each batch it commits. */
    function contaBatch(nome: string, immediate?: boolean) {
      const batch: number[] = [];
      const consumer: Consumer = { name: nome, filter: { streamPrefixes: [nome] }, ...(immediate ? { immediate } : {}), handle: async (eventi) => void batch.push(eventi.length) };
      return { consumer, batch };
    }
    const pausa = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const quando = async (condizione: () => boolean, ms = 5_000) => {
      const fine = Date.now() + ms;
      while (!condizione() && Date.now() < fine) await pausa(5);
      expect(condizione()).toBe(true);
    };

    it('the appends of the window come in one batch; an immediate consumer takes them as they come', async () => {
      const raggruppato = contaBatch(stream('finestra'));
      const immediato = contaBatch(stream('immediato'), true);
      const runners = [raggruppato, immediato].map((c) => new ConsumerRunner(store, db.pool, checkpoints, c.consumer, { batchWindowMs: 400 }));
      try {
        runners.forEach((r) => r.start());
        await pausa(100);
        for (const c of [raggruppato, immediato]) await store.appendToStream(`${c.consumer.name}-0`, events(1));
        await quando(() => raggruppato.batch.length === 1 && immediato.batch.length === 1);
        for (let i = 1; i <= 5; i++) {
          for (const c of [raggruppato, immediato]) await store.appendToStream(`${c.consumer.name}-${i}`, events(1));
          await pausa(30);
        }
        await quando(() => raggruppato.batch.reduce((a, b) => a + b, 0) === 6 && immediato.batch.reduce((a, b) => a + b, 0) === 6);
        // The five appends made within the window after the first batch: one transaction.
        expect(raggruppato.batch).toEqual([1, 5]);
        expect(immediato.batch.length).toBeGreaterThanOrEqual(4);
      } finally {
        await Promise.all(runners.map((r) => r.stop()));
      }
    });

    it('someone waiting for a position (read-your-writes) cuts the window short', async () => {
      const c = contaBatch(stream('attesa'));
      const runner = new ConsumerRunner(store, db.pool, checkpoints, c.consumer, { batchWindowMs: 5_000 });
      try {
        runner.start();
        await pausa(100);
        await store.appendToStream(`${c.consumer.name}-0`, events(1));
        await quando(() => c.batch.length === 1);
        // The runner now holds its next batch back for 5 s, unless someone waits.
        const { position } = await store.appendToStream(`${c.consumer.name}-1`, events(1));
        const prima = performance.now();
        expect(await runner.waitFor(position, 10_000)).toBe(true);
        expect(performance.now() - prima).toBeLessThan(2_000);
        expect(c.batch).toEqual([1, 1]);
        // Stopping does not wait for the window either.
        await store.appendToStream(`${c.consumer.name}-2`, events(1));
        await pausa(100);
        const fermo = performance.now();
        await runner.stop();
        expect(performance.now() - fermo).toBeLessThan(2_000);
      } finally {
        await runner.stop();
      }
    });
  });

  describe('batch window while catching up', () => {
    it('a consumer behind the log takes its full batches back to back, not one per window', async () => {
      const prefix = stream('recupero');
      const batch: number[] = [];
      const consumer: Consumer = { name: prefix, filter: { streamPrefixes: [prefix] }, batchSize: 10, handle: async (eventi) => void batch.push(eventi.length) };
      let ultima;
      for (let i = 0; i < 10; i++) ultima = await store.appendToStream(`${prefix}-${i}`, events(10));
      const runner = new ConsumerRunner(store, db.pool, checkpoints, consumer, { batchWindowMs: 1_000 });
      try {
        const prima = performance.now();
        runner.start();
        // Polled, not waited for: a waitFor would cut the window short by itself.
        while (batch.reduce((a, b) => a + b, 0) < 100 && performance.now() - prima < 20_000) await new Promise((r) => setTimeout(r, 10));
        expect(batch).toEqual(Array(10).fill(10));
        // Ten batches with a window of 1 s each would take 9 s.
        expect(performance.now() - prima).toBeLessThan(3_000);
        expect(await runner.waitFor(ultima!.position, 1_000)).toBe(true);
      } finally {
        await runner.stop();
      }
    });
  });
});
