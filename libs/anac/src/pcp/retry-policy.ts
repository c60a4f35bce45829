/**
 * When to try a failed ANAC call again. Exponential backoff with "full jitter" (a uniform draw
 * between 0 and the exponential ceiling) spreads the retries of many callers after an outage
 * instead of synchronising them; `Retry-After` from ANAC's gateway is a floor, never shortened.
 */
export interface RetryOptions {
  /** Total HTTP attempts per operation, the first included. */
  readonly maxAttempts: number;
  /** Ceiling of the first retry's delay; doubles at each retry. */
  readonly baseDelayMs: number;
  /** Cap of the exponential ceiling. */
  readonly maxDelayMs: number;
  /**
   * A `Retry-After` longer than this is not waited for in-process: the failure is returned with
   * `retryAfterMs` so that the caller schedules the next try (the process manager has deadlines).
   */
  readonly maxRetryAfterMs: number;
}

/**
 * Defaults: 4 attempts, 0.5 s base, 20 s cap, at most 60 s of `Retry-After` waited inline.
 * ANAC publishes no limits (`specifiche-servizi-appalto.yaml` declares the X-RateLimit headers
 * without values); these keep a call under about a minute and a half in the worst case.
 */
export const RETRY_PREDEFINITO: RetryOptions = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };

/**
 * Delay before retry number `retry` (1 = first retry): uniform in [0, min(maxDelayMs,
 * baseDelayMs * 2^(retry-1))), drawn with the injected `random` (values in [0, 1)).
 */
export function backoffDelayMs(retry: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const tetto = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * tetto);
}

/** The wait before retry `retry`: the jittered backoff, but never less than `Retry-After`. */
export function attesaPrimaDelRetry(retry: number, options: RetryOptions, random: () => number, retryAfterMs?: number): number {
  return Math.max(retryAfterMs ?? 0, backoffDelayMs(retry, options, random));
}

/**
 * `Retry-After` (RFC 9110 §10.2.3) in milliseconds: delay-seconds (ANAC's spec: int32 seconds) or
 * an HTTP-date, measured from `now`. A date in the past is 0; anything unreadable is undefined.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  const testo = value?.trim();
  if (!testo) return undefined;
  if (/^\d+$/.test(testo)) return Number(testo) * 1000;
  // HTTP-date (IMF-fixdate and the obsolete forms Date.parse understands), never a bare number.
  if (!/[a-z]/i.test(testo)) return undefined;
  const istante = Date.parse(testo);
  if (Number.isNaN(istante)) return undefined;
  return Math.max(0, istante - now.getTime());
}
