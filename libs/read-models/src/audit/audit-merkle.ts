import type { SqlExecutor } from '#event-store';
import { hashFogliaRecord, SELECT_RECORD, type RecordAudit } from './audit-record.js';
import type { TestaFirmata } from './audit-sth.js';
import { FORMATO_CONSISTENZA, FORMATO_INCLUSIONE, type DocumentoConsistenza, type DocumentoInclusione } from './audit-prove.js';
import { aggiungiFoglie, conNodi, nodiFrontiera, percorsoInclusione, provaConsistenza, radice, type Hash, type SorgenteNodi } from './merkle.js';

/**
 * The audit trail's Merkle tree kept in `rm_audit_merkle`: the root of every perfect subtree of two
 * leaves or more, and the last leaf of each append (it gives the tree's size). Leaves are not
 * stored otherwise: a leaf is the RFC 9162 leaf hash of its record, which `rm_audit` holds, and a
 * proof hashes the few records it needs. Appends in the projection's transaction; roots and proofs
 * with one indexed read of O(log n) rows. docs/audit.md, "Merkle tree".
 */

type Nodo = { livello: number; indice: number; hash: Hash };
const chiave = (livello: number, indice: number): string => `${livello}/${indice}`;

/** Number of leaves in the stored tree: after the last leaf stored (each append stores its last one). */
export async function dimensioneAlbero(q: SqlExecutor): Promise<number> {
  const { rows } = await q.query<{ n: string }>('SELECT coalesce(max(indice) + 1, 0)::text AS n FROM rm_audit_merkle WHERE livello = 0');
  return Number(rows[0]!.n);
}

/**
 * The nodes asked for, in one round trip: interior nodes (and a leaf stored as the end of an
 * append) from `rm_audit_merkle`; the other leaves hashed from their records (`hashFogliaRecord`).
 */
async function caricaNodi(q: SqlExecutor, chiavi: ReadonlyArray<{ livello: number; indice: number }>): Promise<Map<string, Hash>> {
  if (chiavi.length === 0) return new Map();
  const { rows } = await q.query<{ livello: number; indice: string; hash: Buffer | null; record: RecordAudit | null }>(
    `SELECT m.livello, m.indice::text AS indice, m.hash, NULL::json AS record FROM rm_audit_merkle m
       JOIN unnest($1::smallint[], $2::bigint[]) AS k(livello, indice) ON m.livello = k.livello AND m.indice = k.indice
     UNION ALL
     SELECT 0, (r.seq::bigint - 1)::text, NULL, row_to_json(r) FROM (SELECT ${SELECT_RECORD} FROM rm_audit WHERE seq = ANY($3::bigint[])) r`,
    [chiavi.map((c) => c.livello), chiavi.map((c) => c.indice), chiavi.filter((c) => c.livello === 0).map((c) => c.indice + 1)],
  );
  const nodi = new Map<string, Hash>();
  for (const r of rows) if (r.record) nodi.set(chiave(0, Number(r.indice)), hashFogliaRecord(r.record));
  for (const r of rows) if (r.hash) nodi.set(chiave(r.livello, Number(r.indice)), r.hash);
  return nodi;
}

/** The nodes of `nodi` as a source for roots and proofs; a node not there is an error. */
const sorgente = (nodi: ReadonlyMap<string, Hash>): SorgenteNodi => ({
  nodo(livello, indice) {
    const h = nodi.get(chiave(livello, indice));
    if (!h) throw new RangeError(`nodo (${livello}, ${indice}) assente`);
    return h;
  },
});

/**
 * Appends the leaves of `record` (the next ones of the trail, in `seq` order; `foglie` their leaf
 * hashes when already computed) to the stored tree of `n` leaves. Only the tree's frontier is read;
 * one multi-row insert writes the interior nodes completed and the last new leaf. Returns the nodes
 * from which the root of every size from `n` to the new size is computed without reading again
 * (the signed heads of the batch).
 */
export async function accodaAlbero(q: SqlExecutor, n: number, record: readonly RecordAudit[], foglie?: readonly Hash[]): Promise<SorgenteNodi> {
  if (record.length === 0) return sorgente(new Map());
  if (Number(record[0]!.seq) !== n + 1) throw new Error(`albero Merkle di ${n} foglie: il record ${record[0]!.seq} non è il successivo`);
  const noti = await caricaNodi(q, nodiFrontiera(n));
  const fine = n + record.length - 1;
  const scritti: Nodo[] = [];
  for (const x of aggiungiFoglie(n, noti, foglie ?? record.map(hashFogliaRecord))) {
    noti.set(chiave(x.livello, x.indice), x.hash);
    if (x.livello > 0 || x.indice === fine) scritti.push(x);
  }
  await q.query('INSERT INTO rm_audit_merkle (livello, indice, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])', [
    scritti.map((x) => x.livello),
    scritti.map((x) => x.indice),
    scritti.map((x) => x.hash),
  ]);
  return sorgente(noti);
}

const nonOltre = async (q: SqlExecutor, n: number): Promise<void> => {
  const presenti = await dimensioneAlbero(q);
  if (!Number.isSafeInteger(n) || n < 1 || n > presenti) throw new RangeError(`l'albero ha ${presenti} foglie: dimensione ${n} non disponibile`);
};

/** MTH of the first `n` records. */
export async function radiceAlbero(q: SqlExecutor, n: number): Promise<Hash> {
  await nonOltre(q, n);
  return conNodi((s) => radice(s, n), (k) => caricaNodi(q, k));
}

/** Inclusion proof (RFC 9162 PATH) of record `seq` in the tree of the first `n` records. */
export async function provaInclusioneAlbero(q: SqlExecutor, seq: number, n: number): Promise<Hash[]> {
  await nonOltre(q, n);
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > n) throw new RangeError(`il record ${seq} non è tra i primi ${n}`);
  return conNodi((s) => percorsoInclusione(s, seq - 1, n), (k) => caricaNodi(q, k));
}

/** Consistency proof (RFC 9162 PROOF) from the tree of the first `m` records to that of the first `n`. */
export async function provaConsistenzaAlbero(q: SqlExecutor, m: number, n: number): Promise<Hash[]> {
  await nonOltre(q, n);
  if (!Number.isSafeInteger(m) || m < 1 || m > n) throw new RangeError(`dimensioni ${m} e ${n} non valide`);
  return conNodi((s) => provaConsistenza(s, m, n), (k) => caricaNodi(q, k));
}

/** The signed tree head of size `n`, or the latest one when `n` is omitted; undefined if none. */
export async function testaFirmata(q: SqlExecutor, n?: number): Promise<TestaFirmata | undefined> {
  const { rows } = await q.query<TestaFirmata>(
    `SELECT dimensione::text AS dimensione, radice, timestamp, chiave, firma FROM rm_audit_sth
      WHERE $1::bigint IS NULL OR dimensione = $1::bigint ORDER BY rm_audit_sth.dimensione DESC LIMIT 1`,
    [n ?? null],
  );
  return rows[0];
}

/** A proof the service cannot give (no head yet, a size or record it does not have): `codice` and `status` for the problem answer. */
export class ProvaNonDisponibile extends Error {
  constructor(
    readonly codice: string,
    messaggio: string,
    readonly status: 404 | 409 = 404,
  ) {
    super(messaggio);
  }
}

/** The head a proof is given against: of size `dimensione`, or the latest. */
async function testaPerProva(q: SqlExecutor, dimensione?: number): Promise<TestaFirmata> {
  const testa = await testaFirmata(q, dimensione);
  if (testa) return testa;
  throw dimensione === undefined
    ? new ProvaNonDisponibile('TESTA_NON_DISPONIBILE', 'Nessuna testa firmata ancora: il registro non ne ha raggiunta una (AUDIT_STH_EVERY, AUDIT_STH_SECONDS)', 409)
    : new ProvaNonDisponibile('TESTA_NON_TROVATA', `Nessuna testa firmata di dimensione ${dimensione}`);
}

/** Most records one inclusion document proves (a CIG's events). */
export const MAX_PROVE_INCLUSIONE = 1000;

/**
 * Inclusion proofs against a signed head (of size `dimensione`, or the latest): of the records
 * `seq`, or of every record of a CIG the head covers. Records after the head are not covered yet.
 */
export async function documentoInclusione(
  q: SqlExecutor,
  richiesta: { readonly seq?: readonly number[]; readonly cig?: string; readonly posizioni?: readonly string[]; readonly dimensione?: number },
): Promise<DocumentoInclusione> {
  const testa = await testaPerProva(q, richiesta.dimensione);
  const n = Number(testa.dimensione);
  const { rows } = richiesta.posizioni
    ? await q.query<RecordAudit>(`SELECT ${SELECT_RECORD} FROM rm_audit WHERE posizione = ANY($1::text[]) AND seq <= $2::bigint ORDER BY rm_audit.seq`, [[...richiesta.posizioni], n])
    : richiesta.cig
    ? await q.query<RecordAudit>(`SELECT ${SELECT_RECORD} FROM rm_audit WHERE cig = $1 AND seq <= $2::bigint ORDER BY rm_audit.seq LIMIT ${MAX_PROVE_INCLUSIONE}`, [richiesta.cig, n])
    : await q.query<RecordAudit>(`SELECT ${SELECT_RECORD} FROM rm_audit WHERE seq = ANY($1::bigint[]) ORDER BY rm_audit.seq`, [[...(richiesta.seq ?? [])]]);
  for (const s of richiesta.seq ?? []) {
    if (s > n) throw new ProvaNonDisponibile('RECORD_NON_COPERTO', `Il record ${s} non è ancora coperto da una testa firmata (l'ultima ha dimensione ${n})`, 409);
    if (!rows.some((r) => Number(r.seq) === s)) throw new ProvaNonDisponibile('RECORD_NON_TROVATO', `Record ${s} non trovato nel registro`);
  }
  // Every record's audit path from one read of the nodes they need.
  if (rows.length > 0) await nonOltre(q, n);
  const percorsi = await conNodi((s) => rows.map((r) => percorsoInclusione(s, Number(r.seq) - 1, n)), (k) => caricaNodi(q, k));
  const prove = rows.map((record, i) => ({ record, indice: Number(record.seq) - 1, prova: percorsi[i]!.map((h) => h.toString('hex')) }));
  return { formato: FORMATO_INCLUSIONE, testa, prove };
}

/** Consistency proof from the tree of `da` records to the signed head of size `a` (or the latest). */
export async function documentoConsistenza(q: SqlExecutor, da: number, a?: number): Promise<DocumentoConsistenza> {
  const testa = await testaPerProva(q, a);
  const n = Number(testa.dimensione);
  if (da > n) throw new ProvaNonDisponibile('DIMENSIONE_NON_DISPONIBILE', `La dimensione ${da} supera quella della testa (${n})`, 409);
  const prova = da === n ? [] : await provaConsistenzaAlbero(q, da, n);
  return { formato: FORMATO_CONSISTENZA, da, testa, testaDa: (await testaFirmata(q, da)) ?? null, prova: prova.map((h) => h.toString('hex')) };
}
