import { ephemeralPortsStart } from '../testing/scratch-database.js';
import { ConfigError, loadConfig, testimoniConfigurati } from './app-config.js';

describe('configuration', () => {
  it('has defaults that start a local service on embedded PostgreSQL', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', EVENT_STORE: 'postgres', DATA_DIR: '.data', DATABASE_URL: undefined });
  });

  it('puts the embedded PostgreSQL on a port below the range the system hands out on its own', () => {
    // An outgoing connection or a port-0 server of the machine could hold a port of that range while the server restarts.
    expect(loadConfig({}).EMBEDDED_PG_PORT).toBeLessThan(ephemeralPortsStart());
  });

  it('converts numbers and keeps a given database URL', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/cig', DATABASE_POOL_SIZE: '5' });
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_POOL_SIZE).toBe(5);
    expect(config.DATABASE_URL).toBe('postgres://u:p@db:5432/cig');
  });

  it('refuses every wrong variable at once, naming each with the value given', () => {
    const failure = (() => {
      try {
        loadConfig({ PORT: 'tremila', EVENT_STORE: 'mongo', DATABASE_URL: 'mysql://x' });
      } catch (error) {
        return error as ConfigError;
      }
    })();
    expect(failure).toBeInstanceOf(ConfigError);
    expect(failure!.problems.join('\n')).toMatch(/PORT="tremila"/);
    expect(failure!.problems.join('\n')).toMatch(/EVENT_STORE="mongo"/);
    expect(failure!.problems.join('\n')).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
  });

  it('requires ESDB_URL only when EventStoreDB is chosen', () => {
    expect(() => loadConfig({ EVENT_STORE: 'esdb' })).toThrow(/ESDB_URL is required when EVENT_STORE=esdb/);
    expect(loadConfig({ EVENT_STORE: 'esdb', ESDB_URL: 'esdb://localhost:2113?tls=false' }).ESDB_URL).toBe('esdb://localhost:2113?tls=false');
  });

  it('reads AUDIT_TESTIMONI as http(s) base URLs separated by commas (none by default) and refuses anything else', () => {
    expect(testimoniConfigurati(loadConfig({}))).toEqual([]);
    expect(testimoniConfigurati(loadConfig({ AUDIT_TESTIMONI: ' https://t1.example.it/ , http://127.0.0.1:9000,https://t1.example.it' }))).toEqual(['https://t1.example.it', 'http://127.0.0.1:9000']);
    expect(() => loadConfig({ AUDIT_TESTIMONI: 'ftp://t1.example.it' })).toThrow(/AUDIT_TESTIMONI must be http\(s\) URLs separated by commas/);
    expect(() => loadConfig({ AUDIT_TESTIMONI: 'https://t1.example.it,,' })).toThrow(/AUDIT_TESTIMONI/);
  });

  it('ignores unrelated environment variables', () => {
    expect(Object.keys(loadConfig({ HOME: '/root', PATH: '/bin' }))).not.toContain('HOME');
  });

  it('reads the alert threshold of ANAC waits as a duration (90m, 2h; a number is hours), also under its older name', () => {
    expect(loadConfig({}).ANAC_ATTESA_ALLARME).toBe(24 * 3_600_000);
    expect(loadConfig({ ANAC_ATTESA_ALLARME: '90m' }).ANAC_ATTESA_ALLARME).toBe(90 * 60_000);
    expect(loadConfig({ ANAC_ATTESA_ALLARME: '2h' }).ANAC_ATTESA_ALLARME).toBe(2 * 3_600_000);
    expect(loadConfig({ ANAC_ATTESA_ALLARME_ORE: '90m' }).ANAC_ATTESA_ALLARME).toBe(90 * 60_000);
    expect(loadConfig({ ANAC_ATTESA_ALLARME_ORE: '3' }).ANAC_ATTESA_ALLARME).toBe(3 * 3_600_000);
    expect(loadConfig({ ANAC_ATTESA_ALLARME: '45m', ANAC_ATTESA_ALLARME_ORE: '3' }).ANAC_ATTESA_ALLARME).toBe(45 * 60_000);
    expect(() => loadConfig({ ANAC_ATTESA_ALLARME: 'novanta' })).toThrow(/ANAC_ATTESA_ALLARME="novanta": must be a duration/);
    expect(() => loadConfig({ ANAC_ATTESA_ALLARME_ORE: '0' })).toThrow(/ANAC_ATTESA_ALLARME_ORE="0"/);
  });

  it('reads the test crash point ANAC_CRASH_AT at each of the three boundaries, and refuses any other', () => {
    expect(loadConfig({}).ANAC_CRASH_AT).toBeUndefined();
    for (const confine of ['prima-invio', 'dopo-risposta', 'dopo-registrazione']) {
      expect(loadConfig({ ANAC_CRASH_AT: `CONFERMA:${confine}` }).ANAC_CRASH_AT).toBe(`CONFERMA:${confine}`);
    }
    expect(() => loadConfig({ ANAC_CRASH_AT: 'CONFERMA:durante' })).toThrow(/ANAC_CRASH_AT="CONFERMA:durante"/);
  });
});
