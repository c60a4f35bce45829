import type { RunningSimulator } from '../apps/anac-sim/src/simulator.js';
import { preparaAd5 } from './support/appalti.js';
import { preparaIstanze, type Istanze } from './support/istanze.js';
import { assertBuilt } from './support/process.js';
import { RicevitoreWebhook } from './support/ricevitore-webhook.js';
import { eventually, SENZA_LIMITE_RICHIESTE, type UserClient } from './support/service.js';
import type { TestDatabase } from './support/test-database.js';

const EVENTI = ['AppaltoCreato', 'AppaltoInviato', 'CigRichiesto', 'AppaltoConfermato', 'CigAssegnato', 'CigPerfezionato'];

/**
 * Two compiled service processes on one database deliver webhooks: one sends (it holds the
 * delivery lock), the other waits. The sender is killed (SIGKILL) in the middle of a stream of
 * deliveries to a slow receiver; the other takes over. The receiver gets every event, each
 * appalto's in log order; what it gets twice carries the same event id.
 */
describe('webhooks with two instances: the delivering one killed mid-stream', () => {
  beforeAll(() => assertBuilt());
  let istanze: Istanze;
  let db: TestDatabase;
  let ricevitore: RicevitoreWebhook;

  beforeAll(async () => {
    istanze = await preparaIstanze('webhook-due-istanze', { timings: { confermaMs: 0, confermaPolls: 1 } });
    ({ db } = istanze);
    ricevitore = await RicevitoreWebhook.giu();
  });
  afterAll(async () => {
    await istanze?.chiudi();
    await ricevitore?.chiudi();
  });

  const avvia = () =>
    istanze.avvia({
      SUBSCRIPTION_POLL_MS: '20', ANAC_WORKER_TICK_MS: '50',
      ANAC_POLL_INITIAL_MS: '50', ANAC_POLL_MAX_MS: '200', WEBHOOK_TICK_MS: '50', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_RETRY_MAX_MS: '300', WEBHOOK_TIMEOUT_MS: '5000',
      ...SENZA_LIMITE_RICHIESTE,
    });
  const cliente = (url: string, utente: string): Promise<UserClient> => istanze.cliente(url, utente);

  it('the other instance takes the deliveries over: every event received, in order per appalto, repeats with the same id', async () => {
    const a = await avvia();
    const admin = await cliente(a.url, 'luca.conti');
    const buyer = await cliente(a.url, 'francesca.bianchi');
    expect((await admin.request('POST', '/webhook/sottoscrizioni', { url: ricevitore.url, segreto: 'segreto-per-due-istanze-1234', eventi: EVENTI })).status).toBe(201);

    // The receiver is down while the events are produced: a backlog waits in the outbox.
    const appalti: string[] = [];
    for (let i = 0; i < 4; i++) appalti.push(await preparaAd5(buyer));
    for (const id of appalti) expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    for (const id of appalti) {
      await eventually(async () => {
        const x = (await buyer.request('GET', `/appalti/${id}`)).body;
        return x.stato === 'CONF' && !x.operazioneInCorso ? x : undefined;
      }, 30_000, `appalto ${id} CONF`);
    }
    // Every kind of event for every appalto (one lot each): the flow's last events (the CIG's) may
    // still be on their way when the appalto reads CONF.
    const rows = await eventually(async () => {
      const letti = await db.pool.query<{ event_id: string; event_type: string; stream_id: string; data: { appaltoId?: string } }>(
        "SELECT event_id, event_type, stream_id, data FROM es_events WHERE (stream_id LIKE 'appalto-%' OR stream_id LIKE 'cig-%') AND event_type = ANY($1) ORDER BY transaction_id, global_position",
        [EVENTI],
      );
      return new Set(letti.rows.map((r) => r.event_type)).size === EVENTI.length && letti.rows.length >= EVENTI.length * appalti.length ? letti.rows : undefined;
    }, 30_000, 'every event of the flow recorded');
    // A CIG's events belong to the appalto its assignment names.
    const appaltoDi = new Map<string, string>();
    for (const r of rows) {
      if (r.stream_id.startsWith('appalto-')) appaltoDi.set(r.stream_id, r.stream_id.slice('appalto-'.length));
      else if (r.data.appaltoId) appaltoDi.set(r.stream_id, r.data.appaltoId);
    }
    const attesi = rows.map((r) => ({ id: r.event_id, appaltoId: appaltoDi.get(r.stream_id)! }));
    expect(new Set(attesi.map((e) => e.appaltoId))).toEqual(new Set(appalti));
    expect(attesi.length).toBeGreaterThanOrEqual(20);

    // A is the only instance, so it holds the delivery lock; B starts and waits for it.
    const b = await avvia();
    ricevitore.ritardoMs = 150;
    await ricevitore.su();
    await eventually(async () => (ricevitore.ricevute.length >= 5 ? true : undefined), 30_000, 'deliveries started');
    a.proc.child.kill('SIGKILL');
    await a.proc.exited();
    const primaDellaMorte = new Set(ricevitore.ricevute.map((r) => r.json.id)).size;
    expect(primaDellaMorte).toBeLessThan(attesi.length);

    await eventually(async () => (attesi.every((e) => ricevitore.ricevute.some((r) => r.json.id === e.id)) ? true : undefined), 60_000, 'every event delivered by B');
    expect(b.proc.child.exitCode).toBeNull();

    // Order per appalto: first arrivals in the log's order.
    const primi: string[] = [];
    for (const r of ricevitore.ricevute) if (!primi.includes(r.json.id)) primi.push(r.json.id);
    for (const id of appalti) {
      expect(primi.filter((e) => attesi.some((x) => x.id === e && x.appaltoId === id))).toEqual(attesi.filter((x) => x.appaltoId === id).map((x) => x.id));
    }
    // A repeat is the same event (same id and body), so the app drops it; nothing else arrived.
    const perId = new Map<string, string[]>();
    for (const r of ricevitore.ricevute) perId.set(r.json.id, [...(perId.get(r.json.id) ?? []), r.corpo]);
    for (const corpi of perId.values()) expect(new Set(corpi).size).toBe(1);
    expect(new Set(perId.keys())).toEqual(new Set(attesi.map((e) => e.id)));
  }, 120_000);
});
