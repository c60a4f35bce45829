/**
 * `npm run bench:import`: import of ANAC's open data `cig` dataset. Generates its own sample file
 * in ANAC's format (no real data shipped), imports it into a fresh PostgreSQL event store, then
 * imports it again (nothing may be added). Prints a table, then one JSON line.
 *
 * Options: --rows N (default 100,000), --concurrency N (transactions in flight, default 4),
 * --rows-per-tx N (rows per transaction, default 250; 1 = one append per row).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campioneCigAnac } from '#anac';
import { importaCigAnac } from '#importazione';
import { PostgresEventStore } from '#event-store';
import { createTestDatabase } from '../libs/platform/src/testing/scratch-database.js';
import { esegui, machine, printJson, printTable } from './support.js';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1]]));
const ROWS = Number(args.get('--rows') ?? 100_000);
const CONCURRENCY = Number(args.get('--concurrency') ?? 4);
const PER_TX = Number(args.get('--rows-per-tx') ?? 250);

async function scriviCampione(file: string): Promise<void> {
  const out = createWriteStream(file);
  for (const riga of campioneCigAnac(ROWS)) if (!out.write(riga)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const file = join(dir, 'cig_campione.csv');
  const db = await createTestDatabase(CONCURRENCY + 4);
  const store = new PostgresEventStore(db.pool);
  try {
    await store.migrate();
    await scriviCampione(file);
    const mb = statSync(file).size / 2 ** 20;
    process.stdout.write(`machine: ${machine()}\nsample: ${ROWS} rows, ${mb.toFixed(1)} MB, ${CONCURRENCY} transactions of ${PER_TX} rows in flight\n`);
    const opzioni = { file: 'cig_campione.csv', ufficio: 'OPEN-DATA-ANAC', attore: { userId: 'bench', role: 'SISTEMA' }, correlationId: 'bench-import', concorrenza: CONCURRENCY, righePerTransazione: PER_TX, pool: db.pool };
    const prima = await importaCigAnac(store, createReadStream(file), {
      ...opzioni, ogni: 20_000, progresso: (p) => process.stdout.write(`  ${p.righe} rows, ${Math.round(p.righe / Math.max(p.ms / 1000, 0.001))} rows/s\n`),
    });
    const eventi = async () => Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events')).rows[0].n);
    const dopoPrima = await eventi();
    const seconda = await importaCigAnac(store, createReadStream(file), opzioni);
    const aggiunti = (await eventi()) - dopoPrima;
    const rowsPerS = prima.righe / (prima.ms / 1000);
    const again = seconda.righe / (seconda.ms / 1000);
    printTable('import of the ANAC open data "cig" dataset (PostgreSQL event store)', [
      { measure: 'first import (rows/s)', value: rowsPerS, detail: `${prima.righe} rows, ${prima.eventi} events, ${(prima.ms / 1000).toFixed(1)} s`, target: `${ROWS} rows < 60 s` },
      { measure: 'first import (events/s)', value: prima.eventi / (prima.ms / 1000), detail: `${prima.scartate} rows rejected`, target: '-' },
      { measure: 're-import of the same file (rows/s)', value: again, detail: `${aggiunti} events added`, target: '0 events added' },
    ]);
    printJson({
      rows: prima.righe, rows_per_s: rowsPerS, events: prima.eventi, events_per_s: prima.eventi / (prima.ms / 1000), seconds: prima.ms / 1000,
      rejected: prima.scartate, reimport_rows_per_s: again, reimport_new_events: aggiunti, file_mb: mb, concurrency: CONCURRENCY, rows_per_tx: PER_TX,
    });
  } finally {
    await store.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

esegui('import', main);
