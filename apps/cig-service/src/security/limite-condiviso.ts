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
 */
export class TokenBucketCondiviso implements RateLimiter {
  private readonly ratePerMs: number;
  private readonly now: () => number;
  private readonly riserva: TokenBucketInMemoria;
  private pulitoAl: number;

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

  async consuma(chiave: string): Promise<EsitoLimite> {
    const t = this.now();
    if (t - this.pulitoAl > PULIZIA_OGNI_MS) this.pulisci(t);
    let riga: { gettoni: number; ammessa: boolean } | undefined;
    try {
      const { rows } = await this.pool.query<{ gettoni: number; ammessa: boolean }>(
        `INSERT INTO limiti_richieste AS l (chiave, gettoni, al_ms, ammessa) VALUES ($1, $2::float8 - 1, $3::bigint, true)
         ON CONFLICT (chiave) DO UPDATE SET
           gettoni = CASE WHEN LEAST($2::float8, l.gettoni + GREATEST(0, $3::bigint - l.al_ms) * $4::float8) >= 1 THEN LEAST($2::float8, l.gettoni + GREATEST(0, $3::bigint - l.al_ms) * $4::float8) - 1 ELSE LEAST($2::float8, l.gettoni + GREATEST(0, $3::bigint - l.al_ms) * $4::float8) END,
           ammessa = LEAST($2::float8, l.gettoni + GREATEST(0, $3::bigint - l.al_ms) * $4::float8) >= 1,
           al_ms = GREATEST(l.al_ms, $3::bigint)
         RETURNING gettoni, ammessa`,
        [chiave, this.opzioni.burst, t, this.ratePerMs],
      );
      riga = rows[0];
    } catch (error) {
      this.logger?.warn({ err: error }, 'limite di richieste condiviso non disponibile: si applica quello di questa istanza');
      return this.riserva.consuma(chiave);
    }
    if (!riga || riga.ammessa) return { ammessa: true };
    return { ammessa: false, retryAfterSeconds: secondiAlProssimoGettone(riga.gettoni, this.ratePerMs) };
  }

  private pulisci(t: number): void {
    this.pulitoAl = t;
    this.pool
      .query('DELETE FROM limiti_richieste WHERE gettoni + GREATEST(0, $1::bigint - al_ms) * $2::float8 >= $3::float8', [t, this.ratePerMs, this.opzioni.burst])
      .catch((error: unknown) => this.logger?.warn({ err: error }, 'pulizia dei limiti di richieste non riuscita'));
  }
}
