import type { RunningSimulator } from '../apps/anac-sim/src/simulator.js';
import { preparaAd5 } from './support/appalti.js';
import { preparaIstanze, type Istanze } from './support/istanze.js';
import { assertBuilt } from './support/process.js';
import { eventually, type UserClient } from './support/service.js';
import type { TestDatabase } from './support/test-database.js';

/**
 * Two compiled service processes on one database and one ANAC simulator. The instance holding an
 * ANAC practice is killed with SIGKILL while its conferma-appalto is at ANAC (sent, answer not
 * yet back): the other instance takes the practice within ANAC_PRACTICE_LEASE_MS (default 10 s,
 * never more than 15 s), reconciles with ANAC and the appalto ends CONF with one conferma at ANAC.
 */
describe('two instances, one killed while it holds a practice', () => {
  beforeAll(() => assertBuilt());
  let istanze: Istanze;
  let db: TestDatabase;
  let sim: RunningSimulator;

  beforeAll(async () => {
    istanze = await preparaIstanze('due-istanze', { timings: { confermaMs: 0, confermaPolls: 1 } });
    ({ db, sim } = istanze);
  });
  afterAll(async () => {
    await istanze?.chiudi();
  });

  const avvia = (env: Record<string, string> = {}) =>
    istanze.avvia({
      SUBSCRIPTION_POLL_MS: '20', ANAC_WORKER_TICK_MS: '50',
      ANAC_POLL_INITIAL_MS: '50', ANAC_POLL_MAX_MS: '300', ANAC_RETRY_BASE_MS: '50', ANAC_RETRY_MAX_MS: '500', ANAC_TIMEOUT_MS: '30000', ...env,
    });
  const cliente = (url: string): Promise<UserClient> => istanze.cliente(url, 'francesca.bianchi');
  const pratica = async (id: string) => (await db.pool.query(`SELECT * FROM anac_pratiche WHERE appalto_id = $1 AND operazione = 'CONFERMA'`, [id])).rows[0];

  it('SIGKILL after the conferma was sent and before its answer: the survivor takes the practice within 15 s; CONF, one conferma at ANAC', async () => {
    const a = await avvia();
    const b = await avvia();
    const buyer = await cliente(a.url);
    const id = await preparaAd5(buyer);
    sim.admin.clearCalls();
    // ANAC holds the conferma's answer for 6 s: the holder dies while waiting for it.
    sim.admin.latency({ ms: 6_000, operations: ['conferma-appalto'], calls: 1 });
    expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    const inVolo = await eventually(async () => {
      const p = await pratica(id);
      return p?.passo === 'CONFERMA' && p.in_volo && p.lease_di ? p : undefined;
    }, 30_000, 'conferma in flight');
    const titolare = [a, b].find((s) => String(inVolo.lease_di).startsWith(`${s.proc.child.pid}-`))!;
    const superstite = titolare === a ? b : a;
    titolare.proc.child.kill('SIGKILL');
    await titolare.proc.exited();
    const ucciso = Date.now();

    await eventually(async () => {
      const p = await pratica(id);
      return String(p?.lease_di ?? '').startsWith(`${superstite.proc.child.pid}-`) || p?.stato === 'COMPLETATA' ? true : undefined;
    }, 20_000, 'the survivor took the practice');
    expect(Date.now() - ucciso).toBeLessThan(15_000);

    const dopo = await cliente(superstite.url);
    await eventually(async () => {
      const x = (await dopo.request('GET', `/appalti/${id}`)).body;
      return x.stato === 'CONF' && !x.operazioneInCorso ? x : undefined;
    }, 30_000, 'CONF');
    const accettate = sim.admin.calls().filter((c) => c.operation === 'conferma-appalto' && typeof c.status === 'number' && c.status < 300);
    expect(accettate).toHaveLength(1);
    const riconciliazioni = await db.pool.query(`SELECT 1 FROM es_events WHERE stream_id = $1 AND event_type = 'RiconciliazioneAnacAvviata'`, [`pratica-anac-${id}`]);
    expect(riconciliazioni.rowCount).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
