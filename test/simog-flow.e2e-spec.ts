import { generaCig, validaCig } from '#anac';
import { garaSimogStream } from '#domain';
import { ManualClock } from '#platform';
import { ENV_REGIMI, garaSimog, GIORNO_MS, must, RUP, CDC } from './support/regimi.js';
import { eventually, servizioDellaSuite, startTestService } from './support/service.js';

/** SIMOG (avviso AVCP-SIMOG 2011) over HTTP with a fake business clock: gara, lots, perfection, cancellation, annulment, expiry. */
describe('SIMOG: a CIG through perfezionamento, cancellation and annulment', () => {
  const t = servizioDellaSuite(() => startTestService(ENV_REGIMI, { clock }));
  const buyer = t.as('francesca.bianchi');
  const admin = t.as('luca.conti');
  const clock = new ManualClock('2019-03-01T09:00:00.000Z');

  it('a gara with two lots gets one numeric SIMOG CIG per lot (2019), recorded in the transmission log', async () => {
    const g = await garaSimog(buyer, 2);
    expect(g.numeroGara).toMatch(/^\d+$/);
    expect(g.cig.map((c) => validaCig(c).famiglia)).toEqual(['SIMOG_NUMERICO', 'SIMOG_NUMERICO']);
    const dettaglio = must(await buyer.request('GET', `/simog/gare/${g.id}`), 200, 'gara');
    expect(dettaglio.lotti).toMatchObject([{ lotIdentifier: 'LOT-0001', cig: g.cig[0], statoCig: 'ASSEGNATO' }, { lotIdentifier: 'LOT-0002', statoCig: 'ASSEGNATO' }]);
    expect(dettaglio.lotti[0].perfezionareEntro).toBe(new Date(clock.now().getTime() + 90 * GIORNO_MS).toISOString());
    const log = must(await buyer.request('GET', `/simog/gare/${g.id}/trasmissioni`), 200, 'log');
    expect(log.map((r: { contesto: string }) => r.contesto).sort()).toEqual(['Crea Gara SIMOG', 'Crea Lotto SIMOG', 'Crea Lotto SIMOG']);
    expect(log[0]).toMatchObject({ messaggio: 'OK', perContoDi: RUP, servizio: 'SIMOG' });
  });

  it('perfects lot 1, cancels lot 2 (motivo 4 needs a note), refuses the gara\'s cancellation, annuls lot 1 on request', async () => {
    const g = await garaSimog(buyer, 2);
    const [uno, due] = g.cig;
    const perfezionato = must(await buyer.request('POST', `/cig/${uno}/perfeziona`, { dataPubblicazione: '2019-02-28', estremi: 'Albo pretorio' }), 200, 'perfeziona');
    expect(perfezionato.stato).toBe('PERFEZIONATO');

    const senzaNota = await buyer.request('POST', `/cig/${due}/cancella`, { codiceMotivo: 4 });
    expect(senzaNota.status).toBe(400);
    expect(senzaNota.body).toMatchObject({ code: 'NOTA_OBBLIGATORIA', errors: [{ campo: 'nota' }] });
    expect((await buyer.request('POST', `/cig/${uno}/cancella`, { codiceMotivo: 1 })).body).toMatchObject({ status: 422, code: 'ANNULLAMENTO_NECESSARIO' });
    must(await buyer.request('POST', `/cig/${due}/cancella`, { codiceMotivo: 4, nota: 'Lotto accorpato al lotto 1' }), 200, 'cancella');

    const gara = await buyer.request('DELETE', `/simog/gare/${g.id}`, { motivo: 'non serve più' });
    expect(gara.status).toBe(422);
    expect(gara.body.code).toBe('LOTTI_NON_CANCELLATI');
    expect(gara.body.detail).toContain(uno);

    const incompleta = await buyer.request('POST', `/cig/${uno}/annullamento`, { motivazione: 'Revoca in autotutela', documentoIdentitaRup: '' });
    expect(incompleta.status).toBe(400);
    const richiesta = must(await buyer.request('POST', `/cig/${uno}/annullamento`, { motivazione: 'Revoca in autotutela', documentoIdentitaRup: 'CI AX1234567' }), 202, 'annullamento');
    expect(richiesta.annullamento).toMatchObject({ stato: 'RICHIESTO', protocollo: expect.stringMatching(/^ANN-/) });
    // Only administrators record the Authority's answer (it arrived by fax or PEC).
    expect((await buyer.request('POST', `/cig/${uno}/annullamento/esito`, { accolto: true })).status).toBe(403);
    const esito = must(await admin.request('POST', `/cig/${uno}/annullamento/esito`, { accolto: true }), 200, 'esito');
    expect(esito).toMatchObject({ stato: 'ANNULLATO', annullamento: { stato: 'ACCOLTO' } });
    const cig = must(await t.as('paola.neri').request('GET', `/simog/cig/${uno}`), 200, 'auditor reads');
    expect(cig).toMatchObject({ stato: 'ANNULLATO', pubblicazione: { dataPubblicazione: '2019-02-28' }, regime: 'SIMOG' });
    // GET /cig/:cig answers for every regime, with the same office scope.
    expect(must(await t.as('paola.neri').request('GET', `/cig/${uno}`), 200, 'GET /cig/:cig')).toEqual(cig);
    expect((await t.as('giulia.mancini').request('GET', `/cig/${uno}`)).status).toBe(403);

    // One lot cancelled, the other annulled (the Authority, the simulator here, decided too): nothing is left of the gara.
    t.sim.admin.esitoAnnullamento({ cig: uno, accolto: true });
    expect(must(await buyer.request('DELETE', `/simog/gare/${g.id}`, { motivo: 'non serve più' }), 200, 'gara closed')).toMatchObject({ stato: 'CANCELLATA' });
  });

  it('a lot cancelled and one expired while the service was down: the expiry is dated when it fell due, and the gara can be closed', async () => {
    const g = await garaSimog(buyer, 2);
    const [uno, due] = g.cig;
    must(await buyer.request('POST', `/cig/${uno}/cancella`, { codiceMotivo: 1 }), 200, 'cancella');
    const entro = must(await buyer.request('GET', `/simog/gare/${g.id}`), 200, 'gara').lotti[1].perfezionareEntro as string;
    // The scheduler runs only two days after the deadline.
    clock.advance(92 * GIORNO_MS);
    const scaduto = await eventually(async () => {
      const r = (await buyer.request('GET', `/simog/cig/${due}`)).body;
      return r.stato === 'SCADUTO' ? r : undefined;
    }, 10_000, 'CigScaduto');
    expect(scaduto.scadutoIl).toBe(entro);
    const ora = (delta: number) => encodeURIComponent(new Date(Date.parse(entro) + delta).toISOString());
    expect(must(await buyer.request('GET', `/cig/${due}/storia?asOf=${ora(3_600_000)}`), 200, 'history after the deadline').stato.cig).toMatchObject({ stato: 'SCADUTO' });
    expect(must(await buyer.request('GET', `/cig/${due}/storia?asOf=${ora(-3_600_000)}`), 200, 'history before the deadline').stato.cig).toMatchObject({ stato: 'ASSEGNATO' });
    expect(must(await buyer.request('DELETE', `/simog/gare/${g.id}`, {}), 200, 'gara closed')).toMatchObject({ stato: 'CANCELLATA' });
  });

  it('a lot recorded without its CIG stream (the service stopped between the two appends) gets it from registro-cig-simog', async () => {
    const g = await garaSimog(buyer, 1);
    const cig = generaCig('SIMOG_NUMERICO', 7_654_321);
    const il = clock.now().toISOString();
    // What the request appends first; the crash leaves the CIG's own stream unwritten.
    await t.service.runtime.eventStore.appendToStream(garaSimogStream(g.id), [{
      id: '0b7c6a52-3f1e-4c55-9a0e-5d2f1c3b4a10',
      type: 'LottoSimogAggiunto',
      data: { garaId: g.id, lotto: { lotIdentifier: 'LOT-0002', cig, oggetto: 'Lotto 2', importo: '40000.00', oggettoPrincipale: 'SERVIZI' }, il },
      metadata: { correlationId: 'crash-test', effectiveAt: il },
    }]);
    const riparato = await eventually(async () => {
      const r = await buyer.request('GET', `/cig/${cig}`);
      return r.status === 200 ? r.body : undefined;
    }, 10_000, 'CIG stream repaired');
    expect(riparato).toMatchObject({ regime: 'SIMOG', stato: 'ASSEGNATO', lotIdentifier: 'LOT-0002', appaltoId: g.id, assegnatoIl: il, richiesta: { perfezionareEntro: new Date(clock.now().getTime() + 90 * GIORNO_MS).toISOString(), numeroGara: g.numeroGara } });
    // The lots added normally were not assigned twice.
    const [primo] = g.cig;
    expect((await t.service.runtime.eventStore.readStream(`cig-${primo}`)).filter((e) => e.type === 'CigAssegnato')).toHaveLength(1);
  });

  it('a gara is cancelled once all its lots are', async () => {
    const g = await garaSimog(buyer, 1);
    must(await buyer.request('POST', `/cig/${g.cig[0]}/cancella`, { codiceMotivo: 1 }), 200, 'cancella');
    expect(must(await buyer.request('DELETE', `/simog/gare/${g.id}`, {}), 200, 'gara')).toMatchObject({ stato: 'CANCELLATA' });
    expect((await buyer.request('POST', `/simog/gare/${g.id}/lotti`, { oggetto: 'x', importo: '1', oggettoPrincipale: 'SERVIZI' })).body.code).toBe('GARA_CANCELLATA');
  });

  it('a CIG not perfected within 90 days expires (CigScaduto, by the deadline scheduler)', async () => {
    const g = await garaSimog(buyer, 1);
    const [cig] = g.cig;
    clock.advance(90 * GIORNO_MS - 1000);
    await new Promise((r) => setTimeout(r, 200));
    expect(must(await buyer.request('GET', `/simog/cig/${cig}`), 200, 'cig').stato).toBe('ASSEGNATO');
    clock.advance(1000);
    await eventually(async () => ((await buyer.request('GET', `/simog/cig/${cig}`)).body.stato === 'SCADUTO' ? true : undefined), 10_000, 'CigScaduto');
    expect((await buyer.request('POST', `/cig/${cig}/perfeziona`, { dataPubblicazione: '2019-05-01' })).body).toMatchObject({ status: 409, code: 'CIG_NON_PERFEZIONABILE' });
  });

  it('another office may not touch the gara or its CIGs (403)', async () => {
    const g = await garaSimog(buyer, 1);
    const altro = t.as('giulia.mancini');
    expect((await altro.request('GET', `/simog/gare/${g.id}`)).status).toBe(403);
    expect((await altro.request('POST', `/cig/${g.cig[0]}/perfeziona`, { dataPubblicazione: '2019-02-28' })).status).toBe(403);
  });

  it('manual registration: a code typed by hand is checked with ANAC\'s algorithm', async () => {
    const corpo = { cig: '1234567ABC', oggettoProcedura: 'Gara su SIMOG', oggetto: 'Lotto unico', importo: '45000', centroDiCosto: CDC, rup: RUP };
    const errato = await buyer.request('POST', '/cig/registrazione-manuale', corpo);
    expect(errato.status).toBe(400);
    expect(errato.body).toMatchObject({ code: 'CIG_NON_VALIDO', errors: [{ campo: 'cig' }] });
    const valido = '00000010D3'; // progressive 1: 1 × 211 mod 4091 = 0x0D3
    expect(validaCig(valido).valido).toBe(true);
    const registrato = must(await buyer.request('POST', '/cig/registrazione-manuale', { ...corpo, cig: valido, pubblicazione: { dataPubblicazione: '2019-01-10' } }), 201, 'registrazione');
    expect(registrato).toMatchObject({ cig: valido, stato: 'PERFEZIONATO' });
    expect(must(await buyer.request('GET', `/simog/cig/${valido}`), 200, 'cig').richiesta).toMatchObject({ origine: 'MANUALE' });
  });

  it('from 1/1/2024: no new SIMOG gara (422 naming the rule and its source); perfection only for procedures published by 31/12/2023', async () => {
    clock.set('2023-12-20T10:00:00.000Z');
    const g = await garaSimog(buyer, 2);
    clock.set('2024-01-10T10:00:00.000Z');
    const nuova = await buyer.request('POST', '/simog/gare', { oggetto: 'Troppo tardi', centroDiCosto: CDC, rup: RUP });
    expect(nuova.status).toBe(422);
    expect(nuova.body).toMatchObject({ code: 'REGIME_NON_VIGENTE' });
    expect(nuova.body.detail).toMatch(/SIMOG_ACQUISIZIONE_CIG.*10\/01\/2024.*al 31\/12\/2023.*avviso AVCP-SIMOG 2011/);
    const dopo = await buyer.request('POST', `/cig/${g.cig[0]}/perfeziona`, { dataPubblicazione: '2024-01-05' });
    expect(dopo.body).toMatchObject({ status: 422, code: 'SIMOG_SOLO_PERFEZIONAMENTO' });
    expect(dopo.body.detail).toMatch(/Delibera ANAC n\. 582/);
    must(await buyer.request('POST', `/cig/${g.cig[1]}/perfeziona`, { dataPubblicazione: '2023-12-22' }), 200, 'published in 2023');
  });
});
