import type { Clock } from '#platform';

export interface RateLimitOptions {
  /** Calls allowed per window; ANAC publishes no figure, so the default is generous. */
  readonly limit: number;
  readonly windowMs: number;
}

export const RATE_LIMIT_PREDEFINITO: RateLimitOptions = { limit: 1_000, windowMs: 60_000 };

export interface RateLimitState {
  readonly limit: number;
  readonly remaining: number;
  /** Seconds left in the current window. */
  readonly resetSeconds: number;
  readonly exceeded: boolean;
}

/**
 * Fixed-window counter behind the `X-RateLimit-Limit/Remaining/Reset` headers (components.headers
 * of ANAC's spec), measured with the injected clock. Over the limit a call gets 429 + Retry-After.
 */
export class RateLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(private readonly clock: Clock, private readonly options: RateLimitOptions = RATE_LIMIT_PREDEFINITO) {}

  hit(): RateLimitState {
    const now = this.clock.now().getTime();
    if (now - this.windowStart >= this.options.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    this.used += 1;
    return {
      limit: this.options.limit,
      remaining: Math.max(0, this.options.limit - this.used),
      resetSeconds: Math.max(0, Math.ceil((this.windowStart + this.options.windowMs - now) / 1000)),
      exceeded: this.used > this.options.limit,
    };
  }
}

export function rateLimitHeaders(s: RateLimitState): Record<string, string> {
  return { 'X-RateLimit-Limit': String(s.limit), 'X-RateLimit-Remaining': String(s.remaining), 'X-RateLimit-Reset': String(s.resetSeconds) };
}
