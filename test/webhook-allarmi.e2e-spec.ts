import { ManualClock } from '#platform';
import { preparaAperta } from './support/appalti.js';
import { RicevitoreWebhook } from './support/ricevitore-webhook.js';
import { CDC, ENV_REGIMI, GIORNO_MS, must, RUP } from './support/regimi.js';
import { eventually, servizioDellaSuite, startTestService } from './support/service.js';

const SEGRETO = 'segreto-del-modulo-scadenze-e-allarmi';
const EVENTI = ['SogliaAttesaAnacSuperata', 'AppaltoInAttesaPubblicazione', 'AppaltoPubblicato', 'CarnetRilasciato', 'CarnetScaduto', 'RendicontazioneScaduta'];

/**
 * The events no user action causes, delivered by webhooks on a fake business clock: a carnet's
 * expiry and reporting deadline, and a wait for ANAC past ANAC_ATTESA_ALLARME (once per wait).
 */
describe('webhooks: deadlines and waits past the alarm threshold', () => {
  const t = servizioDellaSuite(() => startTestService({ ...ENV_REGIMI, ANAC_ATTESA_ALLARME: '90m', WEBHOOK_TICK_MS: '50', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_RETRY_MAX_MS: '300' }, { clock }));
  const admin = t.as('luca.conti');
  const buyer = t.as('francesca.bianchi');
  let ricevitore: RicevitoreWebhook;
  const clock = new ManualClock('2015-03-02T09:00:00.000Z');

  beforeAll(async () => {
    ricevitore = await RicevitoreWebhook.giu();
    await ricevitore.su();
    const s = await admin.request('POST', '/webhook/sottoscrizioni', { url: ricevitore.url, segreto: SEGRETO, eventi: EVENTI });
    expect(s.status).toBe(201);
  });
  afterEach(() => t.sim.admin.resetFaults());
  afterAll(async () => {
    await ricevitore?.chiudi();
  });

  const ricevuti = (tipo: string, filtro: (j: any) => boolean = () => true) => ricevitore.ricevute.filter((r) => r.json.tipo === tipo && filtro(r.json));
  const arriva = (tipo: string, filtro?: (j: any) => boolean) =>
    eventually(async () => (ricevuti(tipo, filtro).length > 0 ? ricevuti(tipo, filtro)[0] : undefined), 20_000, `webhook ${tipo}`);

  it('a carnet expiring and its reporting term passing reach the subscriber as CarnetScaduto and RendicontazioneScaduta', async () => {
    const { numero } = must(await buyer.request('POST', '/carnet', { centroDiCosto: CDC, rup: RUP }), 201, 'carnet');
    const flusso = `carnet-${numero.replace('/', '-')}`;
    const suo = (j: any) => j.dati?.numero === numero || j.flusso === flusso;
    await arriva('CarnetRilasciato', suo);
    expect(ricevuti('CarnetScaduto', suo)).toEqual([]);
    clock.advance(90 * GIORNO_MS);
    const scaduto = await arriva('CarnetScaduto', suo);
    clock.advance(30 * GIORNO_MS);
    const rendicontazione = await arriva('RendicontazioneScaduta', suo);
    expect([(scaduto.json as any).flusso, (rendicontazione.json as any).flusso]).toEqual([flusso, flusso]);
    expect(scaduto.json.ufficio).toBe('UFF-TOSCANA-GARE');
    // Effective when they fell due, on the business clock.
    expect(new Date((scaduto.json as any).effettivoIl).getTime()).toBeLessThan(new Date((rendicontazione.json as any).effettivoIl).getTime());
  });

  it('a publication waiting at ANAC past 90 minutes is delivered once as SogliaAttesaAnacSuperata, before the outcome, in the appalto\'s order', async () => {
    clock.set('2024-03-04T09:00:00.000Z');
    const id = await preparaAperta(buyer, 1);
    await buyer.request('POST', `/appalti/${id}/conferma`);
    await eventually(async () => {
      const a = (await buyer.request('GET', `/appalti/${id}`)).body;
      return a.stato === 'CONF' && !a.operazioneInCorso ? a : undefined;
    }, 30_000, 'CONF');
    t.sim.admin.longWait({ tipoOperazione: 'AV_PUBB', ms: 3_600_000 });
    expect((await buyer.request('POST', `/appalti/${id}/pubblica`)).status).toBe(202);
    await eventually(async () => ((await buyer.request('GET', `/appalti/${id}`)).body.operazioneInCorso?.inAttesaAnacDal ? true : undefined), 30_000, 'awaited at ANAC');
    // Below the threshold: polled many times, nothing delivered.
    clock.advance(60 * 60_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(ricevuti('SogliaAttesaAnacSuperata', (j) => j.appaltoId === id)).toEqual([]);

    clock.advance(40 * 60_000);
    const allarme = await arriva('SogliaAttesaAnacSuperata', (j) => j.appaltoId === id);
    expect(allarme.json).toMatchObject({ appaltoId: id, ufficio: 'UFF-TOSCANA-GARE', flusso: `pratica-anac-${id}` });
    expect((allarme.json as any).dati).toMatchObject({ appaltoId: id, operazione: 'PUBBLICAZIONE', passo: 'ESITO_PUBBLICAZIONE', sogliaMinuti: 90, minuti: 100 });

    // The practice keeps polling past the threshold: still one event for this wait.
    clock.advance(30 * 60_000);
    await new Promise((r) => setTimeout(r, 1_500));
    const { rows } = await t.db.pool.query('SELECT event_id FROM es_events WHERE stream_id = $1 AND event_type = $2', [`pratica-anac-${id}`, 'SogliaAttesaAnacSuperata']);
    expect(rows).toHaveLength(1);
    expect(new Set(ricevuti('SogliaAttesaAnacSuperata', (j) => j.appaltoId === id).map((r) => r.json.id))).toEqual(new Set([rows[0].event_id]));

    t.sim.admin.endWaits();
    await arriva('AppaltoPubblicato', (j) => j.appaltoId === id);
    const ordine = ricevitore.ricevute.filter((r) => r.json.appaltoId === id).map((r) => r.json.tipo);
    expect(ordine.filter((tipo, i) => ordine.indexOf(tipo) === i)).toEqual(['AppaltoInAttesaPubblicazione', 'SogliaAttesaAnacSuperata', 'AppaltoPubblicato']);
  });
});
