import type { SqlExecutor } from '#event-store';
import { hashFogliaRecord, SELECT_RECORD, type RecordAudit } from './audit-record.js';
import type { TestaFirmata } from './audit-sth.js';
import { FORMATO_CONSISTENZA, FORMATO_INCLUSIONE, type DocumentoConsistenza, type DocumentoInclusione } from './audit-prove.js';
import { aggiungiFoglie, AlberoInMemoria, conNodi, nodiFrontiera, percorsoInclusione, provaConsistenza, radice, type Hash, type SorgenteNodi } from './merkle.js';

/**
 * The audit trail's Merkle tree kept in `rm_audit_merkle`: the roots of the perfect subtrees of
 * 2^LIVELLO_SALVATO leaves or more, and the last leaf (it gives the tree's size; each append replaces it).
 * A smaller subtree is hashed from its records when needed (a leaf is the RFC 9162 leaf hash of its
 * record, which `rm_audit` holds): a proof reads a few dozen records at most. Appends in the
 * projection's transaction; roots and proofs with one indexed read. docs/audit.md, "Merkle tree".
 */

/** Subtrees of fewer than 2^LIVELLO_SALVATO leaves are not stored (but the last leaf). */
export const LIVELLO_SALVATO = 4;

type Nodo = { livello: number; indice: number; hash: Hash };
const chiave = (livello: number, indice: number): string => `${livello}/${indice}`;

/** Number of leaves in the stored tree: after the last leaf stored (each append stores its last one). */
export async function dimensioneAlbero(q: SqlExecutor): Promise<number> {
  const { rows } = await q.query<{ n: string }>(`SELECT ${DIMENSIONE} AS n`);
  return Number(rows[0]!.n);
}

const DIMENSIONE = '(SELECT coalesce(max(indice) + 1, 0) FROM rm_audit_merkle WHERE livello = 0)::text';

/**
 * The nodes asked for and the tree's size, in one round trip: stored nodes from `rm_audit_merkle`,
 * the smaller ones hashed from the records they cover (`hashFogliaRecord`, then RFC 9162 nodes).
 * A node neither stored nor computable (records missing) is left out.
 */
async function caricaNodi(q: SqlExecutor, chiavi: ReadonlyArray<{ livello: number; indice: number }>): Promise<{ nodi: Map<string, Hash>; dimensione: number }> {
  const seq = new Set<number>();
  for (const { livello, indice } of chiavi) {
    if (livello < LIVELLO_SALVATO) for (let s = indice * 2 ** livello + 1; s <= (indice + 1) * 2 ** livello; s++) seq.add(s);
  }
  const { rows } = await q.query<{ livello: number; indice: string; hash: Buffer | null; record: RecordAudit | null }>(
    `SELECT -1 AS livello, ${DIMENSIONE} AS indice, NULL::bytea AS hash, NULL::json AS record
     UNION ALL
     SELECT m.livello, m.indice::text, m.hash, NULL FROM rm_audit_merkle m
       JOIN unnest($1::smallint[], $2::bigint[]) AS k(livello, indice) ON m.livello = k.livello AND m.indice = k.indice
     UNION ALL
     SELECT 0, (r.seq::bigint - 1)::text, NULL, row_to_json(r) FROM (SELECT ${SELECT_RECORD} FROM rm_audit WHERE seq = ANY($3::bigint[])) r`,
    [chiavi.map((c) => c.livello), chiavi.map((c) => c.indice), [...seq]],
  );
  const foglie = new Map<number, Hash>();
  const nodi = new Map<string, Hash>();
  let dimensione = 0;
  for (const r of rows) {
    if (r.livello === -1) dimensione = Number(r.indice);
    else if (r.record) foglie.set(Number(r.indice), hashFogliaRecord(r.record));
    else if (r.hash) nodi.set(chiave(r.livello, Number(r.indice)), r.hash);
  }
  for (const { livello, indice } of chiavi) {
    if (nodi.has(chiave(livello, indice)) || livello >= LIVELLO_SALVATO) continue;
    const sotto = Array.from({ length: 2 ** livello }, (_, j) => foglie.get(indice * 2 ** livello + j));
    if (sotto.every((f): f is Hash => f !== undefined)) nodi.set(chiave(livello, indice), new AlberoInMemoria(sotto).radice());
  }
  return { nodi, dimensione };
}

/** The nodes of `nodi` as a source for roots and proofs; a node not there is an error. */
const sorgente = (nodi: ReadonlyMap<string, Hash>): SorgenteNodi => ({
  nodo(livello, indice) {
    const h = nodi.get(chiave(livello, indice));
    if (!h) throw new RangeError(`nodo (${livello}, ${indice}) assente`);
    return h;
  },
});

/** What an append reads, in one round trip: the tree's size and, if it is `n`, the frontier of the tree of `n` leaves. */
export async function frontieraAlbero(q: SqlExecutor, n: number): Promise<{ dimensione: number; frontiera: Map<string, Hash> }> {
  const { nodi, dimensione } = await caricaNodi(q, nodiFrontiera(n));
  return { dimensione, frontiera: nodi };
}

/**
 * Appends leaf hashes to a tree of `n` leaves whose frontier is `frontiera` (`frontieraAlbero`), in
 * memory: `righe`, the rows to store (the perfect subtrees completed of level LIVELLO_SALVATO or
 * more, and the last new leaf); `nodi`, from which the root of every size from `n` to the new size
 * is computed (the signed heads of the batch).
 */
export function accodaFoglie(n: number, frontiera: ReadonlyMap<string, Hash>, foglie: readonly Hash[]): { righe: Nodo[]; nodi: SorgenteNodi } {
  const noti = new Map(frontiera);
  const righe: Nodo[] = [];
  const ultima = n + foglie.length - 1;
  for (const x of aggiungiFoglie(n, frontiera, foglie)) {
    noti.set(chiave(x.livello, x.indice), x.hash);
    if (x.livello >= LIVELLO_SALVATO || (x.livello === 0 && x.indice === ultima)) righe.push(x);
  }
  return { righe, nodi: sorgente(noti) };
}

/**
 * The INSERT of rows of `rm_audit_merkle` from three arrays (levels, indexes, hashes), parameters $a, $a+1, $a+2,
 * preceded by a CTE `foglie_superate` (to follow a `WITH` or a `, `) that deletes the previous last leaf: one
 * leaf row marks the tree's size, so the stored rows are the same whatever the batches were.
 */
export const cancellaFoglieSuperate = (a: number): string =>
  `foglie_superate AS (DELETE FROM rm_audit_merkle WHERE livello = 0 AND indice < (SELECT max(k.indice) FROM unnest($${a}::smallint[], $${a + 1}::bigint[]) AS k(livello, indice) WHERE k.livello = 0))`;
export const insertNodi = (a: number): string =>
  `INSERT INTO rm_audit_merkle (livello, indice, hash) SELECT * FROM unnest($${a}::smallint[], $${a + 1}::bigint[], $${a + 2}::bytea[])`;
export const parametriNodi = (righe: readonly Nodo[]): unknown[] => [righe.map((x) => x.livello), righe.map((x) => x.indice), righe.map((x) => x.hash)];

/**
 * Appends the leaves of `record` (the next ones of the trail, in `seq` order) to the stored tree of
 * `n` leaves: reads its frontier, writes the rows of `accodaFoglie` in one insert.
 */
export async function accodaAlbero(q: SqlExecutor, n: number, record: readonly RecordAudit[]): Promise<void> {
  if (record.length === 0) return;
  if (Number(record[0]!.seq) !== n + 1) throw new Error(`albero Merkle di ${n} foglie: il record ${record[0]!.seq} non è il successivo`);
  const { frontiera } = await frontieraAlbero(q, n);
  await q.query(`WITH ${cancellaFoglieSuperate(1)} ${insertNodi(1)}`, parametriNodi(accodaFoglie(n, frontiera, record.map(hashFogliaRecord)).righe));
}

const dimensioneValida = (n: number): void => {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`dimensione ${n} non valida`);
};

const nonOltre = (presenti: number, n: number): void => {
  if (!Number.isSafeInteger(n) || n < 1 || n > presenti) throw new RangeError(`l'albero ha ${presenti} foglie: dimensione ${n} non disponibile`);
};

/**
 * Runs a computation over the first `n` leaves of the stored tree, the nodes it needs read in one
 * round trip (with the tree's size: a size the tree does not have is a RangeError).
 */
async function sulAlbero<T>(q: SqlExecutor, n: number, calcolo: (s: SorgenteNodi) => T): Promise<T> {
  let presenti = 0;
  try {
    const risultato = await conNodi(calcolo, async (k) => {
      const letti = await caricaNodi(q, k);
      presenti = letti.dimensione;
      return letti.nodi;
    });
    nonOltre(presenti, n);
    return risultato;
  } catch (error) {
    if (error instanceof RangeError) nonOltre(presenti, n);
    throw error;
  }
}

/** MTH of the first `n` records. */
export async function radiceAlbero(q: SqlExecutor, n: number): Promise<Hash> {
  dimensioneValida(n);
  return sulAlbero(q, n, (s) => radice(s, n));
}

/** Inclusion proof (RFC 9162 PATH) of record `seq` in the tree of the first `n` records. */
export async function provaInclusioneAlbero(q: SqlExecutor, seq: number, n: number): Promise<Hash[]> {
  dimensioneValida(n);
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > n) throw new RangeError(`il record ${seq} non è tra i primi ${n}`);
  return sulAlbero(q, n, (s) => percorsoInclusione(s, seq - 1, n));
}

/** Consistency proof (RFC 9162 PROOF) from the tree of the first `m` records to that of the first `n`. */
export async function provaConsistenzaAlbero(q: SqlExecutor, m: number, n: number): Promise<Hash[]> {
  dimensioneValida(n);
  if (!Number.isSafeInteger(m) || m < 1 || m > n) throw new RangeError(`dimensioni ${m} e ${n} non valide`);
  return sulAlbero(q, n, (s) => provaConsistenza(s, m, n));
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
  const percorsi = rows.length === 0 ? [] : await sulAlbero(q, n, (s) => rows.map((r) => percorsoInclusione(s, Number(r.seq) - 1, n)));
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
