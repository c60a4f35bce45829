import { ManualClock } from '#platform';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter: token bucket plus a global pause from Retry-After', () => {
  it('lets a burst through, then one call per token as tokens refill', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requestsPerSecond: 2, burst: 3, clock });
    expect([limiter.tryAcquire(), limiter.tryAcquire(), limiter.tryAcquire()]).toEqual([0, 0, 0]);
    expect(limiter.tryAcquire()).toBe(500);
    clock.advance(499);
    expect(limiter.tryAcquire()).toBe(1);
    clock.advance(1);
    expect(limiter.tryAcquire()).toBe(0);
    expect(limiter.tryAcquire()).toBe(500);
  });

  it('never stores more than the burst, however long the quiet period', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requestsPerSecond: 10, burst: 2, clock });
    clock.advance(3_600_000);
    expect([limiter.tryAcquire(), limiter.tryAcquire(), limiter.tryAcquire()]).toEqual([0, 0, 100]);
  });

  it('a pause holds every caller until it ends, and a shorter pause does not shorten it', () => {
    const clock = new ManualClock('2025-03-01T09:00:00.000Z');
    const limiter = new RateLimiter({ requestsPerSecond: 100, burst: 100, clock });
    limiter.pauseUntil(clock.now().getTime() + 7_000);
    limiter.pauseUntil(new Date(clock.now().getTime() + 1_000));
    expect(limiter.pausedUntil()?.toISOString()).toBe('2025-03-01T09:00:07.000Z');
    expect(limiter.tryAcquire()).toBe(7_000);
    clock.advance(6_999);
    expect(limiter.tryAcquire()).toBe(1);
    clock.advance(1);
    expect(limiter.tryAcquire()).toBe(0);
    expect(limiter.pausedUntil()).toBeUndefined();
  });

  it('refuses a configuration that could never let a call through', () => {
    expect(() => new RateLimiter({ requestsPerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new RateLimiter({ requestsPerSecond: 1, burst: 0 })).toThrow(RangeError);
  });
});
