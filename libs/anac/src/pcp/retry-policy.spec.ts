import { seededRandom } from '#platform';
import { attesaPrimaDelRetry, backoffDelayMs, parseRetryAfter, RETRY_PREDEFINITO } from './retry-policy.js';

describe('retry policy: exponential backoff with full jitter, Retry-After', () => {
  const opzioni = { ...RETRY_PREDEFINITO, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('each delay lies in [0, min(max, base * 2^(n-1))) and the draws spread over the whole range', () => {
    const random = seededRandom(7);
    for (const [retry, tetto] of [[1, 100], [2, 200], [3, 400], [4, 800], [5, 1_000], [9, 1_000]] as const) {
      const delays = Array.from({ length: 500 }, () => backoffDelayMs(retry, opzioni, random));
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...delays)).toBeLessThan(tetto);
      // Full jitter, not "half" or "equal" jitter: both ends of the range are reached.
      expect(Math.min(...delays)).toBeLessThan(tetto * 0.05);
      expect(Math.max(...delays)).toBeGreaterThan(tetto * 0.95);
    }
  });

  it('the same seed gives the same delays (random is injected)', () => {
    const serie = (seme: number) => { const r = seededRandom(seme); return [1, 2, 3].map((n) => backoffDelayMs(n, opzioni, r)); };
    expect(serie(3)).toEqual(serie(3));
    expect(serie(3)).not.toEqual(serie(4));
  });

  it('the extremes of random map to the extremes of the range', () => {
    expect(backoffDelayMs(3, opzioni, () => 0)).toBe(0);
    expect(backoffDelayMs(3, opzioni, () => 0.999999)).toBe(399);
  });

  it('Retry-After is a floor: the wait is never shorter, and longer only by the jitter', () => {
    expect(attesaPrimaDelRetry(1, opzioni, () => 0.5, 7_000)).toBe(7_000);
    expect(attesaPrimaDelRetry(4, opzioni, () => 0.99, 10)).toBe(792);
    expect(attesaPrimaDelRetry(1, opzioni, () => 0.5)).toBe(50);
  });

  it('parses Retry-After as seconds or as an HTTP date relative to now', () => {
    const now = new Date('2025-03-01T09:00:00.000Z');
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('2025', now)).toBe(2_025_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 08:00:00 GMT', now)).toBe(0);
    for (const illeggibile of [null, undefined, '', '-3', '1.5', 'presto', 'Sat, 99 Foo 2025']) expect(parseRetryAfter(illeggibile, now)).toBeUndefined();
  });
});
