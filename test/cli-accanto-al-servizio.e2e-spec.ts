import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campioneCigAnac, generaCig } from '#anac';
import { cli } from './support/cli.js';
import { assertBuilt, inAscolto, portaLibera, runService } from './support/process.js';
import { eventually, send, tokenDiSviluppo } from './support/service.js';

/** The PostgreSQL server running on a data folder, from its lock file (first line: pid). */
function postmaster(cartella: string): number | undefined {
  const file = join(cartella, 'postgres', 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/**
 * The CLI run beside a service on the same DATA_DIR (no DATABASE_URL: the embedded PostgreSQL):
 * it uses the server the service runs there, whatever EMBEDDED_PG_PORT it is given, and never stops
 * it; alone, it starts a server and stops it when done.
 */
describe('the CLI beside a running service (embedded PostgreSQL)', () => {
  const cartella = mkdtempSync(join(tmpdir(), 'cli-servizio-'));
  chmodSync(cartella, 0o755);
  let porta: number;
  let env: Record<string, string>;
  beforeAll(async () => {
    assertBuilt();
    porta = await portaLibera();
    env = { DATA_DIR: cartella, EMBEDDED_PG_PORT: String(porta) };
  });
  afterAll(() => rmSync(cartella, { recursive: true, force: true }));

  it('import and storia leave the service ready; the PEM key verifies its export; the service stops its server at SIGTERM', async () => {
    const servizio = runService({ ...env, PORT: '0', SUBSCRIPTION_POLL_MS: '50' });
    try {
      const base = await inAscolto(servizio, 90_000);
      const pronto = async () => (await send(base, 'GET', '/ready')).status;
      expect(await pronto()).toBe(200);
      const server = postmaster(cartella);
      expect(server).toBeDefined();

      const file = join(cartella, 'cig.csv');
      writeFileSync(file, [...campioneCigAnac(10)].join(''));
      const importa = await cli(['import', file, '--ufficio', 'UFF-TOSCANA-GARE'], env, 90_000);
      expect([importa.codice, importa.err]).toEqual([0, expect.any(String)]);
      // Another EMBEDDED_PG_PORT: the data folder decides which server is used.
      const cig = generaCig('SIMOG_NUMERICO', 1_000_001);
      const storia = await cli(['storia', cig], { ...env, EMBEDDED_PG_PORT: String(porta + 1) }, 90_000);
      expect(storia).toMatchObject({ codice: 0, out: expect.stringContaining(`CIG ${cig}`) });

      expect(postmaster(cartella)).toBe(server);
      expect(await pronto()).toBe(200);
      const bearer = await tokenDiSviluppo(cartella, 'paola.neri');
      const h = { authorization: `Bearer ${bearer}` };
      expect((await send(base, 'GET', `/cig/${cig}/storia`, undefined, h)).status).toBe(200);
      expect(servizio.output()).not.toMatch(/terminating connection|ECONNREFUSED/);

      // The README's offline check: the key as a PEM file, the export, `cli audit verifica-export`.
      const pem = await send(base, 'GET', '/audit/chiave-pubblica?formato=pem', undefined, h);
      expect([pem.status, pem.headers.get('content-type')]).toEqual([200, expect.stringContaining('application/x-pem-file')]);
      expect(pem.text).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n?$/);
      const perAccept = await send(base, 'GET', '/audit/chiave-pubblica', undefined, { ...h, accept: 'application/x-pem-file' });
      expect(perAccept.text).toBe(pem.text);
      const json = await send(base, 'GET', '/audit/chiave-pubblica', undefined, h);
      expect(json.body).toMatchObject({ algoritmo: 'Ed25519', chiavePubblica: pem.text });
      expect((await send(base, 'GET', '/audit/chiave-pubblica?formato=xml', undefined, h)).body).toMatchObject({ status: 400, errors: [{ campo: 'query.formato' }] });
      writeFileSync(join(cartella, 'chiave.pem'), pem.text);
      const esportato = await eventually(async () => {
        const r = await send(base, 'GET', '/audit/export', undefined, h);
        return r.text.includes('"riga":"record"') ? r.text : undefined;
      }, 60_000, 'audit records of the import');
      writeFileSync(join(cartella, 'audit.jsonl'), esportato);
      const verifica = await cli(['audit', 'verifica-export', join(cartella, 'audit.jsonl'), '--chiave-pubblica', join(cartella, 'chiave.pem')]);
      expect(verifica).toMatchObject({ codice: 0, out: expect.stringMatching(/registro integro/) });
    } finally {
      servizio.child.kill('SIGTERM');
    }
    expect(await servizio.exited()).toBe(0);
    await eventually(async () => (postmaster(cartella) === undefined ? true : undefined), 10_000, 'embedded server stopped with the service');

    // Alone, the CLI starts the server and stops it when done.
    expect((await cli(['storia', generaCig('SIMOG_NUMERICO', 1_000_002)], env, 90_000)).codice).toBe(0);
    expect(postmaster(cartella)).toBeUndefined();
  }, 300_000);
});
