import { durataMs } from './durata.js';

describe('durations in the configuration', () => {
  it('reads minutes, hours and both; a plain number is hours', () => {
    expect(durataMs('90m')).toBe(90 * 60_000);
    expect(durataMs('2h')).toBe(2 * 3_600_000);
    expect(durataMs('1h30m')).toBe(90 * 60_000);
    expect(durataMs('1h 30min')).toBe(90 * 60_000);
    expect(durataMs('24')).toBe(24 * 3_600_000);
    expect(durataMs('1,5')).toBe(90 * 60_000);
  });

  it('anything else is not a duration', () => {
    for (const t of ['', 'h', 'novanta', '90s', '-2h', '2 ore']) expect(durataMs(t)).toBeNaN();
  });
});
