import type pg from 'pg';

/** Keys are kept this long after their first use; an older key counts as new. */
export const DURATA_CHIAVE_ORE = 24;

export type Prenotazione =
  /** The key is ours: do the work (`ripresa`: taken over from an instance whose lease ran out). */
  | { readonly tipo: 'nuova'; readonly ripresa: boolean }
  | { readonly tipo: 'completata'; readonly status: number; readonly risposta: unknown }
  /** Another request holds the key and its owner is alive (its lease holds). */
  | { readonly tipo: 'in-corso'; readonly istanza: string | null }
  | { readonly tipo: 'diversa' };

interface Riga {
  readonly impronta: string;
  readonly stato: string;
  readonly http_status: number | null;
  readonly risposta: unknown;
  readonly istanza: string | null;
  readonly scaduta: boolean;
  readonly vecchia: boolean;
}

/** How many times a reservation is attempted again when the row changed under it (released, expired). */
const TENTATIVI = 8;

/**
 * Reservations of `Idempotency-Key`s in PostgreSQL, per caller. A reservation is a lease held by
 * one running instance (`istanza`) until `lease_fino`, renewed by `rinnova()` while its requests
 * run: when an instance dies its leases run out and a retry takes the key over, instead of
 * waiting for the key to expire. All times are the database's, so instances need not agree on
 * the time.
 *
 * Every step is its own statement: the insert that reserves, then (when it found the key taken) a
 * read in a new snapshot, which sees the row a concurrent request committed. Reading in the same
 * statement as the insert would see the snapshot from before it, and take a key already held for
 * free.
 */
export class PrenotazioniIdempotenza {
  constructor(
    private readonly pool: pg.Pool,
    private readonly opzioni: { readonly istanza: string; readonly leaseMs: number },
  ) {}

  get istanza(): string {
    return this.opzioni.istanza;
  }

  async prenota(utente: string, chiave: string, impronta: string): Promise<Prenotazione> {
    for (let tentativo = 0; tentativo < TENTATIVI; tentativo++) {
      const inserita = await this.pool.query(
        `INSERT INTO idempotenza (utente, chiave, impronta, stato, istanza, lease_fino)
         VALUES ($1, $2, $3, 'IN_CORSO', $4, now() + ($5 || ' milliseconds')::interval)
         ON CONFLICT (utente, chiave) DO NOTHING`,
        [utente, chiave, impronta, this.opzioni.istanza, String(this.opzioni.leaseMs)],
      );
      if (inserita.rowCount === 1) return { tipo: 'nuova', ripresa: false };
      const riga = await this.leggi(utente, chiave);
      if (!riga) continue; // released meanwhile (its request failed): try again
      if (riga.vecchia && (riga.stato === 'COMPLETATA' || riga.scaduta)) {
        // The condition is checked again by the delete: a row a concurrent request just took over stays.
        await this.pool.query(
          `DELETE FROM idempotenza WHERE utente = $1 AND chiave = $2 AND creata_il < now() - ($3 || ' hours')::interval AND (stato = 'COMPLETATA' OR ${SCADUTA})`,
          [utente, chiave, String(DURATA_CHIAVE_ORE)],
        );
        continue;
      }
      if (riga.impronta !== impronta) return { tipo: 'diversa' };
      if (riga.stato === 'COMPLETATA') return { tipo: 'completata', status: riga.http_status ?? 200, risposta: riga.risposta };
      if (!riga.scaduta) return { tipo: 'in-corso', istanza: riga.istanza };
      // The owner stopped renewing: it died. One retry takes the lease over (the row is locked by
      // the update and its condition checked again, so two takers cannot both win).
      const ripresa = await this.pool.query(
        `UPDATE idempotenza SET istanza = $3, lease_fino = now() + ($4 || ' milliseconds')::interval
         WHERE utente = $1 AND chiave = $2 AND stato = 'IN_CORSO' AND ${SCADUTA}`,
        [utente, chiave, this.opzioni.istanza, String(this.opzioni.leaseMs)],
      );
      if (ripresa.rowCount === 1) return { tipo: 'nuova', ripresa: true };
    }
    return { tipo: 'in-corso', istanza: null };
  }

  /** Stores the answer of the work; false when this instance no longer held the lease. */
  async completa(utente: string, chiave: string, status: number, risposta: unknown): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE idempotenza SET stato = 'COMPLETATA', http_status = $4, risposta = $5, lease_fino = NULL
       WHERE utente = $1 AND chiave = $2 AND istanza = $3 AND stato = 'IN_CORSO'`,
      [utente, chiave, this.opzioni.istanza, status, JSON.stringify(risposta ?? null)],
    );
    return rowCount === 1;
  }

  /** A failed command keeps nothing: the key can be used again once the request is corrected. */
  async rilascia(utente: string, chiave: string): Promise<void> {
    await this.pool.query(`DELETE FROM idempotenza WHERE utente = $1 AND chiave = $2 AND istanza = $3 AND stato = 'IN_CORSO'`, [utente, chiave, this.opzioni.istanza]);
  }

  /** Renews every lease of this instance (its requests still running). */
  async rinnova(): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE idempotenza SET lease_fino = now() + ($2 || ' milliseconds')::interval WHERE istanza = $1 AND stato = 'IN_CORSO'`,
      [this.opzioni.istanza, String(this.opzioni.leaseMs)],
    );
    return rowCount ?? 0;
  }

  private async leggi(utente: string, chiave: string): Promise<Riga | undefined> {
    const { rows } = await this.pool.query<Riga>(
      `SELECT impronta, stato, http_status, risposta, istanza, ${SCADUTA} AS scaduta,
              creata_il < now() - ($3 || ' hours')::interval AS vecchia
       FROM idempotenza WHERE utente = $1 AND chiave = $2`,
      [utente, chiave, String(DURATA_CHIAVE_ORE)],
    );
    return rows[0];
  }
}

/**
 * A lease that ran out. Rows reserved before leases existed have none: they count as held for
 * a day from their creation, as they did then.
 */
const SCADUTA = `COALESCE(lease_fino, creata_il + interval '${DURATA_CHIAVE_ORE} hours') < now()`;
