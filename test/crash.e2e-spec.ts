import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '#platform';
import type { RunningSimulator } from '../apps/anac-sim/src/simulator.js';
import { CDC, lottoAd5, RUP } from './support/appalti.js';
import { preparaBanco, type Banco } from './support/istanze.js';
import { assertBuilt, inAscolto, portaStabile, runService, type ServiceProcess } from './support/process.js';
import { avviaSimulatore, eventually, send, tokenDiSviluppo } from './support/service.js';

/**
 * What a crash must not do: lose an acknowledged command, apply one twice, or leave a read model
 * behind. The compiled service runs as a process and is killed with SIGKILL (no chance to clean
 * up) in the middle of a burst of commands and of a projection's catch-up; then PostgreSQL itself
 * is restarted under load.
 */
describe('crashes and restarts', () => {
  beforeAll(() => assertBuilt());

  interface Ambiente {
    readonly dataDir: string;
    readonly sim: RunningSimulator;
    readonly databaseUrl: string;
    readonly query: (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;
  }

  const avvia = async (a: Ambiente): Promise<{ proc: ServiceProcess; url: string }> => {
    const proc = runService({ DATABASE_URL: a.databaseUrl, ANAC_PCP_URL: a.sim.url, DATA_DIR: a.dataDir, PORT: '0', SUBSCRIPTION_POLL_MS: '20', ANAC_WORKER_TICK_MS: '20', DATABASE_CONNECT_TIMEOUT_MS: '30000' });
    return { proc, url: await inAscolto(proc, 60_000) };
  };
  const token = (dataDir: string) => tokenDiSviluppo(dataDir, 'francesca.bianchi');
  const bozza = (i: number) => ({ scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP, datiGara: { oggetto: `Crash ${i}`, settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' } });

  /** Clients creating appalti and lots until stopped; they keep what was acknowledged (2xx). */
  function carico(url: () => string, bearer: string, clienti: number) {
    const acks = { appalti: new Set<string>(), lotti: new Map<string, string>() };
    const stati = new Map<number, number>();
    let attivo = true;
    let i = 0;
    const lavori = Array.from({ length: clienti }, async () => {
      while (attivo) {
        const n = i++;
        try {
          const creato = await send(url(), 'POST', '/appalti', bozza(n), { authorization: `Bearer ${bearer}` });
          stati.set(creato.status, (stati.get(creato.status) ?? 0) + 1);
          if (creato.status !== 201) continue;
          acks.appalti.add(creato.body.id);
          const lotto = await send(url(), 'POST', `/appalti/${creato.body.id}/lotti`, lottoAd5(), { authorization: `Bearer ${bearer}` });
          stati.set(lotto.status, (stati.get(lotto.status) ?? 0) + 1);
          if (lotto.status === 201) acks.lotti.set(creato.body.id, lotto.body.lotIdentifier);
        } catch {
          await new Promise((r) => setTimeout(r, 20)); // connection refused or reset: the service is down
        }
      }
    });
    return { acks, stati, stop: async () => { attivo = false; await Promise.all(lavori); } };
  }

  /** Every acknowledged command is in the store exactly once. */
  async function verificaAcks(a: Ambiente, acks: { appalti: Set<string>; lotti: Map<string, string> }): Promise<void> {
    const creati = await a.query(`SELECT stream_id, count(*) AS n FROM es_events WHERE event_type = 'AppaltoCreato' AND stream_id = ANY($1) GROUP BY stream_id`, [[...acks.appalti].map((id) => `appalto-${id}`)]);
    expect(creati).toHaveLength(acks.appalti.size);
    expect(creati.every((r) => Number(r.n) === 1)).toBe(true);
    const lotti = await a.query(`SELECT stream_id, count(*) AS n FROM es_events WHERE event_type = 'LottoAggiunto' AND stream_id = ANY($1) GROUP BY stream_id`, [[...acks.lotti.keys()].map((id) => `appalto-${id}`)]);
    expect(lotti).toHaveLength(acks.lotti.size);
    expect(lotti.every((r) => Number(r.n) === 1)).toBe(true);
  }

  /** The listing converges to the events: one row per lot added. */
  async function listingConverge(a: Ambiente): Promise<void> {
    await eventually(async () => {
      const [{ attesi }] = await a.query(`SELECT count(*) AS attesi FROM es_events WHERE event_type = 'LottoAggiunto'`);
      const [{ righe }] = await a.query('SELECT count(*) AS righe FROM rm_cig_listing');
      return Number(attesi) === Number(righe) ? true : undefined;
    }, 60_000, 'listing caught up with the events');
  }

  describe('SIGKILL of the service', () => {
    let banco: Banco | undefined;
    let a: Ambiente;
    beforeAll(async () => {
      banco = await preparaBanco('crash', {}, 4);
      const { db, sim, dataDir } = banco;
      a = { dataDir, sim, databaseUrl: db.url, query: async (sql, params) => (await db.pool.query(sql, params)).rows };
    });
    afterAll(async () => {
      await banco?.chiudi();
    });

    it('during a burst of commands: every acknowledged one stored exactly once, read models converge', async () => {
      let servizio = await avvia(a);
      const bearer = await token(a.dataDir);
      const c = carico(() => servizio.url, bearer, 12);
      await eventually(async () => (c.acks.lotti.size >= 60 ? true : undefined), 30_000, 'a burst under way');
      servizio.proc.child.kill('SIGKILL');
      await servizio.proc.exited();
      await c.stop();
      servizio = await avvia(a);
      await verificaAcks(a, c.acks);
      await listingConverge(a);
      servizio.proc.child.kill('SIGTERM');
      expect(await servizio.proc.exited()).toBe(0);
    }, 120_000);

    it('during a projection catch-up: the read model converges without loss or double rows', async () => {
      await banco!.db.pool.query(`DELETE FROM rm_cig_listing; DELETE FROM rm_appalti; DELETE FROM es_checkpoints WHERE consumer = 'listing'`);
      const servizio = await avvia(a);
      servizio.proc.child.kill('SIGKILL');
      await servizio.proc.exited();
      const dopo = await avvia(a);
      await listingConverge(a);
      const [{ doppi }] = await a.query('SELECT count(*) - count(DISTINCT (appalto_id, lot_identifier)) AS doppi FROM rm_cig_listing');
      expect(Number(doppi)).toBe(0);
      dopo.proc.child.kill('SIGTERM');
      expect(await dopo.proc.exited()).toBe(0);
    }, 120_000);
  });

  describe('PostgreSQL restarted under load', () => {
    let pg: EmbeddedDatabase;
    let a: Ambiente;
    let dataDir: string;
    // Below the kernel's ephemeral range: while the server is down, no port-0 server or outgoing connection can take its port.
    let porta: number;
    const avviaPg = (cartella: string) => startEmbeddedDatabase({ dataDir: cartella, port: porta, database: 'cig_test_riavvio' });

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'cig-pg-riavvio-'));
      chmodSync(dataDir, 0o755);
      porta = await portaStabile();
      pg = await avviaPg(join(dataDir, 'pg'));
      const sim = await avviaSimulatore(dataDir);
      const { default: pgLib } = await import('pg');
      a = {
        dataDir,
        sim,
        databaseUrl: pg.url,
        query: async (sql, params) => {
          const client = new pgLib.Client({ connectionString: pg.url });
          await client.connect();
          try {
            return (await client.query(sql, params)).rows;
          } finally {
            await client.end();
          }
        },
      };
    });
    afterAll(async () => {
      await a?.sim.close();
      await pg?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('reports not ready while the database is down, recovers by itself, loses nothing acknowledged', async () => {
      const servizio = await avvia(a);
      const bearer = await token(a.dataDir);
      const c = carico(() => servizio.url, bearer, 6);
      await eventually(async () => (c.acks.appalti.size >= 20 ? true : undefined), 30_000, 'load under way');
      await pg.stop();
      await eventually(async () => ((await send(servizio.url, 'GET', '/ready')).status === 503 ? true : undefined), 20_000, '/ready 503');
      pg = await avviaPg(join(dataDir, 'pg'));
      await eventually(async () => ((await send(servizio.url, 'GET', '/ready')).status === 200 ? true : undefined), 60_000, '/ready 200 again');
      const primaDellaRipresa = c.acks.appalti.size;
      await eventually(async () => (c.acks.appalti.size >= primaDellaRipresa + 10 ? true : undefined), 60_000, 'commands accepted again');
      await c.stop();
      expect([...c.stati.keys()].filter((s) => s >= 500 && s !== 503)).toEqual([]);
      await verificaAcks(a, c.acks);
      await listingConverge(a);
      servizio.proc.child.kill('SIGTERM');
      await servizio.proc.exited();
    }, 180_000);
  });
});
