import { isCigValido } from '#anac';
import { preparaAd5 } from './support/appalti.js';
import { preparaIstanze, type Istanze } from './support/istanze.js';
import { assertBuilt } from './support/process.js';
import { startTestService, type TestService, type UserClient } from './support/service.js';

const datiGara = (oggetto: string) => ({ datiGara: { oggetto, settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' } });

/** Runs `richiesta` and says how long it took (ms). */
async function cronometra<T>(richiesta: Promise<T>): Promise<{ esito: T; ms: number }> {
  const prima = performance.now();
  const esito = await richiesta;
  return { esito, ms: performance.now() - prima };
}

/**
 * GET /appalti/:id?dopoRevisione=N&attesa=S: the detail answers as soon as the appalto has an event
 * past revision N (or after S seconds, with the view as it is), so that a client follows its request
 * to ANAC and back with one request per change instead of polling.
 */
describe('blocking read of an appalto (dopoRevisione, attesa)', () => {
  let t: TestService;
  let buyer: UserClient;
  beforeAll(async () => {
    t = await startTestService();
    buyer = t.as('francesca.bianchi');
  });
  afterAll(async () => {
    await t?.close();
  });

  const dettaglio = (client: UserClient, id: string, query = '') => client.request('GET', `/appalti/${id}${query}`);

  it('the view carries its revisione; a revision already passed is answered at once', async () => {
    const id = await preparaAd5(buyer);
    const vista = await dettaglio(buyer, id);
    expect(vista.status).toBe(200);
    expect(Number.isInteger(vista.body.revisione)).toBe(true);
    expect(vista.body.revisione).toBeGreaterThanOrEqual(2); // created, classified, a lot added
    const { esito, ms } = await cronometra(dettaglio(buyer, id, `?dopoRevisione=${vista.body.revisione - 1}&attesa=20`));
    expect(esito.status).toBe(200);
    expect(esito.body.revisione).toBe(vista.body.revisione);
    expect(ms).toBeLessThan(2_000);
  });

  it('with nothing new it answers with the view as it is once `attesa` runs out', async () => {
    const id = await preparaAd5(buyer);
    const { revisione } = (await dettaglio(buyer, id)).body;
    const { esito, ms } = await cronometra(dettaglio(buyer, id, `?dopoRevisione=${revisione}&attesa=1`));
    expect(esito.status).toBe(200);
    expect(esito.body.revisione).toBe(revisione);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(5_000);
  });

  it('answers as soon as another request changes the appalto, with the change in the view', async () => {
    const id = await preparaAd5(buyer);
    const { revisione } = (await dettaglio(buyer, id)).body;
    const attesa = cronometra(dettaglio(buyer, id, `?dopoRevisione=${revisione}&attesa=20`));
    await new Promise((r) => setTimeout(r, 200));
    expect((await buyer.request('PATCH', `/appalti/${id}`, datiGara('Fornitura di carta'))).status).toBe(200);
    const { esito, ms } = await attesa;
    expect(esito.status).toBe(200);
    expect(esito.body.revisione).toBe(revisione + 1);
    expect(esito.body.datiGara.oggetto).toBe('Fornitura di carta');
    expect(ms).toBeLessThan(5_000);
  });

  it('follows a conferma to ANAC and back to its CIG, one request per change', async () => {
    const id = await preparaAd5(buyer);
    const prima = (await dettaglio(buyer, id)).body;
    const inviata = await buyer.request('POST', `/appalti/${id}/conferma`);
    expect(inviata.status).toBe(202);
    // The conferma answers the revision it wrote (AppaltoInviato and CigRichiesto): the client
    // follows from there, reading nothing first.
    expect(inviata.body.revisione).toBe(prima.revisione + 2);
    let vista = { ...prima, revisione: inviata.body.revisione as number };
    let richieste = 0;
    const fine = Date.now() + 30_000;
    while (!(vista.stato === 'CONF' && isCigValido(vista.lotti[0].cig ?? '')) && Date.now() < fine) {
      const r = await dettaglio(buyer, id, `?dopoRevisione=${vista.revisione}&attesa=10`);
      expect(r.status).toBe(200);
      expect(r.body.revisione).toBeGreaterThanOrEqual(vista.revisione);
      vista = r.body;
      richieste++;
    }
    expect(vista.stato).toBe('CONF');
    expect(isCigValido(vista.lotti[0].cig)).toBe(true);
    // Each answer brought at least one new event of the appalto: no request came back empty-handed.
    expect(richieste).toBeLessThanOrEqual(8);
  });

  it('attendiEsito=si: one request from the conferma to its CIGs, through the steps ANAC takes', async () => {
    const id = await preparaAd5(buyer);
    const inviata = await buyer.request('POST', `/appalti/${id}/conferma`);
    expect(inviata.status).toBe(202);
    const r = await dettaglio(buyer, id, `?dopoRevisione=${inviata.body.revisione}&attesa=20&attendiEsito=si`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ stato: 'CONF', operazioneInCorso: null });
    expect(isCigValido(r.body.lotti[0].cig)).toBe(true);
    // ANAC's id of the draft (AppaltoRegistratoAnac) came in between: waited through, not answered.
    expect(r.body.revisione).toBeGreaterThanOrEqual(inviata.body.revisione + 2);
  });

  it('attendiEsito=si with ANAC still working at the end of attesa: answers then, with the operation in progress', async () => {
    const id = await preparaAd5(buyer);
    await t.sim.admin.setTimings({ confermaMs: 600_000 });
    try {
      const inviata = await buyer.request('POST', `/appalti/${id}/conferma`);
      const { esito, ms } = await cronometra(dettaglio(buyer, id, `?dopoRevisione=${inviata.body.revisione}&attesa=2&attendiEsito=si`));
      expect(esito.status).toBe(200);
      expect(esito.body).toMatchObject({ operazioneInCorso: expect.objectContaining({ operazione: 'CONFERMA' }), idAppaltoAnac: expect.any(String) });
      // ANAC's id of the draft came in and was waited through; the answer left when attesa ran out.
      expect(esito.body.revisione).toBeGreaterThan(inviata.body.revisione);
      expect(ms).toBeGreaterThanOrEqual(1_900);
      expect(ms).toBeLessThan(4_000);
    } finally {
      await t.sim.admin.setTimings({ confermaMs: 0 });
    }
  });

  it('another office is refused at once, without waiting', async () => {
    const id = await preparaAd5(buyer);
    const { revisione } = (await dettaglio(buyer, id)).body;
    const { esito, ms } = await cronometra(dettaglio(t.as('giulia.mancini'), id, `?dopoRevisione=${revisione}&attesa=20`));
    expect([403, 404]).toContain(esito.status);
    expect(ms).toBeLessThan(2_000);
  });

  it.each([
    ['?dopoRevisione=-1', 'dopoRevisione', 'un intero da 0'],
    ['?dopoRevisione=abc', 'dopoRevisione', 'un intero da 0'],
    ['?dopoRevisione=1e999', 'dopoRevisione', 'un intero da 0'],
    ['?dopoRevisione=99999999999999999999', 'dopoRevisione', 'un intero da 0'],
    ['?dopoRevisione=0&attesa=26', 'attesa', 'un intero da 0 a 25'],
    ['?dopoRevisione=0&attesa=%00', 'query.attesa', 'carattere NUL'],
    ['?attesa=5', 'attesa', 'solo insieme a dopoRevisione'],
    ['?dopoRevisione=0&dopoRevisione=1', 'dopoRevisione', 'ripetuto'],
    ['?aspetta=5', 'aspetta', 'non previsto'],
    ['?attendiEsito=si', 'attendiEsito', 'solo insieme a dopoRevisione'],
    ['?dopoRevisione=0&attendiEsito=forse', 'attendiEsito', 'ammessi: si, no'],
  ])('%s is a 400 naming the parameter, in Italian', async (query, parametro, messaggio) => {
    const id = await preparaAd5(buyer);
    const r = await dettaglio(buyer, id, query);
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(r.body)).toContain(parametro);
    expect(JSON.stringify(r.body)).toContain(messaggio);
  });
});

/** The same read on two instances: the change is appended through one, awaited on the other (woken by the NOTIFY, not by the periodic check). */
describe('blocking read across two instances', () => {
  beforeAll(() => assertBuilt());
  let istanze: Istanze;
  let a: string;
  let b: string;
  beforeAll(async () => {
    istanze = await preparaIstanze('lettura-bloccante', { timings: { confermaMs: 0, confermaPolls: 1 } });
    [a, b] = await Promise.all([istanze.avvia().then((i) => i.url), istanze.avvia().then((i) => i.url)]);
  });
  afterAll(async () => {
    await istanze?.chiudi();
  });

  it('a request waiting on one instance is answered when the appalto is changed through the other', async () => {
    const [suA, suB] = [await istanze.cliente(a, 'francesca.bianchi'), await istanze.cliente(b, 'francesca.bianchi')];
    const id = await preparaAd5(suA);
    const { revisione } = (await suB.request('GET', `/appalti/${id}`)).body;
    for (let giro = 0; giro < 3; giro++) {
      const attesa = cronometra(suB.request('GET', `/appalti/${id}?dopoRevisione=${revisione + giro}&attesa=20`));
      await new Promise((r) => setTimeout(r, 100));
      expect((await suA.request('PATCH', `/appalti/${id}`, datiGara(`Fornitura di carta, modifica ${giro}`))).status).toBe(200);
      const { esito, ms } = await attesa;
      expect(esito.status).toBe(200);
      expect(esito.body.revisione).toBe(revisione + giro + 1);
      expect(esito.body.datiGara.oggetto).toBe(`Fornitura di carta, modifica ${giro}`);
      // Well under the periodic check's second: the other instance's NOTIFY woke it.
      expect(ms).toBeLessThan(900);
    }
  });
});
