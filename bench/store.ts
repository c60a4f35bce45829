/**
 * `npm run bench:store`: throughput of the PostgreSQL event store against a bare table in the
 * same database and the same run (raw single-row INSERTs, raw keyset reads), so the ratios
 * hold whatever the machine. Prints a table, then one JSON line.
 *
 * Options: --events N (global log size for the read figures, default 1,000,000),
 * --runs N (default 3), --appends N (per append run, default 4,000).
 */
import { randomUUID } from 'node:crypto';
import { PostgresEventStore, type EventData, type Position } from '#event-store';
import { createTestDatabase } from '../libs/platform/src/testing/scratch-database.js';
import { esegui, inParallel, machine, pairedMedian, printJson, printTable, rate } from './support.js';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1]]));
const EVENTS = Number(args.get('--events') ?? 1_000_000);
const RUNS = Number(args.get('--runs') ?? 3);
const APPENDS = Number(args.get('--appends') ?? 4_000);
const PAGE = 1000;

const payload = (n: number) => ({
  cig: `B${n.toString(16).toUpperCase().padStart(6, '0')}ADB`,
  oggetto: `Fornitura di materiale di consumo per uffici, lotto ${n % 7}`,
  importo: '12345.67',
  lotto: n % 7,
});
const metadata = { actor: { userId: 'bench', role: 'BUYER', ufficio: 'UFF-1' }, correlationId: randomUUID(), effectiveAt: '2024-01-15T09:00:00.000Z' };
const event = (n: number): EventData => ({ id: randomUUID(), type: 'CigRichiesto', data: payload(n), metadata });

async function main(): Promise<void> {
  const db = await createTestDatabase(16);
  const store = new PostgresEventStore(db.pool);
  try {
    await store.migrate();
    await db.pool.query(`CREATE TABLE bench_raw (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL, event_type text NOT NULL,
      data jsonb NOT NULL, metadata jsonb NOT NULL, created timestamptz NOT NULL DEFAULT now())`);
    const rawInsert = (n: number) =>
      db.pool.query('INSERT INTO bench_raw (stream_id, event_type, data, metadata) VALUES ($1, $2, $3, $4)', [
        `raw-${n}`,
        'CigRichiesto',
        JSON.stringify(payload(n)),
        JSON.stringify(metadata),
      ]);

    process.stdout.write(`machine: ${machine()}\nappends per run: ${APPENDS}, runs: ${RUNS}, global log: ${EVENTS} events\n`);
    let serial = 0;
    const w1 = await pairedMedian(
      RUNS,
      () => rate(APPENDS / 4, () => inParallel(1, APPENDS / 4, () => store.appendToStream(`w1-${serial++}`, [event(serial)]))),
      () => rate(APPENDS / 4, () => inParallel(1, APPENDS / 4, () => rawInsert(serial++))),
    );
    const w8 = await pairedMedian(
      RUNS,
      () => rate(APPENDS, () => inParallel(8, APPENDS, () => store.appendToStream(`w8-${serial++}`, [event(serial)]))),
      () => rate(APPENDS, () => inParallel(8, APPENDS, () => rawInsert(serial++))),
    );
    const contended = await pairedMedian(
      RUNS,
      (run) => rate(APPENDS, () => inParallel(8, APPENDS, (worker, i) => store.appendToStream(`hot-${run}-${i % 8}`, [event(i)]))),
      () => rate(APPENDS, () => inParallel(8, APPENDS, () => rawInsert(serial++))),
    );

    // Fill the global log up to EVENTS with batched appends, then mirror it into the bare table.
    const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events');
    const missing = Math.max(0, EVENTS - Number(rows[0].n));
    const batch = 1000;
    process.stdout.write(`filling the log with ${missing} events…\n`);
    await inParallel(4, Math.ceil(missing / batch), (w, b) =>
      store.appendToStream(`fill-${b}`, Array.from({ length: Math.min(batch, missing - b * batch) }, (_, i) => event(b * batch + i))),
    );
    await db.pool.query('TRUNCATE bench_raw');
    await db.pool.query(`INSERT INTO bench_raw (stream_id, event_type, data, metadata, created)
      SELECT stream_id, event_type, data, metadata, created FROM es_events ORDER BY transaction_id, global_position`);
    await db.pool.query('VACUUM ANALYZE es_events');
    await db.pool.query('VACUUM ANALYZE bench_raw');
    const total = Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events')).rows[0].n);

    const rawRead = () =>
      rate(total, async () => {
        let last = '0';
        for (;;) {
          const page = await db.pool.query<{ id: string }>(
            'SELECT id, stream_id, event_type, data, metadata, created FROM bench_raw WHERE id > $1 ORDER BY id LIMIT $2',
            [last, PAGE],
          );
          if (page.rows.length === 0) break;
          last = page.rows[page.rows.length - 1].id;
        }
      });
    const readAll = await pairedMedian(
      RUNS,
      () =>
        rate(total, async () => {
          let from: Position | undefined;
          for (;;) {
            const page = await store.readAll({ fromPosition: from, maxCount: PAGE });
            if (page.length === 0) break;
            from = page[page.length - 1].position;
          }
        }),
      rawRead,
    );
    const catchUp = await pairedMedian(
      RUNS,
      () =>
        rate(total, async () => {
          const subscription = store.subscribe({ from: 'start', batchSize: PAGE });
          for await (const message of subscription) if (message.kind === 'caughtUp') break;
          await subscription.close();
        }),
      rawRead,
    );

    const figures = {
      append_w1_per_s: w1.ours,
      raw_insert_w1_per_s: w1.baseline,
      append_w1_ratio: w1.ratio,
      append_w8_per_s: w8.ours,
      raw_insert_w8_per_s: w8.baseline,
      append_w8_ratio: w8.ratio,
      contended_w8_per_s: contended.ours,
      contended_w8_ratio: contended.ratio,
      raw_keyset_read_per_s: readAll.baseline,
      readall_per_s: readAll.ours,
      readall_ratio: readAll.ratio,
      catchup_per_s: catchUp.ours,
      catchup_ratio: catchUp.ratio,
      events_in_log: total,
    };
    printTable(`event store (median of ${RUNS} runs; ratio = median of ours / bare table measured back to back)`, [
      { measure: 'append, 1 writer (events/s)', ours: w1.ours, baseline: w1.baseline, ratio: w1.ratio, target: '-' },
      { measure: 'append, 8 writers (events/s)', ours: w8.ours, baseline: w8.baseline, ratio: w8.ratio, target: '≥ 0.6' },
      { measure: 'append, 8 writers on 8 streams', ours: contended.ours, baseline: contended.baseline, ratio: contended.ratio, target: '-' },
      { measure: `readAll over ${total} events (events/s)`, ours: readAll.ours, baseline: readAll.baseline, ratio: readAll.ratio, target: '≥ 0.5' },
      { measure: 'subscription catch-up (events/s)', ours: catchUp.ours, baseline: catchUp.baseline, ratio: catchUp.ratio, target: '≥ 0.5' },
    ]);
    printJson(figures);
  } finally {
    await store.close();
    await db.drop();
  }
}

esegui('store', main);
