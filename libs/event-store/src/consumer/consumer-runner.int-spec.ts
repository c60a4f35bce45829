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

describe('ConsumerRunner: retries', () => {
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
