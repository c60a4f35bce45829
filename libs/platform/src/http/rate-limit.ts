/** The answer of a rate limiter for one request. */
export type EsitoLimite = { readonly ammessa: true } | { readonly ammessa: false; readonly retryAfterSeconds: number };

/**
 * Counts requests per caller key (`utente:<id>` for authenticated callers, `indirizzo:<ip>`
 * for the others). The in-memory implementation below limits each instance on its own; an
 * implementation on a shared store (PostgreSQL) can take its place to share the limit between
 * instances: it only needs to answer `consuma` atomically per key.
 */
export interface RateLimiter {
  consuma(chiave: string): Promise<EsitoLimite>;
}

/** Seconds until a bucket holding `gettoni` (< 1) has one token again, refilled at `ratePerMs`: the answer's Retry-After, at least 1. */
export const secondiAlProssimoGettone = (gettoni: number, ratePerMs: number): number => Math.max(1, Math.ceil((1 - gettoni) / ratePerMs / 1000));

export interface OpzioniLimite {
  /** Requests a minute once the burst is spent. */
  readonly perMinute: number;
  /** Requests allowed at once after a quiet period. */
  readonly burst: number;
  /** Milliseconds of the wall clock (tests inject one). */
  readonly now?: () => number;
}

/**
 * A token bucket per key, in this process's memory: `burst` requests at once, then `perMinute`
 * a minute. Full buckets are forgotten once a minute, so memory follows the active callers.
 */
export class TokenBucketInMemoria implements RateLimiter {
  private readonly buckets = new Map<string, { gettoni: number; al: number }>();
  private readonly ratePerMs: number;
  private readonly now: () => number;
  private pulitoAl: number;

  constructor(private readonly opzioni: OpzioniLimite) {
    this.ratePerMs = opzioni.perMinute / 60_000;
    this.now = opzioni.now ?? Date.now;
    this.pulitoAl = this.now();
  }

  async consuma(chiave: string): Promise<EsitoLimite> {
    const t = this.now();
    if (t - this.pulitoAl > 60_000) this.pulisci(t);
    const b = this.buckets.get(chiave) ?? { gettoni: this.opzioni.burst, al: t };
    b.gettoni = Math.min(this.opzioni.burst, b.gettoni + (t - b.al) * this.ratePerMs);
    b.al = t;
    this.buckets.set(chiave, b);
    if (b.gettoni >= 1) {
      b.gettoni -= 1;
      return { ammessa: true };
    }
    return { ammessa: false, retryAfterSeconds: secondiAlProssimoGettone(b.gettoni, this.ratePerMs) };
  }

  private pulisci(t: number): void {
    for (const [chiave, b] of this.buckets) if (b.gettoni + (t - b.al) * this.ratePerMs >= this.opzioni.burst) this.buckets.delete(chiave);
    this.pulitoAl = t;
  }
}
