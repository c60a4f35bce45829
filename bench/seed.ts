/**
 * `npm run bench:seed -- --lots 1000000`: fills the benchmark database (bench-db.ts) with realistic
 * appalti (seed-dati.ts) through the event store's real append path (`es_append`, one call per
 * stream, many appalti per transaction, several writers at once), then builds the read models
 * (listing, transmission log, audit trail) with the same rebuild `POST /admin/projections/:name/rebuild`
 * runs. Resumable: blocks of appalti already written are skipped (and re-appending the same
 * deterministic event ids writes nothing). Progress on stderr, one JSON line at the end.
 *
 * Options: --lots N (default 1,000,000), --writers N (default 4), --proiezioni a,b (build only
 * these read models), --senza-audit (skip the audit trail), --solo-eventi (skip the read models),
 * --da-capo (empty the database first).
 */
import type pg from 'pg';
import { CheckpointStore, PostgresEventStore } from '#event-store';
import { caricaFirmaAudit, migraModelliDiLettura, proiezioniRicostruibili, ricostruisci } from '#read-models';
import { apriDbBench } from './bench-db.js';
import { generaAppalto, lottiDi } from './seed-dati.js';
import { esegui, machine, printJson, printTable } from './support.js';

const args = process.argv.slice(2);
const opzione = (nome: string, predefinito: number) => {
  const i = args.indexOf(`--${nome}`);
  return i >= 0 ? Number(args[i + 1]) : predefinito;
};
const LOTTI = opzione('lots', 1_000_000);
const SCRITTORI = opzione('writers', 4);
const BLOCCO = 2000;
const PER_TRANSAZIONE = 25;

async function main(): Promise<void> {
  const db = await apriDbBench(SCRITTORI + 6);
  try {
    if (args.includes('--da-capo')) await db.pool.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    const store = new PostgresEventStore(db.pool);
    await store.migrate();
    const checkpoints = new CheckpointStore(db.pool);
    await checkpoints.migrate();
    await migraModelliDiLettura(db.url);
    await db.pool.query('CREATE TABLE IF NOT EXISTS bench_seed (blocco int PRIMARY KEY, lotti_richiesti int NOT NULL, appalti int NOT NULL, lotti int NOT NULL, eventi int NOT NULL)');
    const { rows: altri } = await db.pool.query<{ n: number }>('SELECT DISTINCT lotti_richiesti AS n FROM bench_seed WHERE lotti_richiesti <> $1', [LOTTI]);
    if (altri.length > 0) throw new Error(`the database holds a seed of ${altri[0].n} lots: run with --lots ${altri[0].n} to resume, or --da-capo`);

    const primo: number[] = [];
    for (let lotti = 0; lotti < LOTTI; primo.push(lotti), lotti += lottiDi(primo.length - 1));
    const appalti = primo.length;
    const blocchi = Math.ceil(appalti / BLOCCO);
    const fatti = new Set((await db.pool.query<{ blocco: number }>('SELECT blocco FROM bench_seed')).rows.map((r) => r.blocco));
    process.stdout.write(`machine: ${machine()}\nseed: ${LOTTI} lots in ${appalti} appalti, ${blocchi} blocks (${fatti.size} already written), ${SCRITTORI} writers\n`);

    const inizio = performance.now();
    let eventi = 0;
    let scritti = 0;
    let prossimo = 0;
    const mostra = setInterval(() => {
      const s = (performance.now() - inizio) / 1000;
      const quota = scritti / Math.max(1, blocchi - fatti.size);
      process.stderr.write(`  events: ${eventi.toLocaleString()} (${Math.round(eventi / s)}/s), blocks ${scritti}/${blocchi - fatti.size}${quota > 0 ? `, ETA ${Math.round((s / quota) * (1 - quota))} s` : ''}\n`);
    }, 5000);
    await Promise.all(
      Array.from({ length: SCRITTORI }, async () => {
        for (let b = prossimo++; b < blocchi; b = prossimo++) {
          if (fatti.has(b)) continue;
          const fino = Math.min(appalti, (b + 1) * BLOCCO);
          let lotti = 0;
          let ev = 0;
          for (let i = b * BLOCCO; i < fino; i += PER_TRANSAZIONE) {
            const gruppo = Array.from({ length: Math.min(PER_TRANSAZIONE, fino - i) }, (_, k) => generaAppalto(i + k, primo[i + k]));
            ev += await scrivi(store, db.pool, gruppo.flatMap((a) => a.flussi));
            lotti += gruppo.reduce((s, a) => s + a.lotti, 0);
          }
          await db.pool.query('INSERT INTO bench_seed VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [b, LOTTI, fino - b * BLOCCO, lotti, ev]);
          eventi += ev;
          scritti += 1;
        }
      }),
    );
    clearInterval(mostra);
    const secondiSeed = (performance.now() - inizio) / 1000;
    const { rows: totali } = await db.pool.query<{ eventi: string; lotti: string }>('SELECT sum(eventi)::text AS eventi, sum(lotti)::text AS lotti FROM bench_seed');
    await db.pool.query('VACUUM ANALYZE es_events');

    const tempi: Record<string, number> = {};
    if (!args.includes('--solo-eventi')) {
      const firma = await caricaFirmaAudit({ dataDir: '.data' });
      for (const p of proiezioniRicostruibili({ firma, ogni: 1000 })) {
        if (p.consumer.name === 'audit' && args.includes('--senza-audit')) continue;
        const scelte = args.includes('--proiezioni') ? args[args.indexOf('--proiezioni') + 1].split(',') : undefined;
        if (scelte && !scelte.includes(p.consumer.name)) continue;
        const t0 = performance.now();
        let ultimo = 0;
        const stato = await ricostruisci(p, {
          pool: db.pool, store, checkpoints, batchSize: 5000,
          progresso: (s) => {
            if (performance.now() - ultimo < 5000) return;
            ultimo = performance.now();
            process.stderr.write(`  ${p.consumer.name}: ${s.fase} ${(s.frazione * 100).toFixed(1)}% ${s.eventi.toLocaleString()} events, ${Math.round(s.eventiAlSecondo)}/s, ETA ${s.etaSecondi ?? '-'} s\n`);
          },
        });
        tempi[p.consumer.name] = (performance.now() - t0) / 1000;
        process.stderr.write(`  ${p.consumer.name}: built, ${stato.eventi.toLocaleString()} events in ${tempi[p.consumer.name].toFixed(0)} s\n`);
      }
      await db.pool.query('VACUUM ANALYZE rm_cig_listing');
    }
    const { rows: righe } = await db.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM rm_cig_listing');
    printTable('bench:seed', [
      { measure: 'lots (listing rows)', value: Number(righe[0].n) },
      { measure: 'appalti', value: appalti },
      { measure: 'events in the log', value: Number(totali[0].eventi) },
      { measure: 'seed time this run (s)', value: secondiSeed },
      ...Object.entries(tempi).map(([nome, s]) => ({ measure: `build ${nome} (s)`, value: s })),
    ]);
    printJson({ lots: Number(totali[0].lotti), listing_rows: Number(righe[0].n), appalti, events: Number(totali[0].eventi), seed_s: secondiSeed, ...Object.fromEntries(Object.entries(tempi).map(([k, v]) => [`build_${k}_s`, v])) });
  } finally {
    await db.close();
  }
}

/** One transaction, one `es_append` per stream (the adapter's real path); returns the events written. */
async function scrivi(store: PostgresEventStore, pool: pg.Pool, flussi: ReturnType<typeof generaAppalto>['flussi']): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Bulk load: the commit does not wait for the WAL flush (the appends themselves are the service's).
    await client.query('SET LOCAL synchronous_commit = off');
    for (const f of flussi) await store.appendInTransaction(client, f.streamId, f.eventi, { expectedRevision: 'no_stream' });
    await client.query('COMMIT');
    return flussi.reduce((s, f) => s + f.eventi.length, 0);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

esegui('seed', main);
