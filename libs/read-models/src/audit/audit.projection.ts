import type { Consumer, RecordedEvent, SqlExecutor } from '#event-store';
import type { CheckpointAudit, FirmaAudit } from './audit-firma.js';
import { accodaAlbero, accodaFoglie, cancellaFoglieSuperate, frontieraAlbero, insertNodi, parametriNodi } from './audit-merkle.js';
import { radice, type Hash } from './merkle.js';
import { firmaTesta, type TestaFirmata } from './audit-sth.js';
import { contenutoDaEvento, HASH_INIZIALE, riferimentiDiretti, SELECT_RECORD, sigilla, sigillaConFoglia, type RecordAudit } from './audit-record.js';

export interface OpzioniAudit {
  readonly firma: FirmaAudit;
  /** A signed checkpoint every this many records (AUDIT_CHECKPOINT_EVERY). */
  readonly ogni: number;
  /** A signed tree head every this many records (AUDIT_STH_EVERY; 0 or absent: none by count). */
  readonly sthOgni?: number;
  /**
   * A signed tree head when a record comes at least this many seconds (recorded time) after the
   * last head: the head covers the records before it (AUDIT_STH_SECONDS; 0 or absent: none by time).
   * The tail of an idle trail gets its head from `testaATempo` (audit-sth-tempo.ts).
   */
  readonly sthSecondi?: number;
  /** Measurements only (bench:audit): the records and checkpoints without the Merkle tree and its heads. */
  readonly senzaAlbero?: boolean;
}

/**
 * The audit trail (DESIGN §6): one record per event of the whole log, in log order, numbered
 * 1, 2, 3… and chained by SHA-256; every `ogni` records a checkpoint signed with Ed25519.
 * Deterministic: a replay writes the same records, hashes and signatures.
 */
export function auditProjection(opzioni: OpzioniAudit): Consumer {
  return {
    name: 'audit',
    batchSize: 1000,
    handle: (events, tx) => applicaAudit(events, tx, opzioni),
  };
}

async function applicaAudit(events: readonly RecordedEvent[], tx: SqlExecutor, { firma, ogni, sthOgni, sthSecondi, senzaAlbero }: OpzioniAudit): Promise<void> {
  // Heads are also signed by the timer (testaATempo): one writer of heads at a time.
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_TESTE, 'audit-sth']);
  // The trail's last record and, for the heads, the latest one: one read.
  const { rows: testa } = await tx.query<{ seq: string | null; hash: string | null; registratoIl: string | null; sth: string | null; sthTimestamp: string | null }>(
    `SELECT a.seq::text AS seq, a.hash, ${ISTANTE_REGISTRATO} AS "registratoIl", s.dimensione::text AS sth, s.timestamp AS "sthTimestamp"
       FROM (SELECT 1) AS uno
       LEFT JOIN LATERAL (SELECT seq, hash, registrato_il FROM rm_audit ORDER BY rm_audit.seq DESC LIMIT 1) a ON true
       LEFT JOIN LATERAL (SELECT dimensione, timestamp FROM rm_audit_sth ORDER BY rm_audit_sth.dimensione DESC LIMIT 1) s ON true`,
  );
  const stato = testa[0]!;
  if (events.length === 0) return;
  // The tree's frontier is read while the batch is sealed.
  const frontiera = senzaAlbero ? undefined : alberoAlPasso(tx, Number(stato.seq ?? 0));
  frontiera?.catch(() => undefined);
  let seq = stato.seq ? BigInt(stato.seq) : 0n;
  let precedente = stato.hash ?? HASH_INIZIALE;
  const riferimenti = events.map(riferimentiDiretti);
  const appaltoDelCig = await cercaAppalti(tx, riferimenti.filter((r) => r.cig && !r.appaltoId).map((r) => r.cig!));
  const nuoviCig = new Map<string, string>();
  const record: RecordAudit[] = [];
  const foglie: Array<() => Buffer> = [];
  const checkpoint: CheckpointAudit[] = [];
  for (const [i, event] of events.entries()) {
    const rif = riferimenti[i];
    if (rif.cig && rif.appaltoId && !appaltoDelCig.has(rif.cig)) {
      appaltoDelCig.set(rif.cig, rif.appaltoId);
      nuoviCig.set(rif.cig, rif.appaltoId);
    }
    const appaltoId = rif.appaltoId ?? (rif.cig ? (appaltoDelCig.get(rif.cig) ?? null) : null);
    seq += 1n;
    const contenuto = contenutoDaEvento(event, seq, { appaltoId, cig: rif.cig });
    let r: RecordAudit;
    if (senzaAlbero) r = sigilla(contenuto, precedente);
    else {
      const sigillato = sigillaConFoglia(contenuto, precedente);
      r = sigillato.record;
      foglie.push(sigillato.foglia);
    }
    precedente = r.hash;
    record.push(r);
    if (seq % BigInt(ogni) === 0n) checkpoint.push(firma.firma(r.seq, r.hash, r.registratoIl));
  }
  // The records are written while the tree is computed (its leaves, nodes and heads): the tree's
  // work overlaps the database's, then its rows go in one statement.
  const scritti = tx.query(`INSERT INTO rm_audit (${COLONNE}) SELECT ${COLONNE} FROM jsonb_populate_recordset(NULL::rm_audit, $1::jsonb)`, [JSON.stringify(record.map(riga))]);
  scritti.catch(() => undefined);
  if (frontiera) {
    const n = Number(record[0]!.seq) - 1;
    const { righe, nodi } = accodaFoglie(n, await frontiera, foglie.map((f) => f()));
    const ultima = stato.sth ? { dimensione: Number(stato.sth), timestamp: stato.sthTimestamp } : undefined;
    const teste = (await testeDovute(tx, record, sthOgni ?? 0, sthSecondi ?? 0, { ultima, registratoIlPrecedente: stato.registratoIl })).map(({ dimensione, timestamp }) =>
      firmaTesta(firma, dimensione, radice(nodi, dimensione).toString('hex'), timestamp),
    );
    await Promise.all([scritti, tx.query(`WITH teste AS (${insertTeste(4)}), ${cancellaFoglieSuperate(1)} ${insertNodi(1)}`, [...parametriNodi(righe), ...parametriTeste(teste)])]);
  } else await scritti;
  if (checkpoint.length > 0) {
    await tx.query(
      `INSERT INTO rm_audit_checkpoint (seq, hash, registrato_il, chiave, firma)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::text[])`,
      [checkpoint.map((c) => c.seq), checkpoint.map((c) => c.hash), checkpoint.map((c) => c.registratoIl), checkpoint.map((c) => c.chiave), checkpoint.map((c) => c.firma)],
    );
  }
  if (nuoviCig.size > 0) {
    await tx.query('INSERT INTO rm_audit_cig (cig, appalto_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (cig) DO NOTHING', [
      [...nuoviCig.keys()],
      [...nuoviCig.values()],
    ]);
  }
}

/** Advisory lock class of the writers of signed tree heads (projection and timer). */
export const LOCK_TESTE = 0x5354;

/**
 * Where the records of a batch call for a signed tree head, a pure function of the trail (so a
 * replay signs the same heads): at every multiple of `ogni`, and — when a record was recorded at
 * least `secondi` after the last head (or after record 1 when there is none) — at the record
 * before it, if the tree grew since that head. docs/audit.md, "Signed tree heads".
 */
export async function testeDovute(
  q: SqlExecutor,
  record: readonly RecordAudit[],
  ogni: number,
  secondi: number,
  noto?: { readonly ultima: { dimensione: number; timestamp: string | null } | undefined; readonly registratoIlPrecedente: string | null },
): Promise<Array<{ dimensione: number; timestamp: string | null }>> {
  if (record.length === 0 || (!ogni && !secondi)) return [];
  const primo = Number(record[0]!.seq);
  let ultima = noto ? noto.ultima : await ultimaTesta(q);
  let precedente: { seq: number; registratoIl: string | null } | undefined;
  if (secondi && primo > 1) precedente = { seq: primo - 1, registratoIl: noto ? noto.registratoIlPrecedente : await registratoIlDel(q, primo - 1) };
  if (!ultima && secondi) {
    const base = primo === 1 ? record[0]!.registratoIl : await registratoIlDel(q, 1);
    ultima = { dimensione: 0, timestamp: base };
  }
  const dovute: Array<{ dimensione: number; timestamp: string | null }> = [];
  for (const r of record) {
    const seq = Number(r.seq);
    if (secondi && precedente && ultima && precedente.seq > ultima.dimensione && trascorsi(ultima.timestamp, r.registratoIl) >= secondi * 1000) {
      ultima = { dimensione: precedente.seq, timestamp: precedente.registratoIl };
      dovute.push(ultima);
    }
    if (ogni && seq % ogni === 0 && (!ultima || seq > ultima.dimensione)) {
      ultima = { dimensione: seq, timestamp: r.registratoIl };
      dovute.push(ultima);
    }
    precedente = { seq, registratoIl: r.registratoIl };
  }
  return dovute;
}

/** Milliseconds from `da` to `a` (ISO instants); 0 when either is missing. */
export const trascorsi = (da: string | null | undefined, a: string | null | undefined): number =>
  da && a ? Date.parse(a) - Date.parse(da) : 0;

const ISTANTE_REGISTRATO = `to_char(registrato_il AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function registratoIlDel(q: SqlExecutor, seq: number): Promise<string | null> {
  const { rows } = await q.query<{ registratoIl: string | null }>(`SELECT ${ISTANTE_REGISTRATO} AS "registratoIl" FROM rm_audit WHERE seq = $1::bigint`, [seq]);
  return rows[0]?.registratoIl ?? null;
}

/** Size and timestamp of the latest signed tree head. */
export async function ultimaTesta(q: SqlExecutor): Promise<{ dimensione: number; timestamp: string | null } | undefined> {
  const { rows } = await q.query<{ dimensione: string; timestamp: string | null }>(
    'SELECT dimensione::text AS dimensione, timestamp FROM rm_audit_sth ORDER BY rm_audit_sth.dimensione DESC LIMIT 1',
  );
  return rows[0] ? { dimensione: Number(rows[0].dimensione), timestamp: rows[0].timestamp } : undefined;
}

/**
 * Brings the Merkle tree to the `testa` records already in the trail: a trail recorded before the
 * tree existed gets its leaves now (in chunks). The tree is append-only: a tree longer than the
 * trail means records were deleted, and the projection stops rather than forget them.
 */
async function alberoAlPasso(tx: SqlExecutor, testa: number): Promise<Map<string, Hash>> {
  const letto = await frontieraAlbero(tx, testa);
  let n = letto.dimensione;
  if (n === testa) return letto.frontiera;
  if (n > testa) throw new Error(`l'albero Merkle ha ${n} foglie ma il registro di audit solo ${testa} record: record eliminati`);
  while (n < testa) {
    const { rows } = await tx.query<RecordAudit>(
      `SELECT ${SELECT_RECORD} FROM rm_audit WHERE seq > $1::bigint AND seq <= $2::bigint ORDER BY rm_audit.seq LIMIT 5000`,
      [n, testa],
    );
    if (rows.length === 0) throw new Error(`registro di audit senza il record ${n + 1}: albero Merkle non aggiornabile`);
    await accodaAlbero(tx, n, rows);
    n += rows.length;
  }
  return (await frontieraAlbero(tx, testa)).frontiera;
}

/** The INSERT of signed heads from five arrays, parameters $a … $a+4 (a head already there is kept). */
const insertTeste = (a: number): string =>
  `INSERT INTO rm_audit_sth (dimensione, radice, timestamp, chiave, firma)
   SELECT * FROM unnest($${a}::bigint[], $${a + 1}::text[], $${a + 2}::text[], $${a + 3}::text[], $${a + 4}::text[]) ON CONFLICT (dimensione) DO NOTHING`;
const parametriTeste = (teste: readonly TestaFirmata[]): unknown[] => [
  teste.map((t) => t.dimensione), teste.map((t) => t.radice), teste.map((t) => t.timestamp), teste.map((t) => t.chiave), teste.map((t) => t.firma),
];

export async function salvaTeste(tx: SqlExecutor, teste: readonly TestaFirmata[]): Promise<void> {
  await tx.query(insertTeste(1), parametriTeste(teste));
}

async function cercaAppalti(tx: SqlExecutor, cig: string[]): Promise<Map<string, string>> {
  if (cig.length === 0) return new Map();
  const { rows } = await tx.query<{ cig: string; appalto_id: string }>('SELECT cig, appalto_id FROM rm_audit_cig WHERE cig = ANY($1::text[])', [[...new Set(cig)]]);
  return new Map(rows.map((r) => [r.cig, r.appalto_id]));
}

const COLONNE = [
  'seq', 'event_id', 'posizione', 'stream_id', 'revisione', 'tipo', 'appalto_id', 'cig', 'attore', 'ruolo', 'ufficio', 'codice_fiscale',
  'effettivo_il', 'registrato_il', 'motivazione', 'correlation_id', 'causation_id', 'idempotency_key', 'dati_hash', 'hash_precedente', 'hash',
].join(', ');

/** A record as a row of rm_audit (snake_case columns). */
export function riga(r: RecordAudit): Record<string, string | null> {
  return {
    seq: r.seq, event_id: r.eventId, posizione: r.posizione, stream_id: r.streamId, revisione: r.revisione, tipo: r.tipo,
    appalto_id: r.appaltoId, cig: r.cig, attore: r.attore, ruolo: r.ruolo, ufficio: r.ufficio, codice_fiscale: r.codiceFiscale,
    effettivo_il: r.effettivoIl, registrato_il: r.registratoIl, motivazione: r.motivazione, correlation_id: r.correlationId,
    causation_id: r.causationId, idempotency_key: r.idempotencyKey, dati_hash: r.datiHash, hash_precedente: r.hashPrecedente, hash: r.hash,
  };
}

