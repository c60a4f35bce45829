import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { CheckpointStore, ConsumerRunner, PostgresAppendListener, PostgresEventStore, SharedLogReader, type Consumer, type Position } from '#event-store';
import { createTestDatabase } from '../libs/platform/src/testing/scratch-database.js';

/**
 * bench:consumers: the consumers of one instance reading the log each on its own (polling every
 * SUBSCRIPTION_POLL_MS, as before) against one shared reader woken by LISTEN/NOTIFY. Same
 * consumers, same appends, back to back; figures: reads of the log per second and consumer lag
 * (time from an append's return until every consumer has applied it).
 * Scale: BENCH_CONSUMERS (8), BENCH_APPENDS (200), BENCH_APPEND_EVERY_MS (10).
 */
const CONSUMERS = Number(process.env.BENCH_CONSUMERS ?? 8);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 200);
const EVERY_MS = Number(process.env.BENCH_APPEND_EVERY_MS ?? 10);

/** A pool that counts the page reads of the log (subscription pages and readAll). */
class CountingPool extends pg.Pool {
  reads = 0;
  override query(...args: unknown[]): never {
    const text = typeof args[0] === 'string' ? args[0] : '';
    if (/FROM \w+\.es_events e\s+WHERE/.test(text) && /ORDER BY e\.transaction_id/.test(text) && !/DESC/.test(text)) this.reads++;
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

async function run(mode: 'per-consumer' | 'shared'): Promise<Record<string, number>> {
  const db = await createTestDatabase(4);
  const pool = new CountingPool({ connectionString: db.url, max: CONSUMERS + 6 });
  try {
    const store = new PostgresEventStore(pool, { pollIntervalMs: 100 });
    await store.migrate();
    const writer = new PostgresEventStore(db.pool);
    const checkpoints = new CheckpointStore(pool);
    await checkpoints.migrate();
    const listener = new PostgresAppendListener(pool);
    let reader: SharedLogReader | undefined;
    if (mode === 'shared') {
      await listener.start();
      reader = new SharedLogReader(store, { signal: listener, heldBack: (after) => store.heldBackAfter(after), heldBackPollMs: 100 });
    }
    const consumers: Consumer[] = Array.from({ length: CONSUMERS }, (_, i) => ({ name: `bench-${i}`, async handle() {} }));
    const runners = consumers.map((c) => new ConsumerRunner(store, pool, checkpoints, c, { source: reader }));
    runners.forEach((r) => r.start());
    await writer.appendToStream(`avvio-${randomUUID()}`, [{ id: randomUUID(), type: 'Avvio', data: {} }]);
    const head = (await store.headPosition())!;
    await Promise.all(runners.map((r) => r.waitFor(head, 30_000)));
    pool.reads = 0;
    const started = Date.now();
    const lags: number[] = [];
    const pending: Promise<void>[] = [];
    for (let i = 0; i < APPENDS; i++) {
      const { position } = await writer.appendToStream(`bench-${i % 20}`, [{ id: randomUUID(), type: 'Provato', data: { i } }]);
      const at = Date.now();
      pending.push(Promise.all(runners.map((r) => r.waitFor(position as Position, 30_000))).then(() => void lags.push(Date.now() - at)));
      await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
    }
    await Promise.all(pending);
    const seconds = (Date.now() - started) / 1000;
    const reads = pool.reads;
    await Promise.all(runners.map((r) => r.stop()));
    await reader?.close();
    await listener.close();
    lags.sort((a, b) => a - b);
    return { log_reads_per_s: Math.round(reads / seconds), lag_p50_ms: lags[Math.floor(lags.length / 2)], lag_p95_ms: lags[Math.floor(lags.length * 0.95)] };
  } finally {
    await pool.end();
    await db.drop();
  }
}

const before = await run('per-consumer');
const after = await run('shared');
console.log('| figure | per-consumer polling (before) | shared reader + NOTIFY (after) |\n|---|---|---|');
for (const key of Object.keys(before)) console.log(`| ${key} | ${before[key]} | ${after[key]} |`);
console.log(JSON.stringify({ consumers: CONSUMERS, appends: APPENDS, every_ms: EVERY_MS, before, after }));
// The embedded server's exit hook (when no local PostgreSQL answers) must not fail the run.
process.exit(0);
