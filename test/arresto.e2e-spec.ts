import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { CDC, lottoAd5, RUP } from './support/appalti.js';
import { assertBuilt, inAscolto, portaLibera, runService, type ServiceProcess } from './support/process.js';
import { eventually, send, tokenDiSviluppo } from './support/service.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const ENTRO_MS = 10_000;

/**
 * SIGTERM stops the compiled service within 10 s in every state: starting, running, with its
 * database gone, in the middle of a request, with its ANAC workers waiting for an answer.
 */
describe('stopping the service with SIGTERM', () => {
  let db: TestDatabase;
  let cartella: string;
  beforeAll(async () => {
    assertBuilt();
    db = await createTestDatabase(2);
    cartella = mkdtempSync(join(tmpdir(), 'cig-arresto-'));
    chmodSync(cartella, 0o755);
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(cartella, { recursive: true, force: true });
  });

  /** Milliseconds from SIGTERM to the exit, and the exit code. */
  async function termina(servizio: ServiceProcess): Promise<{ ms: number; codice: number | null }> {
    const inizio = Date.now();
    servizio.child.kill('SIGTERM');
    const codice = await Promise.race([servizio.exited(), new Promise<'vivo'>((r) => setTimeout(() => r('vivo'), ENTRO_MS + 5_000))]);
    if (codice === 'vivo') {
      servizio.child.kill('SIGKILL');
      throw new Error(`still alive ${ENTRO_MS + 5_000} ms after SIGTERM; output:\n${servizio.output()}`);
    }
    return { ms: Date.now() - inizio, codice };
  }
  const avvia = async (env: Record<string, string>) => {
    const servizio = runService({ DATA_DIR: cartella, PORT: '0', ...env });
    const base = await inAscolto(servizio, 90_000);
    return { servizio, base };
  };
  const bearer = async () => `Bearer ${await tokenDiSviluppo(cartella, 'francesca.bianchi')}`;
  const bozza = { scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP, datiGara: { oggetto: 'Cancelleria', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' } };

  it('while starting (waiting for its database)', async () => {
    const servizio = runService({ DATA_DIR: cartella, PORT: '0', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/cig', DATABASE_CONNECT_TIMEOUT_MS: '60000', ANAC_PCP_URL: 'http://127.0.0.1:1' });
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await termina(servizio)).ms).toBeLessThan(ENTRO_MS);
  });

  it('while running: a clean stop, exit 0', async () => {
    const { servizio } = await avvia({ DATABASE_URL: db.url });
    expect(await termina(servizio)).toEqual({ ms: expect.any(Number), codice: 0 });
  }, 120_000);

  it('after losing its (embedded) database', async () => {
    const dati = join(cartella, 'embedded');
    const { servizio, base } = await avvia({ DATA_DIR: dati, EMBEDDED_PG_PORT: String(await portaLibera()) });
    const postmaster = Number(readFileSync(join(dati, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');
    await eventually(async () => ((await send(base, 'GET', '/ready')).status === 503 ? true : undefined), 30_000, '/ready 503');
    await new Promise((r) => setTimeout(r, 2_000)); // workers and consumers retrying
    expect((await termina(servizio)).ms).toBeLessThan(ENTRO_MS);
  }, 120_000);

  it('in the middle of a request, with workers blocked on a table lock', async () => {
    const { servizio, base } = await avvia({ DATABASE_URL: db.url, REQUEST_TIMEOUT_MS: '60000' });
    const auth = { authorization: await bearer() };
    const blocco = new pg.Client({ connectionString: db.url });
    await blocco.connect();
    try {
      await blocco.query('BEGIN');
      await blocco.query('LOCK TABLE es_events IN ACCESS EXCLUSIVE MODE');
      const inCorso = send(base, 'POST', '/appalti', bozza, auth).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 1_500));
      expect((await termina(servizio)).ms).toBeLessThan(ENTRO_MS);
      await inCorso;
    } finally {
      await blocco.query('ROLLBACK').catch(() => undefined);
      await blocco.end();
    }
  }, 120_000);

  it('with a client waiting on a blocking read: answered at once with the view as it is, exit 0', async () => {
    const { servizio, base } = await avvia({ DATABASE_URL: db.url, REQUEST_TIMEOUT_MS: '60000' });
    const auth = { authorization: await bearer() };
    const creato = await send(base, 'POST', '/appalti', bozza, auth);
    expect(creato.status).toBe(201);
    const id = creato.body.id as string;
    const { revisione } = (await send(base, 'GET', `/appalti/${id}`, undefined, auth)).body;
    const inizio = Date.now();
    const lettura = send(base, 'GET', `/appalti/${id}?dopoRevisione=${revisione}&attesa=25`, undefined, auth);
    await new Promise((r) => setTimeout(r, 500));
    expect(await termina(servizio)).toEqual({ ms: expect.any(Number), codice: 0 });
    const risposta = await lettura;
    expect(risposta.status).toBe(200);
    expect(risposta.body.revisione).toBe(revisione);
    expect(Date.now() - inizio).toBeLessThan(ENTRO_MS);
  }, 120_000);

  it('with an ANAC worker waiting for an answer that does not come', async () => {
    const connessioni: Socket[] = [];
    const anac: Server = createServer((s) => void connessioni.push(s)); // accepts and never answers
    await new Promise<void>((r) => anac.listen(0, '127.0.0.1', r));
    const porta = (anac.address() as { port: number }).port;
    try {
      const { servizio, base } = await avvia({ DATABASE_URL: db.url, ANAC_PCP_URL: `http://127.0.0.1:${porta}`, ANAC_TIMEOUT_MS: '60000', ANAC_WORKER_TICK_MS: '50' });
      const auth = { authorization: await bearer() };
      const creato = await send(base, 'POST', '/appalti', bozza, auth);
      expect(creato.status).toBe(201);
      const id = creato.body.id as string;
      expect((await send(base, 'PUT', `/appalti/${id}/classificazione`, { cpv: [{ codice: '30192000-1', principale: true }] }, auth)).status).toBe(200);
      expect((await send(base, 'POST', `/appalti/${id}/lotti`, lottoAd5(), auth)).status).toBe(201);
      expect((await send(base, 'POST', `/appalti/${id}/conferma`, undefined, auth)).status).toBe(202);
      await eventually(async () => (connessioni.length > 0 ? true : undefined), 30_000, 'a call to ANAC under way');
      expect((await termina(servizio)).ms).toBeLessThan(ENTRO_MS);
    } finally {
      for (const s of connessioni) s.destroy();
      anac.close();
    }
  }, 120_000);
});
