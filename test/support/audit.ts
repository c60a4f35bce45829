import { createHash } from 'node:crypto';
import type pg from 'pg';
import { AlberoInMemoria, hashFogliaRecord, hashRecord, HASH_INIZIALE, jsonCanonico, SELECT_RECORD, type RecordAudit } from '#read-models';
import { eventually, type TestResponse } from './service.js';

/** The records of the audit trail, in order. */
export async function recordDelRegistro(pool: pg.Pool): Promise<RecordAudit[]> {
  return (await pool.query<RecordAudit>(`SELECT ${SELECT_RECORD} FROM rm_audit ORDER BY rm_audit.seq`)).rows;
}

/**
 * The latest signed head (GET /audit/sth through `leggiSth`) once the trail has stopped growing:
 * two reads alike, every event of the log recorded (the projection may not have read the last
 * request's yet) and fewer than 3 records after the head (the tests sign a head every 3 records).
 */
export function testaFirmataStabile(leggiSth: () => Promise<TestResponse>, pool: pg.Pool): Promise<any> {
  let prima = '';
  return eventually(async () => {
    const res = await leggiSth();
    const n = (await recordDelRegistro(pool)).length;
    const { rows } = await pool.query<{ eventi: number }>('SELECT count(*)::int AS eventi FROM es_events');
    const chiave = `${res.body?.dimensione}/${n}`;
    const ferma = res.status === 200 && chiave === prima && n === rows[0]!.eventi && n - Number(res.body.dimensione) < 3;
    prima = chiave;
    return ferma ? res.body : undefined;
  }, 30_000, 'a stable signed head');
}

/**
 * The attack of someone with write access to the database: rewrites the data of the event of the
 * second record, then every later hash of the chain and the Merkle tree, consistently, so that the
 * chain check alone sees nothing.
 */
export async function riscriviIlRegistro(pool: pg.Pool): Promise<void> {
  const tutti = await recordDelRegistro(pool);
  const vittima = tutti[1]!;
  const { rows } = await pool.query<{ data: unknown }>('SELECT data FROM es_events WHERE event_id = $1', [vittima.eventId]);
  const dati = { ...(rows[0]!.data as Record<string, unknown>), riscritto: true };
  await pool.query('UPDATE es_events SET data = $2::jsonb WHERE event_id = $1', [vittima.eventId, JSON.stringify(dati)]);
  let precedente = HASH_INIZIALE;
  const riscritti: RecordAudit[] = [];
  for (const r of tutti) {
    const contenuto = { ...r, datiHash: r.eventId === vittima.eventId ? createHash('sha256').update(jsonCanonico(dati)).digest('hex') : r.datiHash, hashPrecedente: precedente };
    const nuovo = { ...contenuto, hash: hashRecord(contenuto) };
    riscritti.push(nuovo);
    precedente = nuovo.hash;
    await pool.query('UPDATE rm_audit SET dati_hash = $2, hash_precedente = $3, hash = $4 WHERE seq = $1', [r.seq, nuovo.datiHash, nuovo.hashPrecedente, nuovo.hash]);
  }
  const albero = new AlberoInMemoria();
  const nodi = riscritti.flatMap((r) => albero.aggiungi(hashFogliaRecord(r)));
  await pool.query('DELETE FROM rm_audit_merkle');
  for (const n of nodi) await pool.query('INSERT INTO rm_audit_merkle (livello, indice, hash) VALUES ($1, $2, $3)', [n.livello, n.indice, n.hash]);
}
