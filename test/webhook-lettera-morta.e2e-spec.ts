import { preparaAd5 } from './support/appalti.js';
import { RicevitoreWebhook } from './support/ricevitore-webhook.js';
import { eventually, servizioDellaSuite, startTestService } from './support/service.js';

/**
 * The dead letter: a receiver that never answers makes each delivery SCARTATA once
 * WEBHOOK_DEAD_LETTER_MS has passed since it was queued, with every attempt in the log; the queue
 * is not blocked for ever, and later events are delivered once the receiver is up.
 */
describe('webhooks: dead letter after WEBHOOK_DEAD_LETTER_MS', () => {
  const t = servizioDellaSuite(() => startTestService({ WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_RETRY_MAX_MS: '200', WEBHOOK_TICK_MS: '50', WEBHOOK_IMMEDIATE_ATTEMPTS: '2', WEBHOOK_DEAD_LETTER_MS: '1500' }));
  const admin = t.as('luca.conti');
  const buyer = t.as('francesca.bianchi');
  let ricevitore: RicevitoreWebhook;

  beforeAll(async () => {
    ricevitore = await RicevitoreWebhook.giu();
  });
  afterAll(async () => {
    await ricevitore?.chiudi();
  });

  it('gives a failing delivery up after the configured time, logs every attempt, and delivers what comes later', async () => {
    const s = await admin.request('POST', '/webhook/sottoscrizioni', { url: ricevitore.url, segreto: 'segreto-della-lettera-morta', eventi: ['AppaltoCreato', 'AppaltoInviato'] });
    expect(s.status).toBe(201);
    const id = s.body.id as string;
    const primo = await preparaAd5(buyer);
    const log = await eventually(async () => {
      const l = (await admin.request('GET', `/webhook/sottoscrizioni/${id}/consegne?stato=SCARTATA`)).body;
      return l.consegne.length === 1 ? l : undefined;
    }, 30_000, 'the delivery dead-lettered');
    const [scartata] = log.consegne;
    expect(scartata).toMatchObject({ tipo: 'AppaltoCreato', appaltoId: primo, stato: 'SCARTATA', ultimoErrore: expect.stringMatching(/ECONNREFUSED/) });
    expect(scartata.tentativi.length).toBeGreaterThanOrEqual(2);
    expect(scartata.tentativi.every((x: { esito: string; statoHttp: number | null }) => x.esito === 'ERRORE' && x.statoHttp === null)).toBe(true);
    expect(Date.parse(scartata.conclusaIl) - Date.parse(scartata.creataIl)).toBeGreaterThanOrEqual(1500);
    // Operators see it in /metrics: one dead letter, failed attempts, nothing pending.
    const metriche = (await t.request('GET', '/metrics')).text;
    expect(metriche).toMatch(/webhook_deliveries\{state="dead_letter"\} 1\b/);
    expect(metriche).toMatch(/webhook_deliveries\{state="pending"\} 0\b/);
    expect(Number(/webhook_delivery_attempts_total\{outcome="error"\} (\d+)/.exec(metriche)?.[1])).toBeGreaterThanOrEqual(2);

    // Up again: the same appalto's next event is not held behind the dead letter, nor is another appalto's.
    await ricevitore.su();
    expect((await buyer.request('POST', `/appalti/${primo}/conferma`)).status).toBe(202);
    const secondo = await preparaAd5(buyer);
    await eventually(async () => {
      const visti = new Set(ricevitore.ricevute.map((r) => `${r.json.appaltoId}:${r.json.tipo}`));
      return visti.has(`${primo}:AppaltoInviato`) && visti.has(`${secondo}:AppaltoCreato`) ? true : undefined;
    }, 30_000, 'later events delivered');
    expect(ricevitore.ricevute.some((r) => r.json.appaltoId === primo && r.json.tipo === 'AppaltoCreato')).toBe(false);
    // The receiver may have the body before the worker records the delivery: wait for the log.
    const consegnate = await eventually(async () => {
      const c = (await admin.request('GET', `/webhook/sottoscrizioni/${id}/consegne?stato=CONSEGNATA`)).body.consegne;
      return c.length >= 2 ? c : undefined;
    }, 30_000, 'deliveries recorded');
    expect(consegnate.map((c: { tipo: string; appaltoId: string }) => `${c.appaltoId === primo ? 'primo' : 'secondo'}:${c.tipo}`).sort()).toEqual(['primo:AppaltoInviato', 'secondo:AppaltoCreato']);
  });
});
