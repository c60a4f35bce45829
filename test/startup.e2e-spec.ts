import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, portaStabile, runService } from './support/process.js';

/** What `npm start` does on a machine with nothing but Node: the compiled service as a process. */
describe('starting the service', () => {
  beforeAll(() => assertBuilt());

  it('refuses a wrong configuration, naming the variable, with a non-zero exit', async () => {
    const service = runService({ PORT: 'tremila', EVENT_STORE: 'mongo' });
    expect(await service.exited()).toBe(1);
    expect(service.output()).toMatch(/could not start: invalid configuration/);
    expect(service.output()).toMatch(/PORT="tremila"/);
    expect(service.output()).toMatch(/EVENT_STORE="mongo"/);
  });

  it('in production, refuses development keys and the simulator unless told otherwise', async () => {
    const senzaAnac = runService({ NODE_ENV: 'production' });
    expect(await senzaAnac.exited()).toBe(1);
    expect(senzaAnac.output()).toMatch(/ANAC_PCP_URL.*required in production/);
    const chiavi = runService({ NODE_ENV: 'production', ANAC_PCP_URL: 'http://127.0.0.1:1', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/cig' });
    expect(await chiavi.exited()).toBe(1);
    expect(chiavi.output()).toMatch(/production needs AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE/);
  });

  it('gives up on an unreachable database with a clear message and a non-zero exit', async () => {
    const started = Date.now();
    const service = runService({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/cig', DATABASE_CONNECT_TIMEOUT_MS: '1500' });
    expect(await service.exited()).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(service.output()).toMatch(/PostgreSQL is not reachable at 127\.0\.0\.1:1\/cig after \d+ s \(ECONNREFUSED\)/);
    expect(service.output()).not.toMatch(/nobody@/);
  });

  it('with EVENT_STORE=esdb and no EventStoreDB server, stops with a clear message', async () => {
    const { createTestDatabase } = await import('./support/test-database.js');
    const db = await createTestDatabase(1);
    try {
      const service = runService({ DATABASE_URL: db.url, EVENT_STORE: 'esdb', ESDB_URL: 'esdb://127.0.0.1:1?tls=false', PORT: '0' });
      expect(await service.exited()).toBe(1);
      expect(service.output()).toMatch(/could not start: .*(unavailable|connect|ECONNREFUSED)/i);
    } finally {
      await db.drop();
    }
  }, 60_000);

  describe('with no DATABASE_URL: embedded PostgreSQL', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cig-embedded-'));
    chmodSync(dataDir, 0o755);
    // The server stops and starts again on its port: one below the kernel's ephemeral range, which nobody else's port 0 can take meanwhile.
    const env: Record<string, string> = { DATA_DIR: dataDir, PORT: '0' };
    beforeAll(async () => {
      env.EMBEDDED_PG_PORT = String(await portaStabile());
    });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    const serve = async () => {
      const service = runService(env);
      const output = await service.waitFor(/API docs \(OpenAPI\): (http:\/\/\S+)\/docs/, 60_000);
      const base = /API docs \(OpenAPI\): (http:\/\/\S+)\/docs/.exec(output)![1];
      return { service, base };
    };

    it('starts it, migrates, serves /docs and /health, keeps the data between runs, survives a kill', async () => {
      const first = await serve();
      expect((await fetch(`${first.base}/health`)).status).toBe(200);
      expect((await fetch(`${first.base}/docs`)).status).toBe(200);
      const ready = (await (await fetch(`${first.base}/ready`)).json()) as { status: string };
      expect(ready.status).toBe('ready');
      first.service.child.kill('SIGTERM');
      expect(await first.service.exited()).toBe(0);

      // Killed without a chance to stop its database: the next start must still work.
      const second = await serve();
      expect((await fetch(`${second.base}/health`)).status).toBe(200);
      second.service.child.kill('SIGKILL');
      await second.service.exited();

      const third = await serve();
      expect(((await (await fetch(`${third.base}/ready`)).json()) as { status: string }).status).toBe("ready");
      third.service.child.kill('SIGTERM');
      expect(await third.service.exited()).toBe(0);
    }, 120_000);
  });
});
