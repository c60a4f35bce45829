import type { SqlExecutor } from '#event-store';
import { hashFogliaRecord, SELECT_RECORD, type RecordAudit } from './audit-record.js';
import type { TestaFirmata } from './audit-sth.js';
import { FORMATO_CONSISTENZA, FORMATO_INCLUSIONE, type DocumentoConsistenza, type DocumentoInclusione } from './audit-prove.js';
import { aggiungiFoglie, conNodi, nodiFrontiera, percorsoInclusione, provaConsistenza, radice, type Hash } from './merkle.js';

/**
 * The audit trail's Merkle tree kept in `rm_audit_merkle` (one row per perfect subtree): appends in
 * the projection's transaction, roots and proofs with one indexed read of O(log n) rows.
 * docs/audit.md, "Merkle tree".
 */

/** Number of leaves in the stored tree. */
export async function dimensioneAlbero(q: SqlExecutor): Promise<number> {
  const { rows } = await q.query<{ n: string }>('SELECT coalesce(max(indice) + 1, 0)::text AS n FROM rm_audit_merkle WHERE livello = 0');
  return Number(rows[0]!.n);
}

async function caricaNodi(q: SqlExecutor, chiavi: ReadonlyArray<{ livello: number; indice: number }>): Promise<Map<string, Hash>> {
  if (chiavi.length === 0) return new Map();
  const { rows } = await q.query<{ livello: number; indice: string; hash: Buffer }>(
    `SELECT m.livello, m.indice::text AS indice, m.hash FROM rm_audit_merkle m
       JOIN unnest($1::smallint[], $2::bigint[]) AS k(livello, indice) ON m.livello = k.livello AND m.indice = k.indice`,
    [chiavi.map((c) => c.livello), chiavi.map((c) => c.indice)],
  );
  return new Map(rows.map((r) => [`${r.livello}/${r.indice}`, r.hash]));
}

/**
 * Appends the leaves of `record` (the next ones of the trail, in `seq` order) to the stored tree of
 * `n` leaves. Only the frontier of the tree is read.
 */
export async function accodaAlbero(q: SqlExecutor, n: number, record: readonly RecordAudit[]): Promise<void> {
  if (record.length === 0) return;
  if (Number(record[0]!.seq) !== n + 1) throw new Error(`albero Merkle di ${n} foglie: il record ${record[0]!.seq} non è il successivo`);
  const frontiera = await caricaNodi(q, nodiFrontiera(n));
  const nuovi = aggiungiFoglie(n, frontiera, record.map(hashFogliaRecord));
  await q.query('INSERT INTO rm_audit_merkle (livello, indice, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])', [
    nuovi.map((x) => x.livello),
    nuovi.map((x) => x.indice),
    nuovi.map((x) => x.hash),
  ]);
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
  const prove = [];
  for (const record of rows) {
    const prova = await provaInclusioneAlbero(q, Number(record.seq), n);
    prove.push({ record, indice: Number(record.seq) - 1, prova: prova.map((h) => h.toString('hex')) });
  }
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
