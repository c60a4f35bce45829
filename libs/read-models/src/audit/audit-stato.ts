import type { SqlExecutor } from '#event-store';
import type { EsitoVerifica } from './audit-catena.js';

/** The latest signed tree head, without its root and signature (GET /audit/sth gives them). */
export interface UltimaTesta {
  readonly dimensione: string;
  readonly timestamp: string | null;
  readonly chiave: string;
}

export interface UltimoCheckpoint {
  readonly seq: string;
  readonly registratoIl: string | null;
  readonly chiave: string;
}

/** A verification of the trail as `audit_verifiche` keeps it. */
export interface VerificaRegistrata {
  readonly id: string;
  readonly stato: 'IN_CORSO' | 'CONCLUSA' | 'FALLITA';
  readonly avviataIl: string;
  readonly avviataDa: string | null;
  readonly conclusaIl: string | null;
  readonly recordControllati: number;
  readonly recordTotali: number;
  /** CONCLUSA: whether the trail was found intact; otherwise null. */
  readonly integra: boolean | null;
  readonly problema: EsitoVerifica['problema'];
  /** FALLITA: why it did not complete. */
  readonly errore: string | null;
}

/** The audit trail at a glance, for its officers: size, latest signed head and checkpoint, verifications. */
export interface StatoAudit {
  /** Records in the trail (numbered without gaps from 1: the last number). */
  readonly record: string;
  readonly ultimaTesta: UltimaTesta | null;
  readonly ultimoCheckpoint: UltimoCheckpoint | null;
  /**
   * The latest verification that ended (CONCLUSA or FALLITA). They run one at a time: of two started
   * at the same business instant, the later is the one renewed last (on the real clock).
   */
  readonly ultimaVerifica: VerificaRegistrata | null;
  readonly verificaInCorso: VerificaRegistrata | null;
}

const ISO = (colonna: string) => `to_char(${colonna} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface RigaVerifica {
  id: string;
  stato: VerificaRegistrata['stato'];
  avviata_il: string;
  avviata_da: string | null;
  conclusa_il: string | null;
  record_controllati: string;
  record_totali: string;
  esito: EsitoVerifica | null;
  errore: string | null;
}

const verifica = (r: RigaVerifica | undefined): VerificaRegistrata | null =>
  r
    ? {
        id: r.id,
        stato: r.stato,
        avviataIl: r.avviata_il,
        avviataDa: r.avviata_da,
        conclusaIl: r.conclusa_il,
        recordControllati: Number(r.record_controllati),
        recordTotali: Number(r.record_totali),
        integra: r.esito ? r.esito.integra : null,
        problema: r.esito?.problema ?? null,
        errore: r.errore,
      }
    : null;

/**
 * Each part is one primary-key or index read: cheap on a trail of millions of records. (Orders name
 * the table's column: the text alias of the same name would sort "9" after "18".)
 */
export async function statoAudit(db: SqlExecutor): Promise<StatoAudit> {
  const selectVerifica = `SELECT id, stato, ${ISO('avviata_il')} AS avviata_il, avviata_da, ${ISO('conclusa_il')} AS conclusa_il,
      record_controllati::text AS record_controllati, record_totali::text AS record_totali, esito, errore FROM audit_verifiche`;
  const [record, testa, checkpoint, conclusa, inCorso] = await Promise.all([
    db.query<{ n: string }>('SELECT coalesce(max(seq), 0)::text AS n FROM rm_audit'),
    db.query<UltimaTesta>('SELECT dimensione::text AS dimensione, timestamp, chiave FROM rm_audit_sth ORDER BY rm_audit_sth.dimensione DESC LIMIT 1'),
    db.query<UltimoCheckpoint>(`SELECT seq::text AS seq, ${ISO('registrato_il')} AS "registratoIl", chiave FROM rm_audit_checkpoint ORDER BY rm_audit_checkpoint.seq DESC LIMIT 1`),
    db.query<RigaVerifica>(`${selectVerifica} WHERE stato <> 'IN_CORSO' ORDER BY avviata_il DESC, rinnovata_il DESC LIMIT 1`),
    db.query<RigaVerifica>(`${selectVerifica} WHERE stato = 'IN_CORSO'`),
  ]);
  return {
    record: record.rows[0]!.n,
    ultimaTesta: testa.rows[0] ?? null,
    ultimoCheckpoint: checkpoint.rows[0] ?? null,
    ultimaVerifica: verifica(conclusa.rows[0]),
    verificaInCorso: verifica(inCorso.rows[0]),
  };
}
