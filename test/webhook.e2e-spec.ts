import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConsumerRegistry } from '../apps/cig-service/src/infrastructure/consumer-registry.js';
import { preparaAd5, preparaAperta, lottoAd5, RUP } from './support/appalti.js';
import { RicevitoreWebhook, type Ricevuta } from './support/ricevitore-webhook.js';
import { eventually, servizioDellaSuite, startTestService, type UserClient } from './support/service.js';

const SEGRETO_A = 'segreto-ufficio-gare-per-il-modulo-gare';
const SEGRETO_B = 'segreto-ufficio-amministrazione-1234';
const EVENTI = ['AppaltoCreato', 'AppaltoInviato', 'CigRichiesto', 'AppaltoConfermato', 'AppaltoInAttesaPubblicazione', 'AppaltoPubblicato', 'CigAssegnato', 'CigPerfezionato'];

/** The receiver's check, as the README shows it: HMAC-SHA256 of "<timestamp>.<body>", constant-time compare. */
function firmaValida(r: Ricevuta, segreto: string): boolean {
  const atteso = Buffer.from(`sha256=${createHmac('sha256', segreto).update(`${r.headers['x-cigledger-timestamp']}.${r.corpo}`).digest('hex')}`);
  const dato = Buffer.from(String(r.headers['x-cigledger-signature']));
  return atteso.length === dato.length && timingSafeEqual(atteso, dato);
}

/**
 * Webhooks end to end: the service and the ANAC simulator, a local receiver down for a while and
 * then up, a second office's subscription. Nothing lost, order per appalto kept, redeliveries
 * marked, signatures checkable, each office only its own events.
 */
describe('webhooks: signed events out, at least once, in order per appalto', () => {
  const t = servizioDellaSuite(() =>
    startTestService({
      WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_RETRY_MAX_MS: '300', WEBHOOK_TICK_MS: '50', WEBHOOK_IMMEDIATE_ATTEMPTS: '2', WEBHOOK_TIMEOUT_MS: '3000', WEBHOOK_DEAD_LETTER_MS: '600000',
    }),
  );
  const admin = t.as('luca.conti');
  const buyer = t.as('francesca.bianchi');
  const altro = t.as('giulia.mancini');
  let ricevitoreA: RicevitoreWebhook;
  let ricevitoreB: RicevitoreWebhook;
  let idA: string;
  let idB: string;
  let appaltiA: string[];
  let appaltoB: string;

  beforeAll(async () => {
    ricevitoreA = await RicevitoreWebhook.giu();
    ricevitoreB = await RicevitoreWebhook.giu();
    await ricevitoreB.su();
  });
  afterAll(async () => {
    await ricevitoreA?.chiudi();
    await ricevitoreB?.chiudi();
  });

  const appalto = (client: UserClient, id: string) => client.request('GET', `/appalti/${id}`).then((r) => r.body);
  const finoA = (client: UserClient, id: string, stato: string) =>
    eventually(async () => {
      const a = await appalto(client, id);
      return a.stato === stato && !a.operazioneInCorso ? a : undefined;
    }, 30_000, `appalto ${id} in ${stato}`);

  /** The events of these appalti (and of their CIGs) a subscription to EVENTI must receive, in log order. */
  async function attesi(appalti: string[], client: UserClient): Promise<Array<{ id: string; tipo: string; appaltoId: string }>> {
    // Some of them are appended by consumers after the appalto's own event (the CIG registrar's
    // CigPerfezionato after AppaltoPubblicato): read the log once the CIG registrar has read it all.
    const testa = await t.service.runtime.eventStore.headPosition();
    if (testa) expect(await t.service.app.get(ConsumerRegistry).waitForAll(testa, 20_000, ['registro-cig'])).toBe(true);
    const flussi = new Map<string, string>();
    for (const id of appalti) {
      flussi.set(`appalto-${id}`, id);
      for (const l of (await appalto(client, id)).lotti) flussi.set(`cig-${l.cig}`, id);
    }
    const { rows } = await t.db.pool.query<{ event_id: string; event_type: string; stream_id: string }>(
      'SELECT event_id, event_type, stream_id FROM es_events WHERE stream_id = ANY($1) AND event_type = ANY($2) ORDER BY transaction_id, global_position',
      [[...flussi.keys()], EVENTI],
    );
    return rows.map((r) => ({ id: r.event_id, tipo: r.event_type, appaltoId: flussi.get(r.stream_id)! }));
  }

  it('refuses bad subscriptions in Italian naming the field, and only administrators may subscribe', async () => {
    const senzaUrl = await admin.request('POST', '/webhook/sottoscrizioni', { segreto: SEGRETO_A, eventi: EVENTI });
    expect(senzaUrl.status).toBe(400);
    expect(senzaUrl.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(senzaUrl.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ campo: 'url', messaggio: expect.stringMatching(/obbligatorio/) })]));
    const ftp = await admin.request('POST', '/webhook/sottoscrizioni', { url: 'ftp://127.0.0.1/x', segreto: SEGRETO_A, eventi: EVENTI });
    expect([ftp.status, ftp.body.errors.map((e: { campo: string }) => e.campo)]).toEqual([400, ['url']]);
    const evento = await admin.request('POST', '/webhook/sottoscrizioni', { url: ricevitoreA.url, segreto: SEGRETO_A, eventi: ['CigInventato'] });
    expect(evento.status).toBe(400);
    expect(evento.body.errors[0].campo).toMatch(/^eventi/);
    const ufficio = await admin.request('POST', '/webhook/sottoscrizioni', { url: ricevitoreA.url, segreto: SEGRETO_A, eventi: EVENTI, ufficio: 'UFF-INESISTENTE' });
    expect([ufficio.status, ufficio.body.errors?.[0]?.campo]).toEqual([400, 'ufficio']);
    const buyerProva = await buyer.request('POST', '/webhook/sottoscrizioni', { url: ricevitoreA.url, segreto: SEGRETO_A, eventi: EVENTI });
    expect(buyerProva.status).toBe(403);
    expect((await admin.request('GET', '/webhook/sottoscrizioni')).body).toEqual([]);
  });

  it('registers one subscription per office; the secret is never returned', async () => {
    const a = await admin.request('POST', '/webhook/sottoscrizioni', { url: ricevitoreA.url, segreto: SEGRETO_A, eventi: EVENTI, ufficio: 'UFF-TOSCANA-GARE', descrizione: 'Modulo gare' });
    expect(a.status).toBe(201);
    const b = await admin.request('POST', '/webhook/sottoscrizioni', { url: ricevitoreB.url, segreto: SEGRETO_B, eventi: EVENTI, ufficio: 'UFF-TOSCANA-AMM' });
    expect(b.status).toBe(201);
    idA = a.body.id;
    idB = b.body.id;
    const elenco = await admin.request('GET', '/webhook/sottoscrizioni');
    expect(elenco.body.map((s: { id: string; ufficio: string }) => [s.id, s.ufficio]).sort()).toEqual([[idA, 'UFF-TOSCANA-GARE'], [idB, 'UFF-TOSCANA-AMM']].sort());
    expect(a.text + b.text + elenco.text).not.toMatch(/segreto-ufficio/);
    expect(elenco.body[0]).not.toHaveProperty('segreto');
    // and it is stored encrypted, not as sent
    const { rows } = await t.db.pool.query<{ segreto: string }>('SELECT segreto FROM webhook_sottoscrizioni');
    expect(rows.map((r) => [r.segreto.startsWith('v1:'), r.segreto.includes('segreto-ufficio')])).toEqual([[true, false], [true, false]]);
  });

  it('while the receiver is down the deliveries wait and every failed attempt is logged; once up nothing is lost, order per appalto holds, redeliveries are marked', async () => {
    // Office A: an open procedure published (2 lots) and an AD5; office B: an AD5.
    const aperta = await preparaAperta(buyer, 2);
    const ad5 = await preparaAd5(buyer);
    appaltiA = [aperta, ad5];
    const creato = await altro.request('POST', '/appalti', {
      scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: 'CDC-TOSCANA-TECNOLOGIE', rup: RUP,
      datiGara: { oggetto: "Appalto dell'altro ufficio", settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' },
    });
    appaltoB = creato.body.id;
    await altro.request('PUT', `/appalti/${appaltoB}/classificazione`, { cpv: [{ codice: '30192000-1', principale: true }] });
    expect((await altro.request('POST', `/appalti/${appaltoB}/lotti`, lottoAd5())).status).toBe(201);
    for (const id of appaltiA) expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    expect((await altro.request('POST', `/appalti/${appaltoB}/conferma`)).status).toBe(202);
    await finoA(buyer, aperta, 'CONF');
    expect((await buyer.request('POST', `/appalti/${aperta}/pubblica`)).status).toBe(202);
    await finoA(buyer, aperta, 'PUBB');
    await finoA(buyer, ad5, 'CONF');
    await finoA(altro, appaltoB, 'CONF');

    // Down: attempts fail with connection refused and are logged; nothing is delivered.
    const fallite = await eventually(async () => {
      const log = (await admin.request('GET', `/webhook/sottoscrizioni/${idA}/consegne`)).body;
      const tentate = log.consegne.filter((c: { tentativi: unknown[] }) => c.tentativi.length >= 2);
      return tentate.length >= 1 ? log : undefined;
    }, 30_000, 'failed attempts in the delivery log');
    const tentativo = fallite.consegne.find((c: { tentativi: unknown[] }) => c.tentativi.length >= 2).tentativi[0];
    expect(tentativo).toMatchObject({ numero: 1, esito: 'ERRORE', statoHttp: null, errore: expect.stringMatching(/ECONNREFUSED/), latenzaMs: expect.any(Number) });
    expect(fallite.consegne.every((c: { stato: string }) => c.stato === 'IN_ATTESA')).toBe(true);

    // Up: the first request is received but answered 503 (so its retry is a duplicate), then 204.
    ricevitoreA.risposta = (n) => (n === 0 ? 503 : 204);
    await ricevitoreA.su();

    const previstiA = await attesi(appaltiA, buyer);
    const previstiB = await attesi([appaltoB], altro);
    expect(previstiA.length).toBeGreaterThanOrEqual(15);
    expect(previstiA.filter((e) => e.tipo === 'AppaltoPubblicato')).toHaveLength(1);
    expect(previstiA.filter((e) => e.tipo === 'CigAssegnato')).toHaveLength(3);
    await eventually(async () => {
      const ricevuti = new Set(ricevitoreA.ricevute.filter((r) => r.risposta === 204).map((r) => r.json.id));
      return previstiA.every((e) => ricevuti.has(e.id)) ? true : undefined;
    }, 60_000, 'every event of office A delivered');
    await eventually(async () => {
      const ricevuti = new Set(ricevitoreB.ricevute.map((r) => r.json.id));
      return previstiB.every((e) => ricevuti.has(e.id)) ? true : undefined;
    }, 30_000, 'every event of office B delivered');

    // Order per appalto: the first receipt of each event follows the log.
    for (const id of appaltiA) {
      const visti: string[] = [];
      for (const r of ricevitoreA.ricevute) if (r.json.appaltoId === id && !visti.includes(r.json.id)) visti.push(r.json.id);
      expect(visti).toEqual(previstiA.filter((e) => e.appaltoId === id).map((e) => e.id));
    }
    // Duplicates: each repeated event id comes again marked as a redelivery, with the same event id header.
    const primo = ricevitoreA.ricevute[0];
    expect(primo.risposta).toBe(503);
    const copie = ricevitoreA.ricevute.filter((r) => r.json.id === primo.json.id);
    expect(copie.length).toBeGreaterThanOrEqual(2);
    for (const r of ricevitoreA.ricevute) expect(r.headers['x-cigledger-event-id']).toBe(r.json.id);
    const perId = new Map<string, Ricevuta[]>();
    for (const r of ricevitoreA.ricevute) perId.set(r.json.id, [...(perId.get(r.json.id) ?? []), r]);
    for (const ricevute of perId.values()) for (const r of ricevute.slice(1)) expect(r.headers['x-cigledger-redelivery']).toBe('true');
    // Signatures: valid with the subscription's secret, detectably wrong with another one.
    expect(ricevitoreA.ricevute.every((r) => firmaValida(r, SEGRETO_A))).toBe(true);
    expect(ricevitoreA.ricevute.some((r) => firmaValida(r, SEGRETO_B))).toBe(false);
    expect(ricevitoreB.ricevute.every((r) => firmaValida(r, SEGRETO_B) && !firmaValida(r, SEGRETO_A))).toBe(true);

    // Each office only its own events.
    expect(ricevitoreA.ricevute.every((r) => r.json.ufficio === 'UFF-TOSCANA-GARE' && appaltiA.includes(r.json.appaltoId!))).toBe(true);
    expect(ricevitoreB.ricevute.every((r) => r.json.ufficio === 'UFF-TOSCANA-AMM' && r.json.appaltoId === appaltoB)).toBe(true);
    expect(ricevitoreB.ricevute.length).toBeGreaterThanOrEqual(previstiB.length);

    // The delivery log: every delivery done, the 503 recorded.
    const log = await eventually(async () => {
      const l = (await admin.request('GET', `/webhook/sottoscrizioni/${idA}/consegne?limite=500`)).body;
      return l.consegne.every((c: { stato: string }) => c.stato === 'CONSEGNATA') ? l : undefined;
    }, 20_000, 'every delivery done');
    expect(log.consegne).toHaveLength(previstiA.length);
    const conRifiuto = log.consegne.find((c: { eventoId: string }) => c.eventoId === primo.json.id);
    expect(conRifiuto.tentativi.map((x: { statoHttp: number | null }) => x.statoHttp)).toEqual(expect.arrayContaining([503, 204]));
  }, 180_000);

  it('replays from a position: the later events come again, in order, marked as redeliveries', async () => {
    const previstiA = await attesi(appaltiA, buyer);
    const dalTerzo = previstiA[2]!;
    const posizione = ricevitoreA.ricevute.find((r) => r.json.id === dalTerzo.id)!.json.posizione;
    const prima = ricevitoreA.ricevute.length;
    const cattiva = await admin.request('POST', `/webhook/sottoscrizioni/${idA}/riproduci`, { dallaPosizione: 'non-una-posizione' });
    expect([cattiva.status, cattiva.body.errors?.[0]?.campo]).toEqual([400, 'dallaPosizione']);
    const senza = await admin.request('POST', `/webhook/sottoscrizioni/${idA}/riproduci`, {});
    expect([senza.status, senza.body.errors?.[0]?.campo, senza.body.errors?.[0]?.messaggio]).toEqual([400, 'dallaPosizione', expect.stringMatching(/obbligatorio/)]);
    const replay = await admin.request('POST', `/webhook/sottoscrizioni/${idA}/riproduci`, { dallaPosizione: posizione });
    expect(replay.status).toBe(202);
    const dopo = previstiA.slice(3);
    expect(replay.body.accodate).toBe(dopo.length);
    const ripetute = await eventually(async () => {
      const r = ricevitoreA.ricevute.slice(prima);
      // At least once: a delivery may come twice (both marked); wait for every distinct event.
      return new Set(r.map((x) => x.json.id)).size >= dopo.length ? r : undefined;
    }, 30_000, 'replayed events');
    expect(ripetute.every((r) => r.headers['x-cigledger-redelivery'] === 'true' && firmaValida(r, SEGRETO_A))).toBe(true);
    for (const id of appaltiA) {
      expect([...new Set(ripetute.filter((r) => r.json.appaltoId === id).map((r) => r.json.id))]).toEqual(dopo.filter((e) => e.appaltoId === id).map((e) => e.id));
    }
    expect(ricevitoreB.ricevute.some((r) => appaltiA.includes(r.json.appaltoId!))).toBe(false);
  });

  it('deleting a subscription keeps its log; unknown ids are 404', async () => {
    const via = await admin.request('DELETE', `/webhook/sottoscrizioni/${idB}`);
    expect([via.status, via.body.attiva]).toEqual([200, false]);
    expect((await admin.request('GET', `/webhook/sottoscrizioni/${idB}/consegne`)).body.consegne.length).toBeGreaterThan(0);
    expect((await admin.request('GET', '/webhook/sottoscrizioni/00000000-0000-4000-8000-000000000000/consegne')).status).toBe(404);
    expect((await admin.request('DELETE', '/webhook/sottoscrizioni/non-un-id')).status).toBe(404);
  });
});
