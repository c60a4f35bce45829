import type pg from 'pg';
import { secondiAlProssimoGettone, TokenBucketInMemoria, type EsitoLimite, type Logger, type OpzioniLimite, type RateLimiter } from '#platform';

const PULIZIA_OGNI_MS = 60_000;

/**
 * The rate limit shared by the instances: one token bucket per caller in `limiti_richieste`,
 * refilled and consumed by one atomic statement, so that a caller gets the same budget whichever
 * instance its requests reach. Elapsed time never counts negative (instances' clocks may differ
 * slightly). When the database cannot answer, the request is limited by this instance's own
 * buckets (it is not let through unlimited, nor refused for a fault that is not the caller's).
 * Full buckets are deleted once a minute, so the table follows the active callers.
 *
 * Requests that arrive while a statement is on its way are sent together in the next one (one
 * row per caller, in key order so that instances never lock two rows in opposite orders): one
 * round trip serves every request waiting, not one each. A caller with two requests waiting has
 * the second in the statement after.
 */
export class TokenBucketCondiviso implements RateLimiter {
  private readonly ratePerMs: number;
  private readonly now: () => number;
  private readonly riserva: TokenBucketInMemoria;
  private pulitoAl: number;
  /** Requests waiting for the next statement, in arrival order. */
  private attesa: Array<{ readonly chiave: string; readonly fine: (esito: EsitoLimite) => void }> = [];
  private inVolo = false;

  constructor(
    private readonly pool: Pick<pg.Pool, 'query'>,
    private readonly opzioni: OpzioniLimite,
    private readonly logger?: Pick<Logger, 'warn'>,
  ) {
    this.ratePerMs = opzioni.perMinute / 60_000;
    this.now = opzioni.now ?? Date.now;
    this.riserva = new TokenBucketInMemoria(opzioni);
    this.pulitoAl = this.now();
  }

  consuma(chiave: string): Promise<EsitoLimite> {
    return new Promise((fine) => {
      this.attesa.push({ chiave, fine });
      if (!this.inVolo) void this.invia();
    });
  }

  /** Sends the waiting requests (each caller once), then again while more wait. */
  private async invia(): Promise<void> {
    this.inVolo = true;
    try {
      while (this.attesa.length > 0) {
        const giro = new Map<string, Array<(esito: EsitoLimite) => void>>();
        const resto: typeof this.attesa = [];
        for (const r of this.attesa) {
          if (giro.has(r.chiave)) resto.push(r);
          else giro.set(r.chiave, [r.fine]);
        }
        this.attesa = resto;
        const esiti = await this.consumaInsieme([...giro.keys()].sort());
        for (const [chiave, fini] of giro) for (const fine of fini) fine(esiti.get(chiave) ?? { ammessa: true });
      }
    } finally {
      this.inVolo = false;
    }
  }

  /** One token from the bucket of each of `chiavi` (distinct, sorted), in one statement. */
  private async consumaInsieme(chiavi: readonly string[]): Promise<Map<string, EsitoLimite>> {
    const t = this.now();
    if (t - this.pulitoAl > PULIZIA_OGNI_MS) this.pulisci(t);
    let righe: Array<{ chiave: string; gettoni: number; ammessa: boolean }>;
    try {
      // A named (prepared) statement: sent for most requests under load, planned once per connection.
      // Its commit does not wait for the disk (`synchronous_commit` off for this statement's own
      // transaction): a crash of the database can only give callers back the tokens of its last
      // fraction of a second, and a caller's requests, which go one statement after the other,
      // do not queue behind a flush each.
      ({ rows: righe } = await this.pool.query<{ chiave: string; gettoni: number; ammessa: boolean }>({
        name: 'limiti_richieste_consuma',
        text: `INSERT INTO limiti_richieste AS l (chiave, gettoni, al_ms, ammessa)
         SELECT c, $2::float8 - 1, $3::bigint, true FROM unnest($1::text[]) WITH ORDINALITY AS k(c, n)
         WHERE set_config('synchronous_commit', 'off', true) IS NOT NULL
         ORDER BY n
         ON CONFLICT (chiave) DO UPDATE SET
           gettoni = CASE WHEN LEAST($2::float8, l.gettoni + GREATEST(0, $3::bigint - l.al_ms) * $4::float8) >= 1 THEN LEAST($2::float8, l.gettoni + GREATEST(0, $3::bigint - l.al_ms) * $4::float8) - 1 ELSE LEAST($2::float8, l.gettoni + GREATEST(0, $3::bigint - l.al_ms) * $4::float8) END,
           ammessa = LEAST($2::float8, l.gettoni + GREATEST(0, $3::bigint - l.al_ms) * $4::float8) >= 1,
           al_ms = GREATEST(l.al_ms, $3::bigint)
         RETURNING chiave, gettoni, ammessa`,
        values: [chiavi, this.opzioni.burst, t, this.ratePerMs],
      }));
    } catch (error) {
      this.logger?.warn({ err: error }, 'limite di richieste condiviso non disponibile: si applica quello di questa istanza');
      return new Map(await Promise.all(chiavi.map(async (c) => [c, await this.riserva.consuma(c)] as const)));
    }
    return new Map(
      righe.map((r) => [r.chiave, r.ammessa ? { ammessa: true } : { ammessa: false, retryAfterSeconds: secondiAlProssimoGettone(r.gettoni, this.ratePerMs) }] as const),
    );
  }

  private pulisci(t: number): void {
    this.pulitoAl = t;
    this.pool
      .query('DELETE FROM limiti_richieste WHERE gettoni + GREATEST(0, $1::bigint - al_ms) * $2::float8 >= $3::float8', [t, this.ratePerMs, this.opzioni.burst])
      .catch((error: unknown) => this.logger?.warn({ err: error }, 'pulizia dei limiti di richieste non riuscita'));
  }
}
