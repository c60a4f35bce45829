import { systemClock, type Clock } from '#platform';

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Sustained rate: tokens added per second. */
  readonly requestsPerSecond: number;
  /** Bucket size: how many calls may go at once after a quiet period. */
  readonly burst: number;
  readonly clock?: Clock;
}

/**
 * Client-side limit on calls to ANAC, shared by the whole service (construct once, pass it to
 * every client): a token bucket, plus a global pause set when ANAC answers 429 with `Retry-After`,
 * so that one refused call holds back every other caller instead of each finding out alone.
 * ANAC publishes no figures (the `X-RateLimit-*` headers of `specifiche-servizi-appalto.yaml`
 * have no values), so the rate is configuration.
 */
export class RateLimiter {
  private readonly clock: Clock;
  private tokens: number;
  private ultimoRiempimento: number;
  private pausaFino = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: RateLimiterOptions) {
    if (!(options.requestsPerSecond > 0) || !(options.burst >= 1)) throw new RangeError('RateLimiter: requestsPerSecond > 0 e burst >= 1');
    this.clock = options.clock ?? systemClock;
    this.tokens = options.burst;
    this.ultimoRiempimento = this.clock.now().getTime();
  }

  /**
   * Takes a token and answers 0 when a call may go now; otherwise takes nothing and answers the
   * milliseconds to wait before asking again (the pause, or the time until the next token).
   */
  tryAcquire(): number {
    const adesso = this.clock.now().getTime();
    if (adesso < this.pausaFino) return Math.ceil(this.pausaFino - adesso);
    this.riempi(adesso);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    // The epsilon absorbs float residue of the refill (0.998 tokens must mean 1 ms, not 2).
    return Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.options.requestsPerSecond - 1e-9));
  }

  /** No call goes before `until` (from a `Retry-After`); an earlier pause never shortens a later one. */
  pauseUntil(until: Date | number): void {
    this.pausaFino = Math.max(this.pausaFino, typeof until === 'number' ? until : until.getTime());
  }

  /** The end of the current pause, if any. */
  pausedUntil(): Date | undefined {
    return this.pausaFino > this.clock.now().getTime() ? new Date(this.pausaFino) : undefined;
  }

  private riempi(adesso: number): void {
    const trascorsi = Math.max(0, adesso - this.ultimoRiempimento);
    this.tokens = Math.min(this.options.burst, this.tokens + (trascorsi * this.options.requestsPerSecond) / 1000);
    this.ultimoRiempimento = adesso;
  }
}
