/**
 * `npm run bench:audit`: the cost and speed of the audit trail's Merkle tree (docs/audit.md).
 * - the audit projection over the same log with the tree and its signed heads, and without them
 *   (records/s, each from position 0 in a fresh table set; BENCH_AUDIT_GIRI paired runs, medians);
 * - inclusion proof p95 (`documentoInclusione` of one random record, as GET /audit/inclusione);
 * - consistency proof p95 (`documentoConsistenza` from a random head to the latest);
 * - offline verification records/s of the export of every record the latest head covers, read from
 *   its file: the hash chain check (`verificaExport`) and the tree's root recomputed from the same
 *   records against the head; and the inclusion proofs of a sample of records against the head
 *   (`verificaDocumentoInclusione`).
 * Scale: BENCH_AUDIT_EVENTI (20000), BENCH_AUDIT_CAMPIONI (200), BENCH_AUDIT_GIRI (3).
 *
 * BENCH_AUDIT_DATABASE_URL: the proofs and offline checks only, against a trail already there (with
 * its signed heads), read without writing anything; AUDIT_SIGNING_KEY_FILE (else the development
 * key of DATA_DIR, `.data`) is the key that signed it; BENCH_AUDIT_EXPORT_RECORD limits the export
 * checked offline to the records of the head of that size.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { CheckpointStore, PostgresEventStore, type EventData } from '#event-store';
import { seededRandom } from '#platform';
import {
  aggiungiFoglie, auditProjection, caricaFirmaAudit, documentoConsistenza, documentoInclusione, esportaAudit, FirmaAudit, hashFogliaRecord, migraModelliDiLettura, nodiFrontiera, portachiavi, radiceMerkle,
  riproduci, testaFirmata, verificaDocumentoInclusione, verificaExport, type Hash, type RecordAudit,
} from '#read-models';
import { createTestDatabase } from '../libs/platform/src/testing/scratch-database.js';
import { machine, median, percentile, printJson, printTable } from './support.js';

const EVENTI = Number(process.env.BENCH_AUDIT_EVENTI ?? 20_000);
const CAMPIONI = Number(process.env.BENCH_AUDIT_CAMPIONI ?? 200);
const GIRI = Number(process.env.BENCH_AUDIT_GIRI ?? 3);
const PROVE_OFFLINE = Number(process.env.BENCH_AUDIT_PROVE_OFFLINE ?? 20_000);
const STH_OGNI = 1000;

/** Proofs and offline checks against the trail of `pool` as it is (only reads). */
async function misuraProve(pool: pg.Pool, firma: FirmaAudit): Promise<Array<{ figure: string; value: number | string; chiave: string }>> {
  const ultima = await testaFirmata(pool);
  if (!ultima) throw new Error('no signed tree head in the trail: nothing to prove against');
  const coperti = Number(ultima.dimensione);
  // The export checked offline: every record the latest head covers, or the first BENCH_AUDIT_EXPORT_RECORD (a head's size).
  const testaExport = process.env.BENCH_AUDIT_EXPORT_RECORD ? await testaFirmata(pool, Number(process.env.BENCH_AUDIT_EXPORT_RECORD)) : ultima;
  if (!testaExport) throw new Error(`no signed tree head of size ${process.env.BENCH_AUDIT_EXPORT_RECORD}`);
  const esportati = Number(testaExport.dimensione);
  const { rows: dimensioni } = await pool.query<{ d: string }>('SELECT dimensione::text AS d FROM rm_audit_sth ORDER BY rm_audit_sth.dimensione');
  const teste = dimensioni.map((r) => Number(r.d)).filter((d) => d < coperti);
  const r = seededRandom(7);
  const inclusioni: number[] = [];
  for (let i = 0; i < CAMPIONI; i++) {
    const seq = 1 + Math.floor(r() * coperti);
    const t0 = performance.now();
    await documentoInclusione(pool, { seq: [seq] });
    inclusioni.push(performance.now() - t0);
  }
  const consistenze: number[] = [];
  for (let i = 0; i < CAMPIONI && teste.length > 0; i++) {
    const da = teste[Math.floor(r() * teste.length)]!;
    const t0 = performance.now();
    await documentoConsistenza(pool, da);
    consistenze.push(performance.now() - t0);
  }

  // Offline: proofs of records spread over the head, checked with the key alone.
  const chiavi = portachiavi([firma.chiavePubblicaPem]);
  const quante = Math.min(PROVE_OFFLINE, coperti);
  const prove = [];
  for (let k = 0; k < quante; k += 100) {
    const seq = Array.from({ length: Math.min(100, quante - k) }, (_, j) => 1 + Math.floor(((k + j) * coperti) / quante));
    prove.push(...(await documentoInclusione(pool, { seq })).prove);
  }
  const doc = { ...(await documentoInclusione(pool, { seq: [1] })), prove };
  const t1 = performance.now();
  const esito = verificaDocumentoInclusione(doc, chiavi);
  const inclusioneAlSecondo = prove.length / ((performance.now() - t1) / 1000);
  if (!esito.valida) throw new Error(`offline inclusion check failed: ${JSON.stringify(esito.problema)}`);

  // Offline: the export of every record the head covers, written to a file, then checked from it.
  const cartella = await mkdtemp(join(tmpdir(), 'bench-audit-'));
  try {
    const file = join(cartella, 'audit.jsonl');
    const uscita = createWriteStream(file);
    const te = performance.now();
    for await (const riga of esportaAudit(pool, firma, { aSeq: String(esportati) }, new Date())) {
      if (!uscita.write(riga)) await new Promise<void>((ok) => uscita.once('drain', () => ok()));
    }
    uscita.end();
    await finished(uscita);
    const esportaAlSecondo = esportati / ((performance.now() - te) / 1000);
    const righe = () => createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    const t2 = performance.now();
    const catena = await verificaExport(righe(), firma.chiavePubblicaPem);
    const catenaAlSecondo = esportati / ((performance.now() - t2) / 1000);
    if (!catena.integra) throw new Error(`chain check failed: ${JSON.stringify(catena)}`);
    const t3 = performance.now();
    const radiceExport = await radiceDelleRighe(righe());
    const alberoAlSecondo = esportati / ((performance.now() - t3) / 1000);
    if (radiceExport.toString('hex') !== testaExport.radice) throw new Error('the root of the export is not the head of its size');
    return [
      { chiave: 'inclusione_p95_ms', figure: 'inclusion proof p95 ms', value: percentile(inclusioni, 95) },
      { chiave: 'inclusione_p50_ms', figure: 'inclusion proof median ms', value: median(inclusioni) },
      { chiave: 'consistenza_p95_ms', figure: 'consistency proof p95 ms', value: percentile(consistenze, 95) },
      { chiave: 'consistenza_p50_ms', figure: 'consistency proof median ms', value: median(consistenze) },
      { chiave: 'inclusione_offline_al_s', figure: `offline inclusion check records/s (${prove.length} proofs)`, value: inclusioneAlSecondo },
      { chiave: 'export_al_s', figure: `export to a file records/s (${esportati} records)`, value: esportaAlSecondo },
      { chiave: 'catena_export_al_s', figure: 'offline chain check of that export records/s', value: catenaAlSecondo },
      { chiave: 'radice_export_al_s', figure: "offline tree root of that export vs the head's records/s", value: alberoAlSecondo },
    ];
  } finally {
    await rm(cartella, { recursive: true, force: true });
  }
}

/** The RFC 9162 root of the records of an export, folded record by record (only the tree's frontier in memory). */
async function radiceDelleRighe(righe: AsyncIterable<string>): Promise<Hash> {
  let n = 0;
  let frontiera = new Map<string, Hash>();
  let foglie: Hash[] = [];
  const accoda = () => {
    const noti = new Map(frontiera);
    for (const x of aggiungiFoglie(n, frontiera, foglie)) noti.set(`${x.livello}/${x.indice}`, x.hash);
    n += foglie.length;
    foglie = [];
    frontiera = new Map(nodiFrontiera(n).map(({ livello, indice }) => [`${livello}/${indice}`, noti.get(`${livello}/${indice}`)!]));
  };
  for await (const testo of righe) {
    const riga = JSON.parse(testo) as { riga: string } & RecordAudit;
    if (riga.riga !== 'record') continue;
    const { riga: _r, ...record } = riga;
    foglie.push(hashFogliaRecord(record));
    if (foglie.length === 4096) accoda();
  }
  accoda();
  return radiceMerkle({ nodo: (l, i) => frontiera.get(`${l}/${i}`)! }, n);
}

async function suDatabaseEsistente(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const firma = await caricaFirmaAudit({ file: process.env.AUDIT_SIGNING_KEY_FILE, dataDir: process.env.DATA_DIR ?? '.data' });
    const { rows } = await pool.query<{ n: string; teste: string; nodi: string }>(
      `SELECT (SELECT count(*) FROM rm_audit)::text AS n, (SELECT count(*) FROM rm_audit_sth)::text AS teste, (SELECT count(*) FROM rm_audit_merkle)::text AS nodi`,
    );
    process.stdout.write(`machine: ${machine()}\nrecords: ${rows[0]!.n}, signed heads: ${rows[0]!.teste}, tree rows: ${rows[0]!.nodi}, samples: ${CAMPIONI}\n`);
    const figure = await misuraProve(pool, firma);
    printTable('bench:audit (existing trail)', figure.map(({ figure, value }) => ({ figure, value })));
    printJson({ record: Number(rows[0]!.n), righe_albero: Number(rows[0]!.nodi), ...Object.fromEntries(figure.map((f) => [f.chiave, f.value])) });
  } finally {
    await pool.end();
  }
}

async function suDatabaseNuovo(): Promise<void> {
  const db = await createTestDatabase(4);
  try {
    const pool = db.pool;
    await migraModelliDiLettura(db.url);
    const store = new PostgresEventStore(pool);
    await store.migrate();
    const checkpoints = new CheckpointStore(pool);
    await checkpoints.migrate();
    const firma = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
    process.stdout.write(`machine: ${machine()}\nevents: ${EVENTI}, samples: ${CAMPIONI}, paired runs: ${GIRI}\n`);
    const base = Date.parse('2024-03-05T09:00:00.000Z');
    for (let i = 0; i < EVENTI; i += 100) {
      const eventi: EventData[] = Array.from({ length: Math.min(100, EVENTI - i) }, (_, k) => {
        const il = new Date(base + (i + k) * 1000).toISOString();
        return {
          id: randomUUID(),
          type: 'AppaltoModificato',
          data: { datiGara: { oggetto: `Fornitura ${i + k}`, settore: 'ORDINARIO' }, il },
          metadata: { actor: { userId: 'bench', role: 'BUYER', ufficio: 'UFF-A', codiceFiscale: 'RSSFNC80A41D612X' }, correlationId: randomUUID(), effectiveAt: il, recordedAt: il },
        };
      });
      await store.appendToStream(`appalto-${randomUUID()}`, eventi);
    }

    const proietta = async (senzaAlbero: boolean): Promise<number> => {
      await pool.query('TRUNCATE rm_audit, rm_audit_checkpoint, rm_audit_cig, rm_audit_merkle, rm_audit_sth');
      await pool.query('VACUUM ANALYZE rm_audit, rm_audit_checkpoint, rm_audit_cig, rm_audit_merkle, rm_audit_sth');
      const nome = `audit-${senzaAlbero ? 'senza' : 'con'}-${randomUUID().slice(0, 8)}`;
      const inizio = performance.now();
      await riproduci(auditProjection({ firma, ogni: 1000, sthOgni: senzaAlbero ? 0 : STH_OGNI, senzaAlbero }), { pool, store, checkpoints, nome, schema: 'public' });
      return EVENTI / ((performance.now() - inizio) / 1000);
    };
    // Without and with the tree back to back in each run, so that background load hits both alike; the tree is left built.
    const senza: number[] = [];
    const con: number[] = [];
    const rapporti: number[] = [];
    for (let giro = 0; giro < GIRI; giro++) {
      senza.push(await proietta(true));
      con.push(await proietta(false));
      rapporti.push(con[giro]! / senza[giro]!);
      process.stdout.write(`run ${giro + 1}: ${Math.round(senza[giro]!)} records/s without the tree, ${Math.round(con[giro]!)} with it\n`);
    }
    const { rows } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM rm_audit_merkle');
    const figure = await misuraProve(pool, firma);
    const costo = 1 - median(rapporti);
    printTable('bench:audit', [
      { figure: 'projection records/s without tree (median)', value: median(senza) },
      { figure: `projection records/s with tree and a head every ${STH_OGNI} (median)`, value: median(con) },
      { figure: 'tree cost: 1 − median(with / without) of the paired runs', value: `${(100 * costo).toFixed(1)}%` },
      { figure: 'tree rows', value: Number(rows[0]!.n) },
      ...figure.map(({ figure, value }) => ({ figure, value })),
    ]);
    printJson({
      eventi: EVENTI, senza_albero_al_s: median(senza), con_albero_al_s: median(con), costo_albero: costo, righe_albero: Number(rows[0]!.n),
      ...Object.fromEntries(figure.map((f) => [f.chiave, f.value])),
    });
    await store.close();
  } finally {
    await db.drop();
  }
}

const url = process.env.BENCH_AUDIT_DATABASE_URL;
(url ? suDatabaseEsistente(url) : suDatabaseNuovo()).then(
  // The embedded server's exit hook (when no local PostgreSQL answers) must not fail the run.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
