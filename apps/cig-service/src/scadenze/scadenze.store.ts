import type { SqlExecutor } from '#event-store';

/** Kinds of deadline and the command each fires (avviso AVCP-SIMOG 2011: CIG expiry; nota SMART CIG 2011: carnet expiry and +30 days). */
export type TipoScadenza = 'CIG_PERFEZIONAMENTO' | 'CARNET_SCADENZA' | 'RENDICONTAZIONE_SCADENZA';

export interface Scadenza {
  readonly tipo: TipoScadenza;
  readonly chiave: string;
  readonly streamId: string;
  readonly dovutaIl: Date;
  readonly tentativi: number;
}

interface Riga {
  tipo: TipoScadenza;
  chiave: string;
  stream_id: string;
  dovuta_il: Date;
  tentativi: number;
}

const daRiga = (r: Riga): Scadenza => ({ tipo: r.tipo, chiave: r.chiave, streamId: r.stream_id, dovutaIl: r.dovuta_il, tentativi: r.tentativi });

/**
 * The scheduler's table `scadenze`. `dovuta_il` is business time (compared with the injected
 * clock, so a sandbox or a test clock decides when a deadline is due); leases use the database's
 * clock, so that instances agree and a crashed instance's claim expires by itself.
 */
export class ScadenzeStore {
  constructor(private readonly db: SqlExecutor) {}

  /** Called in the consumer's transaction: each deadline recorded once, whatever the replays. */
  static async registra(tx: SqlExecutor, tipo: TipoScadenza, chiave: string, streamId: string, dovutaIl: string): Promise<void> {
    await tx.query(
      `INSERT INTO scadenze (tipo, chiave, stream_id, dovuta_il) VALUES ($1, $2, $3, $4) ON CONFLICT (tipo, chiave) DO NOTHING`,
      [tipo, chiave, streamId, dovutaIl],
    );
  }

  /** A deadline that no longer matters (the CIG was perfected or cancelled). */
  static async superata(tx: SqlExecutor, tipo: TipoScadenza, chiave: string): Promise<void> {
    await tx.query(`UPDATE scadenze SET stato = 'SUPERATA' WHERE tipo = $1 AND chiave = $2 AND stato = 'ATTESA'`, [tipo, chiave]);
  }

  /** Claims due deadlines (FOR UPDATE SKIP LOCKED): two instances never take the same one at once. */
  async reclama(istanza: string, adesso: Date, massimo: number, leaseMs: number): Promise<Scadenza[]> {
    const { rows } = await this.db.query<Riga>(
      `UPDATE scadenze s SET lease_fino = now() + ($4 || ' milliseconds')::interval, lease_di = $1, tentativi = s.tentativi + 1
        WHERE (s.tipo, s.chiave) IN (
          SELECT tipo, chiave FROM scadenze
           WHERE stato = 'ATTESA' AND dovuta_il <= $2 AND (lease_fino IS NULL OR lease_fino < now())
           ORDER BY dovuta_il LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING s.tipo, s.chiave, s.stream_id, s.dovuta_il, s.tentativi`,
      [istanza, adesso, massimo, String(leaseMs)],
    );
    return rows.map(daRiga);
  }

  async eseguita(s: Scadenza, istanza: string): Promise<void> {
    await this.db.query(
      `UPDATE scadenze SET stato = 'ESEGUITA', eseguita_il = now(), eseguita_da = $3, lease_fino = NULL, lease_di = NULL, ultimo_errore = NULL
        WHERE tipo = $1 AND chiave = $2`,
      [s.tipo, s.chiave, istanza],
    );
  }

  async rimanda(s: Scadenza, errore: string, ms: number): Promise<void> {
    await this.db.query(
      `UPDATE scadenze SET lease_fino = now() + ($4 || ' milliseconds')::interval, lease_di = NULL, ultimo_errore = $3 WHERE tipo = $1 AND chiave = $2`,
      [s.tipo, s.chiave, errore, String(ms)],
    );
  }
}
