import { TokenBucketInMemoria } from './rate-limit.js';

describe('in-memory token bucket per caller key', () => {
  let ora = 0;
  const limite = () => new TokenBucketInMemoria({ perMinute: 60, burst: 3, now: () => ora });
  beforeEach(() => {
    ora = 1_000_000;
  });

  it('lets a burst through, then one request a second, with the seconds to wait when refused', async () => {
    const l = limite();
    for (let i = 0; i < 3; i++) expect(await l.consuma('utente:a')).toEqual({ ammessa: true });
    expect(await l.consuma('utente:a')).toEqual({ ammessa: false, retryAfterSeconds: 1 });
    ora += 1_000;
    expect(await l.consuma('utente:a')).toEqual({ ammessa: true });
    expect((await l.consuma('utente:a')).ammessa).toBe(false);
  });

  it('keeps one bucket per key', async () => {
    const l = limite();
    for (let i = 0; i < 3; i++) await l.consuma('indirizzo:10.0.0.1');
    expect((await l.consuma('indirizzo:10.0.0.1')).ammessa).toBe(false);
    expect((await l.consuma('utente:a')).ammessa).toBe(true);
  });

  it('forgets buckets that filled up again, and starts them full', async () => {
    const l = limite();
    for (let i = 0; i < 3; i++) await l.consuma('utente:a');
    ora += 120_000;
    for (let i = 0; i < 3; i++) expect((await l.consuma('utente:a')).ammessa).toBe(true);
  });
});
