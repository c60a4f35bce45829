import { createHash, hash } from 'node:crypto';
import type { RecordedEvent } from '#event-store';

/**
 * One record of the audit trail: who did what, when (effective and recorded), why, in which
 * request; `datiHash` fingerprints the event's data, `hashPrecedente` links to the record before.
 * Every value is text or null, so its canonical encoding is unambiguous (docs/audit.md).
 */
export interface RecordAudit {
  readonly seq: string;
  readonly eventId: string;
  readonly posizione: string;
  readonly streamId: string;
  readonly revisione: string;
  readonly tipo: string;
  readonly appaltoId: string | null;
  readonly cig: string | null;
  readonly attore: string | null;
  readonly ruolo: string | null;
  readonly ufficio: string | null;
  readonly codiceFiscale: string | null;
  readonly effettivoIl: string | null;
  readonly registratoIl: string | null;
  readonly motivazione: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly idempotencyKey: string | null;
  readonly datiHash: string;
  readonly hashPrecedente: string;
  readonly hash: string;
}

export type ContenutoAudit = Omit<RecordAudit, 'hash'>;

/** `hashPrecedente` of the first record. */
export const HASH_INIZIALE = '0'.repeat(64);

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings and numbers as
 * `JSON.stringify` writes them (for the values used here this is RFC 8785, JCS). The same value
 * always gives the same bytes, whatever the key order it was stored or sent with.
 */
export function jsonCanonico(valore: unknown): string {
  if (valore === null || valore === undefined) return 'null';
  if (Array.isArray(valore)) return `[${valore.map(jsonCanonico).join(',')}]`;
  if (typeof valore === 'object') {
    const o = valore as Record<string, unknown>;
    const chiavi = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${chiavi.map((k) => `${JSON.stringify(k)}:${jsonCanonico(o[k])}`).join(',')}}`;
  }
  if (typeof valore === 'bigint') return JSON.stringify(valore.toString());
  return JSON.stringify(valore);
}

export const sha256 = (testo: string): string => createHash('sha256').update(testo, 'utf8').digest('hex');

/** The record's hash: SHA-256 of the canonical JSON of every field but `hash` (hashPrecedente included). */
export function hashRecord(contenuto: ContenutoAudit): string {
  const { hash: _escluso, ...campi } = contenuto as RecordAudit;
  return sha256(jsonCanonico(campi));
}

/** Links and hashes a record's content after the record with `hashPrecedente`. */
export function sigilla(contenuto: Omit<ContenutoAudit, 'hashPrecedente'>, hashPrecedente: string): RecordAudit {
  const completo: ContenutoAudit = { ...contenuto, hashPrecedente };
  return { ...completo, hash: hashRecord(completo) };
}

const testo = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const istante = (v: unknown): string | null => {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

/** What the trail says of an event, before it is numbered and linked. Appalto and CIG are found by `riferimenti`. */
export function contenutoDaEvento(
  e: RecordedEvent,
  seq: bigint,
  riferimenti: { appaltoId: string | null; cig: string | null },
): Omit<ContenutoAudit, 'hashPrecedente'> {
  const m = e.metadata ?? {};
  const actor = (m.actor ?? {}) as Record<string, unknown>;
  return {
    seq: seq.toString(),
    eventId: e.id,
    posizione: e.position,
    streamId: e.streamId,
    revisione: e.revision.toString(),
    tipo: e.type,
    appaltoId: riferimenti.appaltoId,
    cig: riferimenti.cig,
    attore: testo(actor.userId),
    ruolo: testo(actor.role),
    ufficio: testo(actor.ufficio),
    codiceFiscale: testo(actor.codiceFiscale),
    effettivoIl: istante(m.effectiveAt) ?? e.created.toISOString(),
    registratoIl: istante(m.recordedAt) ?? e.created.toISOString(),
    motivazione: testo(m.motivazione),
    correlationId: testo(m.correlationId),
    causationId: testo(m.causationId),
    idempotencyKey: testo(m.idempotencyKey),
    datiHash: sha256(jsonCanonico(e.data)),
  };
}

/** The fields taken from the event itself (not derived): what an online check compares with the event store. */
export const CAMPI_DALL_EVENTO = [
  'eventId', 'posizione', 'streamId', 'revisione', 'tipo', 'attore', 'ruolo', 'ufficio', 'codiceFiscale', 'effettivoIl',
  'registratoIl', 'motivazione', 'correlationId', 'causationId', 'idempotencyKey', 'datiHash',
] as const satisfies readonly (keyof ContenutoAudit)[];

/** The appalto and CIG an event concerns, from its stream and data (a CIG event without appalto is looked up). */
export function riferimentiDiretti(e: RecordedEvent): { appaltoId: string | null; cig: string | null } {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const appaltoId = e.streamId.startsWith('appalto-') ? e.streamId.slice('appalto-'.length) : testo(d.appaltoId);
  const cig = e.streamId.startsWith('cig-') ? e.streamId.slice('cig-'.length) : testo(d.cig);
  return { appaltoId, cig };
}

/**
 * The record's leaf in the Merkle tree (RFC 9162 §2.1.1): SHA-256(0x00 || UTF-8 canonical JSON of
 * the whole record, `hash` and `hashPrecedente` included). docs/audit.md, "Merkle tree".
 */
export function hashFogliaRecord(r: RecordAudit): Buffer {
  return hash('sha256', `\u0000${jsonCanonico(r)}`, 'buffer');
}

/**
 * `sigilla` and `hashFogliaRecord` at once, from one canonical encoding (the projection hashes every
 * record twice otherwise): the record's canonical JSON is that of its content with `"hash":"…"` put
 * right before `"hashPrecedente"`, the key that follows it in the order of the keys.
 */
export function sigillaConFoglia(contenuto: Omit<ContenutoAudit, 'hashPrecedente'>, hashPrecedente: string): { record: RecordAudit; foglia: () => Buffer } {
  const completo: ContenutoAudit = { ...contenuto, hashPrecedente };
  const canonico = jsonCanonico(completo);
  const record: RecordAudit = { ...completo, hash: sha256(canonico) };
  const i = canonico.indexOf(',"hashPrecedente":');
  if (i < 0) return { record, foglia: () => hashFogliaRecord(record) };
  // The leaf when asked (the projection hashes leaves while the database writes the records).
  return { record, foglia: () => hash('sha256', `\u0000${canonico.slice(0, i)},"hash":"${record.hash}"${canonico.slice(i)}`, 'buffer') };
}

/** The SQL that reads rm_audit rows back as records (timestamps as ISO text, exactly as hashed). */
export const SELECT_RECORD = `
  seq::text AS "seq", event_id::text AS "eventId", posizione, stream_id AS "streamId", revisione::text AS "revisione", tipo,
  appalto_id AS "appaltoId", cig, attore, ruolo, ufficio, codice_fiscale AS "codiceFiscale",
  to_char(effettivo_il AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "effettivoIl",
  to_char(registrato_il AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "registratoIl",
  motivazione, correlation_id AS "correlationId", causation_id AS "causationId", idempotency_key AS "idempotencyKey",
  dati_hash AS "datiHash", hash_precedente AS "hashPrecedente", hash`;
