import { OffsetClock, type Clock } from '../time/clock.js';
import { ConfigError, loadConfig } from './app-config.js';

describe('SANDBOX_DATA: running the service as of a past date', () => {
  it('accepts an ISO date or instant, refuses anything else naming the variable', () => {
    expect(loadConfig({ SANDBOX_DATA: '2015-06-01' }).SANDBOX_DATA).toBe('2015-06-01');
    expect(loadConfig({ SANDBOX_DATA: '2015-06-01T09:00:00Z' }).SANDBOX_DATA).toBe('2015-06-01T09:00:00Z');
    expect(loadConfig({}).SANDBOX_DATA).toBeUndefined();
    expect(() => loadConfig({ SANDBOX_DATA: '01/06/2015' })).toThrow(ConfigError);
    expect(() => loadConfig({ SANDBOX_DATA: '01/06/2015' })).toThrow(/SANDBOX_DATA/);
  });

  it('the business clock starts at that date and moves with real time', () => {
    let reale = Date.parse('2026-11-25T10:00:00Z');
    const parete: Clock = { now: () => new Date(reale) };
    const sandbox = new OffsetClock(new Date(loadConfig({ SANDBOX_DATA: '2015-06-01T09:00:00Z' }).SANDBOX_DATA!), parete);
    expect(sandbox.now().toISOString()).toBe('2015-06-01T09:00:00.000Z');
    reale += 60_000;
    expect(sandbox.now().toISOString()).toBe('2015-06-01T09:01:00.000Z');
  });

  it('the other settings of the historic regimes have their defaults', () => {
    expect(loadConfig({})).toMatchObject({ SIMOG_GIORNI_PERFEZIONAMENTO: 90, SCADENZE_TICK_MS: 1000, IMPORT_MAX_MB: 200, ANAC_SIMOG_URL: undefined });
    expect(() => loadConfig({ SIMOG_GIORNI_PERFEZIONAMENTO: '0' })).toThrow(/SIMOG_GIORNI_PERFEZIONAMENTO/);
  });
});
