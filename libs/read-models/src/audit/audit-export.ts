import type { SqlExecutor } from '#event-store';
import type { FirmaAudit } from './audit-firma.js';
import { checkpointFirmati, recordDa } from './audit-verifica.js';
import { SELECT_RECORD } from './audit-record.js';
import type { RecordAudit } from './audit-record.js';

export const FORMATO_EXPORT = 'cig-ledger-audit/1';

export interface IntervalloExport {
  /** Export the records after this one (exclusive; 0 = from the beginning). */
  readonly daSeq?: string;
  /** Up to this one (inclusive; default: the last). */
  readonly aSeq?: string;
}

/**
 * The trail as JSON lines, for an officer to verify offline (`cli audit verifica-export`):
 * a header (format, key id, public key, the anchor record before the first one exported),
 * the records in order, each signed checkpoint right after its record, and a final checkpoint
 * signed now over the last record exported, so that the whole export is covered by a signature.
 * Memory holds one page at a time.
 */
export async function* esportaAudit(db: SqlExecutor, firma: FirmaAudit, intervallo: IntervalloExport, adesso: Date): AsyncGenerator<string> {
  const daSeq = intervallo.daSeq ?? '0';
  // Records appended while the export runs are left out: the export is the trail as it was when it began.
  const aSeq = intervallo.aSeq ?? (await db.query<{ n: string | null }>('SELECT max(seq)::text AS n FROM rm_audit')).rows[0].n ?? '0';
  const ancora = daSeq === '0' ? null : await recordSingolo(db, daSeq);
  const checkpoint = await checkpointFirmati(db, daSeq === '0' ? '0' : (BigInt(daSeq) - 1n).toString(), aSeq);
  yield linea({
    riga: 'intestazione',
    formato: FORMATO_EXPORT,
    esportatoIl: adesso.toISOString(),
    hash: 'SHA-256 (hex) del JSON canonico del record senza il campo hash; chiavi ordinate, nessuno spazio (RFC 8785)',
    firma: 'Ed25519 (base64) del JSON canonico di { seq, hash, registratoIl }',
    chiave: firma.chiave,
    chiavePubblica: firma.chiavePubblicaPem,
    ancora: ancora ? { seq: ancora.seq, hash: ancora.hash, checkpoint: checkpoint.get(ancora.seq) ?? null } : null,
  });
  let ultimo: RecordAudit | undefined;
  let n = 0;
  for await (const r of recordDa(db, daSeq, aSeq)) {
    yield linea({ riga: 'record', ...r });
    const c = checkpoint.get(r.seq);
    if (c) yield linea({ riga: 'checkpoint', ...c });
    ultimo = r;
    n += 1;
  }
  if (ultimo) yield linea({ riga: 'checkpoint', finale: true, ...firma.firma(ultimo.seq, ultimo.hash, ultimo.registratoIl) });
  yield linea({ riga: 'fine', record: n });
}

async function recordSingolo(db: SqlExecutor, seq: string): Promise<RecordAudit | undefined> {
  const { rows } = await db.query<RecordAudit>(`SELECT ${SELECT_RECORD} FROM rm_audit WHERE seq = $1::bigint`, [seq]);
  return rows[0];
}

const linea = (valore: object): string => `${JSON.stringify(valore)}\n`;
