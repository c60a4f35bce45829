/**
 * `npm run bench:audit`: the cost and speed of the audit trail's Merkle tree (docs/audit.md).
 * - the audit projection over the same log with the tree and its signed heads, and without them
 *   (records/s, each from position 0 in a fresh table set);
 * - inclusion proof p95 (`documentoInclusione` of one random record, as GET /audit/inclusione);
 * - consistency proof p95 (`documentoConsistenza` from a random head to the latest);
 * - offline verification records/s: inclusion proofs of every record against the latest head
 *   (`verificaDocumentoInclusione`) vs the hash chain check of an export of the same records (`verificaExport`).
 * Scale: BENCH_AUDIT_EVENTI (20000), BENCH_AUDIT_CAMPIONI (200).
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { CheckpointStore, PostgresEventStore, type EventData } from '#event-store';
import { seededRandom } from '#platform';
import {
  auditProjection, documentoConsistenza, documentoInclusione, esportaAudit, FirmaAudit, migraModelliDiLettura, portachiavi, riproduci, verificaDocumentoInclusione,
  verificaExport,
} from '#read-models';
import { createTestDatabase } from '../libs/platform/src/testing/scratch-database.js';
import { machine, percentile, printTable } from './support.js';

const EVENTI = Number(process.env.BENCH_AUDIT_EVENTI ?? 20_000);
const CAMPIONI = Number(process.env.BENCH_AUDIT_CAMPIONI ?? 200);
const STH_OGNI = 1000;

async function main(): Promise<void> {
  const db = await createTestDatabase(4);
  try {
    const pool = db.pool;
    await migraModelliDiLettura(db.url);
    const store = new PostgresEventStore(pool);
    await store.migrate();
    const checkpoints = new CheckpointStore(pool);
    await checkpoints.migrate();
    const firma = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
    process.stdout.write(`machine: ${machine()}\nevents: ${EVENTI}, samples: ${CAMPIONI}\n`);
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
      const nome = `audit-${senzaAlbero ? 'senza' : 'con'}-${randomUUID().slice(0, 8)}`;
      const inizio = performance.now();
      await riproduci(auditProjection({ firma, ogni: 1000, sthOgni: senzaAlbero ? 0 : STH_OGNI, senzaAlbero }), { pool, store, checkpoints, nome, schema: 'public' });
      return EVENTI / ((performance.now() - inizio) / 1000);
    };
    const senza = await proietta(true);
    const con = await proietta(false);

    const r = seededRandom(7);
    const inclusioni: number[] = [];
    for (let i = 0; i < CAMPIONI; i++) {
      const seq = 1 + Math.floor(r() * (EVENTI - (EVENTI % STH_OGNI)));
      const t0 = performance.now();
      await documentoInclusione(pool, { seq: [seq] });
      inclusioni.push(performance.now() - t0);
    }
    const teste = Math.floor(EVENTI / STH_OGNI);
    const consistenze: number[] = [];
    for (let i = 0; i < CAMPIONI; i++) {
      const da = STH_OGNI * (1 + Math.floor(r() * Math.max(1, teste - 1)));
      const t0 = performance.now();
      await documentoConsistenza(pool, da);
      consistenze.push(performance.now() - t0);
    }

    // Offline: the proofs of every record covered by the latest head, then checked with the key alone.
    const coperti = teste * STH_OGNI;
    const prove = [];
    for (let s = 1; s <= coperti; s += 1000) {
      const seq = Array.from({ length: Math.min(100, coperti - s + 1) }, (_, k) => s + k * 10).filter((x) => x <= coperti);
      prove.push(...(await documentoInclusione(pool, { seq })).prove);
    }
    const doc = { ...(await documentoInclusione(pool, { seq: [1] })), prove };
    const chiavi = portachiavi([firma.chiavePubblicaPem]);
    const t1 = performance.now();
    const esito = verificaDocumentoInclusione(doc, chiavi);
    const inclusioneAlSecondo = prove.length / ((performance.now() - t1) / 1000);
    if (!esito.valida) throw new Error(`offline check failed: ${JSON.stringify(esito.problema)}`);
    const righe: string[] = [];
    for await (const riga of esportaAudit(pool, firma, { aSeq: String(coperti) }, new Date())) righe.push(riga);
    const t2 = performance.now();
    const catena = await verificaExport((async function* () { yield* righe; })(), firma.chiavePubblicaPem);
    const catenaAlSecondo = coperti / ((performance.now() - t2) / 1000);
    if (!catena.integra) throw new Error('chain check failed');

    printTable('bench:audit', [
      { figure: 'projection records/s without tree', value: Math.round(senza) },
      { figure: `projection records/s with tree and a head every ${STH_OGNI}`, value: Math.round(con) },
      { figure: 'inclusion proof p95 ms', value: percentile(inclusioni, 95).toFixed(1) },
      { figure: 'consistency proof p95 ms', value: percentile(consistenze, 95).toFixed(1) },
      { figure: `offline inclusion check records/s (${prove.length} proofs)`, value: Math.round(inclusioneAlSecondo) },
      { figure: `offline chain check of an export records/s (${coperti} records)`, value: Math.round(catenaAlSecondo) },
    ]);
    await store.close();
  } finally {
    await db.drop();
  }
}

main().then(
  // The embedded server's exit hook (when no local PostgreSQL answers) must not fail the run.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
