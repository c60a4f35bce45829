/**
 * `npm run bench:read` (after `npm run bench:seed -- --lots 1000000`): the listing at scale.
 * - p50/p95 of each single filter of PARAMETRI DI RICERCA and of 5 common combinations: first
 *   page of 20 with its total, as an auditor (every office: the most rows to search);
 * - the first page and deep keyset pages (following cursors 20,000 rows down);
 * - the CSV export of every row (rows/s and peak RSS growth of this process);
 * - the rebuild of the listing from the events, and a raw sequential read of the events table in
 *   the same run as its baseline.
 * Targets: p95 ≤ 50 ms each, export ≥ 50,000 rows/s with RSS growth ≤ 100 MB, rebuild ≥ 20,000 events/s.
 * Options: --campioni N (per filter, default 40), --senza-rebuild.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { CheckpointStore, PostgresEventStore } from '#event-store';
import { seededRandom } from '#platform';
import { CursoreFirmato, esportaCsv, leggiFiltriListing, migraModelliDiLettura, paginaListing, proiezioneListing, ricostruisci, type AmbitoVisibilita } from '#read-models';
import { apriDbBench } from './bench-db.js';
import { esegui, machine, percentile, printJson, printTable } from './support.js';

const args = process.argv.slice(2);
const CAMPIONI = Number(args[args.indexOf('--campioni') + 1] || 40);
const cursori = new CursoreFirmato(randomBytes(32));
/** The service's default LISTING_COUNT_MAX. */
const LIMITE_CONTEGGIO = 10_000;

async function main(): Promise<void> {
  const db = await apriDbBench(8);
  try {
    const pool = db.pool;
    await migraModelliDiLettura(db.url);
    const righe = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM rm_cig_listing')).rows[0].n);
    const eventiNelLog = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events')).rows[0].n);
    process.stdout.write(`machine: ${machine()}\nlisting rows: ${righe}, events in the log: ${eventiNelLog}, samples per query: ${CAMPIONI}\n`);
    const r = seededRandom(42);
    // A 0.2% page sample of a small table can be empty: then the rows themselves are the sample.
    const campione = async (sql: string) => {
      let { rows } = await pool.query<{ v: string }>(sql);
      if (rows.length === 0) ({ rows } = await pool.query<{ v: string }>(sql.replace(/ TABLESAMPLE SYSTEM \([\d.]+\)/, '')));
      return rows.map((x) => x.v);
    };
    const codici = await campione('SELECT appalto_id::text AS v FROM rm_cig_listing TABLESAMPLE SYSTEM (0.2) LIMIT 200');
    const cig = await campione('SELECT cig AS v FROM rm_cig_listing TABLESAMPLE SYSTEM (0.2) WHERE cig IS NOT NULL LIMIT 200');
    const gare = await campione('SELECT id_appalto_anac AS v FROM rm_cig_listing TABLESAMPLE SYSTEM (0.2) WHERE id_appalto_anac IS NOT NULL LIMIT 200');
    // What a user types in "Inserisci RUP": a surname, or name and surname.
    const rup = await campione("SELECT CASE WHEN random() < 0.5 THEN split_part(rup_nome, ' ', 2) ELSE rup_nome END AS v FROM rm_cig_listing TABLESAMPLE SYSTEM (0.2) LIMIT 200");
    const cf = await campione('SELECT rup_cf AS v FROM rm_cig_listing TABLESAMPLE SYSTEM (0.2) LIMIT 200');
    const uffici = await campione('SELECT DISTINCT ufficio AS v FROM rm_cig_listing TABLESAMPLE SYSTEM (0.5)');
    const scegli = <T>(voci: readonly T[]) => voci[Math.floor(r() * voci.length)];
    const mese = (da: number, a: number) => {
      const anno = da + Math.floor(r() * (a - da + 1));
      const m = 1 + Math.floor(r() * 12);
      const fine = new Date(Date.UTC(anno, m, 0)).getUTCDate();
      return [`${anno}-${String(m).padStart(2, '0')}-01`, `${anno}-${String(m).padStart(2, '0')}-${fine}`];
    };
    const parole = ['pulizia', 'toner', 'manutenzione', 'vigilanza', 'università', 'sismico', 'Firenze', 'scolastico', 'farmaci', 'arredi', 'città di castello', 'copertura'];
    const fasce = [['1000', '5000'], ['5000', '20000'], ['40000', '150000'], ['150000', '1000000'], ['1000000', '5000000']];

    const filtri: Record<string, () => Record<string, string>> = {
      codice: () => ({ codice: scegli(codici) }),
      oggetto: () => ({ oggetto: scegli(parole) }),
      numeroGara: () => ({ numeroGara: scegli(gare) }),
      cig: () => ({ cig: scegli(cig) }),
      cigUtilizzato: () => ({ cigUtilizzato: scegli(['si', 'no']) }),
      statoRichiesta: () => ({ statoRichiesta: scegli(['Bozza', 'Richiesta', 'Perfezionata', 'Annullata', 'Scaduta']) }),
      statoLotto: () => ({ statoLotto: scegli(['IN_BOZZA', 'CIG_RICHIESTO', 'CIG_ASSEGNATO', 'CANCELLATO']) }),
      'rup (nome)': () => ({ rup: scegli(rup) }),
      'rup (codice fiscale)': () => ({ rup: scegli(cf) }),
      modalita: () => ({ modalita: scegli(['CIG', 'SMARTCIG']) }),
      'data invio (un mese)': () => {
        const [da, a] = mese(2011, 2026);
        return { dataInvioDa: da, dataInvioA: a };
      },
      'data scadenza (un mese)': () => {
        const [da, a] = mese(2024, 2026);
        return { scadenzaDa: da, scadenzaA: a };
      },
      'valore (fascia)': () => {
        const [da, a] = scegli(fasce);
        return { valoreDa: da, valoreA: a };
      },
    };
    const combinazioni: Record<string, () => [Record<string, string>, AmbitoVisibilita]> = {
      'perfezionate inviate in un mese': () => {
        const [da, a] = mese(2011, 2026);
        return [{ statoRichiesta: 'Perfezionata', dataInvioDa: da, dataInvioA: a }, {}];
      },
      'oggetto + perfezionate, per valore': () => [{ oggetto: scegli(parole), statoRichiesta: 'Perfezionata', ordina: 'valore', verso: 'desc' }, {}],
      'rup + CIG non utilizzato': () => [{ rup: scegli(rup), cigUtilizzato: 'no' }, {}],
      'modalità + fascia di valore, per valore': () => {
        // SmartCIG are small contracts: a user looks for them among small amounts.
        const smart = r() < 0.5;
        const [da, a] = smart ? scegli(fasce.slice(0, 2)) : scegli(fasce);
        return [{ modalita: smart ? 'SMARTCIG' : 'CIG', valoreDa: da, valoreA: a, ordina: 'valore', verso: 'desc' }, {}];
      },
      'ufficio: bozze e richieste, per ultima modifica': () => [{ statoRichiesta: 'Bozza,Richiesta', ordina: 'dataUltimaModifica', verso: 'desc' }, { ufficio: scegli(uffici) }],
    };

    const misura = async (crea: () => [Record<string, string>, AmbitoVisibilita]) => {
      const tempi: number[] = [];
      for (let i = 0; i < CAMPIONI + 3; i++) {
        const [query, ambito] = crea();
        const t0 = performance.now();
        await paginaListing(pool, leggiFiltriListing({ ...query, limite: '20' }, { pagine: true, limiteMax: 200 }), ambito, cursori, { limiteConteggio: LIMITE_CONTEGGIO });
        if (i >= 3) tempi.push(performance.now() - t0);
      }
      return { p50: percentile(tempi, 50), p95: percentile(tempi, 95) };
    };
    const risultati: Array<{ query: string; p50: number; p95: number }> = [];
    for (const [nome, crea] of Object.entries(filtri)) risultati.push({ query: `filter: ${nome}`, ...(await misura(() => [crea(), {}])) });
    for (const [nome, crea] of Object.entries(combinazioni)) risultati.push({ query: `combination: ${nome}`, ...(await misura(crea)) });
    printTable('Listing queries at scale (first page of 20 + total; auditor: every office)', risultati.map((x) => ({ query: x.query, 'p50 ms': x.p50, 'p95 ms': x.p95, target: x.p95 <= 50 ? '≤ 50 ✔' : '≤ 50 ✘' })));

    const pagine = await pagineProfonde(pool);
    printTable('Keyset pages (no filter, 50 rows a page)', pagine.map((p) => ({ pages: p.nome, 'p50 ms': p.p50, 'p95 ms': p.p95 })));

    const esportazione = await esporta(pool);
    printTable('CSV export of every row', [{ rows: esportazione.righe, 'rows/s': esportazione.rate, 'peak RSS growth MB': esportazione.rssMb, 'seconds': esportazione.secondi }]);

    const figure: Record<string, number> = {};
    if (!args.includes('--senza-rebuild')) {
      const raw = await letturaGrezza(pool);
      const store = new PostgresEventStore(pool);
      const checkpoints = new CheckpointStore(pool);
      await checkpoints.migrate();
      let inizioRiproduzione = 0;
      let fineRiproduzione = 0;
      let eventiRiproduzione = 0;
      const t0 = performance.now();
      const stato = await ricostruisci(proiezioneListing, {
        pool, store, checkpoints, batchSize: 5000,
        progresso: (s) => {
          if (s.fase === 'riproduzione' && inizioRiproduzione === 0) inizioRiproduzione = performance.now();
          if (s.fase === 'riproduzione') eventiRiproduzione = s.eventi;
          if (s.fase === 'indici' && fineRiproduzione === 0) fineRiproduzione = performance.now();
        },
      });
      const totale = (performance.now() - t0) / 1000;
      const riproduzione = eventiRiproduzione / ((fineRiproduzione - inizioRiproduzione) / 1000);
      figure.rebuild_events_per_s = stato.eventi / totale;
      figure.rebuild_replay_events_per_s = riproduzione;
      figure.raw_read_events_per_s = raw;
      figure.rebuild_ratio = figure.rebuild_events_per_s / raw;
      figure.rebuild_s = totale;
      printTable('Rebuild of the listing from position 0 (shadow tables, swapped in)', [
        { measure: 'events replayed', value: stato.eventi },
        { measure: 'replay only (events/s)', value: riproduzione },
        { measure: 'whole rebuild: replay, indexes, catch-up, swap (events/s)', value: figure.rebuild_events_per_s },
        { measure: 'baseline: raw keyset read of es_events (events/s)', value: raw },
        { measure: 'ratio whole rebuild / raw read', value: figure.rebuild_ratio },
        { measure: 'seconds', value: totale },
      ]);
    }
    printJson({
      listing_rows: righe,
      events: eventiNelLog,
      filter_p95_ms_max: Math.max(...risultati.map((x) => x.p95)),
      ...Object.fromEntries(risultati.map((x) => [`p95_ms_${x.query.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`, x.p95])),
      first_page_p95_ms: pagine[0].p95,
      deep_page_p95_ms: pagine[1].p95,
      export_rows_per_s: esportazione.rate,
      export_rss_growth_mb: esportazione.rssMb,
      ...figure,
    });
  } finally {
    await db.close();
  }
}

async function pagineProfonde(pool: import('pg').Pool) {
  const prime: number[] = [];
  const profonde: number[] = [];
  for (const ordina of ['dataCreazione', 'valore']) {
    let cursore: string | undefined;
    for (let pagina = 0; pagina < 400; pagina++) {
      const t0 = performance.now();
      const p = await paginaListing(pool, leggiFiltriListing({ ordina, limite: '50', ...(cursore ? { cursore } : {}) }, { pagine: true, limiteMax: 200 }), {}, cursori, { limiteConteggio: LIMITE_CONTEGGIO });
      const ms = performance.now() - t0;
      if (pagina === 0) prime.push(ms);
      if (pagina >= 300) profonde.push(ms);
      cursore = p.pagina.successiva ?? undefined;
    }
  }
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await paginaListing(pool, leggiFiltriListing({ limite: '50' }, { pagine: true, limiteMax: 200 }), {}, cursori, { limiteConteggio: LIMITE_CONTEGGIO });
    prime.push(performance.now() - t0);
  }
  return [
    { nome: 'first page (with the total of 1M rows)', p50: percentile(prime, 50), p95: percentile(prime, 95) },
    { nome: 'pages 300-400 (15,000-20,000 rows deep)', p50: percentile(profonde, 50), p95: percentile(profonde, 95) },
  ];
}

async function esporta(pool: import('pg').Pool) {
  const client = await pool.connect();
  const base = process.memoryUsage().rss;
  let picco = base;
  const campiona = setInterval(() => (picco = Math.max(picco, process.memoryUsage().rss)), 20);
  const uscita = createWriteStream('/dev/null');
  let righe = -1;
  const t0 = performance.now();
  try {
    for await (const blocco of esportaCsv(client, leggiFiltriListing({}, { pagine: false, limiteMax: 0 }), {})) {
      for (let i = blocco.indexOf('\r\n'); i >= 0; i = blocco.indexOf('\r\n', i + 2)) righe += 1;
      if (!uscita.write(blocco)) await once(uscita, 'drain');
    }
  } finally {
    clearInterval(campiona);
    client.release();
    uscita.end();
  }
  const secondi = (performance.now() - t0) / 1000;
  return { righe, rate: righe / secondi, rssMb: (picco - base) / 2 ** 20, secondi };
}

/** Baseline: every event read in log order by keyset pages of 5,000, all columns, rows parsed by node-pg. */
async function letturaGrezza(pool: import('pg').Pool): Promise<number> {
  let dopo = ['0', '0'];
  let n = 0;
  const t0 = performance.now();
  for (;;) {
    const { rows } = await pool.query<{ tx: string; global_position: string }>(
      `SELECT transaction_id::text AS tx, global_position, stream_id, stream_revision, event_id, event_type, data, metadata, created FROM es_events
        WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint) ORDER BY transaction_id, global_position LIMIT 5000`,
      dopo,
    );
    n += rows.length;
    if (rows.length < 5000) break;
    dopo = [rows.at(-1)!.tx, rows.at(-1)!.global_position];
  }
  return n / ((performance.now() - t0) / 1000);
}

esegui('read', main);
