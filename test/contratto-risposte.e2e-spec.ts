import { campioneCigAnac } from '#anac';
import { creaClient, type ClientCigLedger, type components } from '#client';
import { ManualClock } from '#platform';
import { CDC, preparaAd5, RUP } from './support/appalti.js';
import { validatoreDelContratto, type DocumentoOpenApi } from './support/contratto.js';
import { datiSmartCig, ENV_REGIMI, garaSimog } from './support/regimi.js';
import { eventually, SENZA_LIMITE_RICHIESTE, startTestService, type TestService } from './support/service.js';

/**
 * The real answers of the routes whose schemas the document describes field by field (listing rows,
 * history events, carnet codes, directory, audit trail and its verification, proofs, projections,
 * import, SIMOG gara, appalto) validate against those schemas with ajv: a field renamed, added as
 * required, or of another type in the code fails here. Called through the typed client, so that the
 * generated types are the ones these calls compile against.
 */
describe('the answers match the documented schemas', () => {
  let t: TestService;
  let conforme: ReturnType<typeof validatoreDelContratto>;
  let buyer: ClientCigLedger;
  let auditor: ClientCigLedger;
  let admin: ClientCigLedger;
  let cig: string;
  let appaltoId: string;
  beforeAll(async () => {
    // A signed head every 3 records, at once: the inclusion proofs have one to refer to.
    t = await startTestService({ ...SENZA_LIMITE_RICHIESTE, AUDIT_STH_EVERY: '3', AUDIT_STH_SECONDS: '0' });
    conforme = validatoreDelContratto((await t.request('GET', '/docs-json')).body as DocumentoOpenApi);
    const client = (userId: string) => creaClient({ baseUrl: t.url, token: () => t.token(userId) });
    buyer = client('francesca.bianchi');
    auditor = client('paola.neri');
    admin = client('luca.conti');
    appaltoId = await preparaAd5(t.as('francesca.bianchi'));
    expect((await buyer.POST('/appalti/{id}/conferma', { params: { path: { id: appaltoId } } })).response.status).toBe(202);
    cig = await eventually(async () => {
      const { data } = await buyer.GET('/appalti/{id}', { params: { path: { id: appaltoId } } });
      return data?.stato === 'CONF' && !data.operazioneInCorso ? (data.lotti[0]?.cig ?? undefined) : undefined;
    }, 20_000, 'CIG assegnato');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('GET /appalti/{id}: the appalto with its lots, dates, waits and actions', async () => {
    const { data, response } = await buyer.GET('/appalti/{id}', { params: { path: { id: appaltoId } } });
    conforme('get', '/appalti/{id}', response.status, data);
    expect(data).toMatchObject({ id: appaltoId, stato: 'CONF', lotti: [{ cig }] });
  });

  it('POST /appalti/{id}/verifica: the problems of a refused check, by section', async () => {
    const { data: creato } = await buyer.POST('/appalti', {
      body: { scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP, datiGara: { oggetto: 'Senza lotti', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' } } as never,
    });
    const { data, response } = await buyer.POST('/appalti/{id}/verifica', { params: { path: { id: (creato as { id: string }).id } } });
    conforme('post', '/appalti/{id}/verifica', response.status, data);
    expect(data!.esito).toBe('KO');
    expect(Object.keys(data!.sezioni).length).toBeGreaterThan(0);
  });

  it('GET /cig/{cig}: a PCP code with its appalto', async () => {
    const pcp = await buyer.GET('/cig/{cig}', { params: { path: { cig } } });
    conforme('get', '/cig/{cig}', 200, pcp.data);
    expect(pcp.data).toMatchObject({ cig, regime: 'PCP', appaltoId, perfezionato: expect.any(Boolean), appalto: { id: appaltoId, stato: 'CONF' } });
  });

  it('GET /cig and GET /cig/{cig}/storia, with the inclusion proofs for an auditor', async () => {
    const pagina = await eventually(async () => {
      const { data } = await buyer.GET('/cig', { params: { query: { cig } } });
      return data?.risultati.some((r) => r.cig === cig) ? data : undefined;
    }, 20_000, 'CIG nella lista');
    conforme('get', '/cig', 200, pagina);
    expect(pagina.risultati[0]).toMatchObject({ cig, idAppalto: appaltoId, statoRichiesta: 'Perfezionata' });
    expect(pagina.criteri).toEqual([{ parametro: 'cig', etichetta: 'CIG / SMART CIG', valore: cig }]);
    const storia = await buyer.GET('/cig/{cig}/storia', { params: { path: { cig } } });
    conforme('get', '/cig/{cig}/storia', 200, storia.data);
    expect(storia.data!.eventi.map((e) => e.tipo)).toEqual(expect.arrayContaining(['AppaltoCreato', 'CigAssegnato']));
    const conProve = await eventually(async () => {
      const { data } = await auditor.GET('/cig/{cig}/storia', { params: { path: { cig }, query: { prove: 'true' } } });
      return data?.prove?.formato ? data : undefined;
    }, 20_000, 'prove della storia');
    conforme('get', '/cig/{cig}/storia', 200, conProve);
    expect(conProve.prove!.prove!.length).toBeGreaterThan(0);
  });

  it('GET /audit, GET /audit/inclusione and the audit verification, 202 while it runs and 200 with its outcome', async () => {
    const pagina = await auditor.GET('/audit', { params: { query: { cig } } });
    conforme('get', '/audit', 200, pagina.data);
    expect(pagina.data!.criteri).toEqual({ cig });
    expect(pagina.data!.risultati.length).toBeGreaterThan(0);
    const inclusione = await eventually(async () => {
      const { data, response } = await auditor.GET('/audit/inclusione', { params: { query: { seq: '1' } } });
      return response.status === 200 ? data : undefined;
    }, 20_000, 'una testa firmata');
    conforme('get', '/audit/inclusione', 200, inclusione);
    const avviata = await auditor.GET('/audit/verifica', { params: { query: { attesa: '0' } } });
    expect(avviata.response.status).toBe(202);
    conforme('get', '/audit/verifica', 202, avviata.data);
    const inCorso = avviata.data as components['schemas']['VerificaInCorsoDto'];
    expect(avviata.response.headers.get('location')).toBe(inCorso.stato);
    // The 202 schema is not the outcome's: a progress without its fields is refused.
    expect(() => conforme('get', '/audit/verifica', 202, { verifica: { id: inCorso.verifica.id }, stato: inCorso.stato })).toThrow(/avviataIl/);
    const id = inCorso.verifica.id;
    const esito = await eventually(async () => {
      const { data, response } = await auditor.GET('/audit/verifica/{id}', { params: { path: { id } } });
      conforme('get', '/audit/verifica/{id}', response.status, data);
      return response.status === 200 ? data : undefined;
    }, 20_000, 'esito della verifica');
    expect(esito).toMatchObject({ integra: true, verifica: { id, stato: 'CONCLUSA' } });
  });

  it('the directory: cost centres, RUPs, the whole directory for an administrator', async () => {
    const centri = await buyer.GET('/anagrafica/centri-di-costo');
    conforme('get', '/anagrafica/centri-di-costo', 200, centri.data);
    expect(centri.data!.map((c) => c.codice)).toContain(CDC);
    const rup = await buyer.GET('/anagrafica/rup', { params: { query: { centroDiCosto: CDC } } });
    conforme('get', '/anagrafica/rup', 200, rup.data);
    expect(rup.data!.map((r) => r.codiceFiscale)).toContain(RUP);
    const tutta = await admin.GET('/admin/anagrafica');
    conforme('get', '/admin/anagrafica', 200, tutta.data);
    expect(tutta.data!.utenti.find((u) => u.userId === 'paola.neri')?.ruoli).toEqual(['AUDITOR']);
  });

  it('projections and their rebuild, the CSV import', async () => {
    const proiezioni = await admin.GET('/admin/projections');
    conforme('get', '/admin/projections', 200, proiezioni.data);
    const avviata = await admin.POST('/admin/projections/{name}/rebuild', { params: { path: { name: 'trasmissioni' } } });
    conforme('post', '/admin/projections/{name}/rebuild', avviata.response.status, avviata.data);
    const ricostruzione = await eventually(async () => {
      const { data } = await admin.GET('/admin/projections/{name}/rebuild', { params: { path: { name: 'trasmissioni' } } });
      return data?.fase === 'completata' ? data : undefined;
    }, 30_000, 'ricostruzione completata');
    conforme('get', '/admin/projections/{name}/rebuild', 200, ricostruzione);
    const dopo = await admin.GET('/admin/projections');
    conforme('get', '/admin/projections', 200, dopo.data);
    expect(dopo.data!.find((p) => p.nome === 'trasmissioni')?.ricostruzione).toMatchObject({ fase: 'completata' });

    // The body is the CSV file itself: sent as it is, not as JSON.
    const file = [...campioneCigAnac(3)].join('') + 'riga;non;valida\n';
    const importato = await t.as('luca.conti').request('POST', '/admin/import?file=cig_2019.csv&ufficio=UFF-TOSCANA-GARE', file, { 'content-type': 'text/csv' });
    expect(importato.status).toBe(200);
    conforme('post', '/admin/import', 200, importato.body);
    expect(importato.body).toMatchObject({ importate: 3, scartate: 1, dettaglioScartate: [{ riga: expect.any(Number), motivi: [expect.any(String)] }] });
    // An imported code answers GET /cig/{cig} with its row of the open data.
    const codice = /\r?\n"([0-9A-Z]{10})";/.exec(file)![1]!;
    const letto = await eventually(async () => {
      const r = await buyer.GET('/cig/{cig}', { params: { path: { cig: codice } } });
      return r.response.status === 200 ? r.data : undefined;
    }, 10_000, 'CIG importato');
    conforme('get', '/cig/{cig}', 200, letto);
    expect(letto).toMatchObject({ cig: codice, importato: { ufficio: 'UFF-TOSCANA-GARE', origine: { file: 'cig_2019.csv', riga: 2 } } });
  });
});

/** Carnets and SIMOG gare belong to the years of their regimes: a service whose clock is in 2015. */
describe('the answers of the historic regimes match the documented schemas', () => {
  let t: TestService;
  let conforme: ReturnType<typeof validatoreDelContratto>;
  let buyer: ClientCigLedger;
  beforeAll(async () => {
    t = await startTestService(ENV_REGIMI, { clock: new ManualClock('2015-03-02T09:00:00.000Z') });
    conforme = validatoreDelContratto((await t.request('GET', '/docs-json')).body as DocumentoOpenApi);
    buyer = creaClient({ baseUrl: t.url, token: () => t.token('francesca.bianchi') });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('carnets: the list, the detail with its codes', async () => {
    const richiesto = await buyer.POST('/carnet', { body: { centroDiCosto: CDC, rup: RUP } });
    expect(richiesto.response.status).toBe(201);
    const { numero, posizione } = richiesto.data as unknown as { numero: string; posizione: string };
    const dettaglio = await buyer.GET('/carnet/{numero}', { params: { path: { numero: numero.replace('/', '-') }, query: { attendi: posizione } } });
    conforme('get', '/carnet/{numero}', 200, dettaglio.data);
    // The same route answers the PDF with the .pdf suffix: the JSON is the CarnetDto.
    const carnet = dettaglio.data as components['schemas']['CarnetDto'];
    expect(carnet.cig).toHaveLength(carnet.dimensione);
    expect(carnet.cig[0]).toMatchObject({ stato: 'NON_RENDICONTATO', descrizioneStato: 'CIG NON RENDICONTATO', importo: null, tardiva: false });
    const elenco = await buyer.GET('/carnet', { params: { query: { attendi: posizione } } });
    conforme('get', '/carnet', 200, elenco.data);
    expect(elenco.data!.map((c) => c.numero)).toContain(numero);
  });

  it('a CIG of each historic regime: a SIMOG lot, a SmartCIG, a code of a carnet', async () => {
    const gara = await garaSimog(t.as('francesca.bianchi'), 1);
    const simog = await buyer.GET('/simog/cig/{cig}', { params: { path: { cig: gara.cig[0]! } } });
    conforme('get', '/simog/cig/{cig}', 200, simog.data);
    expect(simog.data).toMatchObject({ cig: gara.cig[0], regime: 'SIMOG', richiesta: { origine: 'ANAC', numeroGara: gara.numeroGara } });
    const comeCig = await buyer.GET('/cig/{cig}', { params: { path: { cig: gara.cig[0]! } } });
    conforme('get', '/cig/{cig}', 200, comeCig.data);

    const richiesto = await buyer.POST('/smart-cig', { body: { centroDiCosto: CDC, rup: RUP, dati: datiSmartCig({ importo: '1500' }) as never } });
    expect(richiesto.response.status).toBe(201);
    const smart = String((richiesto.data as { cig: string }).cig);
    const letto = await buyer.GET('/smart-cig/{cig}', { params: { path: { cig: smart } } });
    conforme('get', '/smart-cig/{cig}', 200, letto.data);
    expect(letto.data).toMatchObject({ cig: smart, regime: 'SMARTCIG', dati: { fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA', importo: '1500' } });

    const carnet = await buyer.POST('/carnet', { body: { centroDiCosto: CDC, rup: RUP } });
    const { numero, posizione } = carnet.data as unknown as { numero: string; posizione: string };
    const dettaglio = await buyer.GET('/carnet/{numero}', { params: { path: { numero: numero.replace('/', '-') }, query: { attendi: posizione } } });
    const codice = (dettaglio.data as components['schemas']['CarnetDto']).cig[0]!.cig;
    const delCarnet = await buyer.GET('/cig/{cig}', { params: { path: { cig: codice } } });
    conforme('get', '/cig/{cig}', 200, delCarnet.data);
    expect(delCarnet.data).toMatchObject({ cig: codice, regime: 'SMARTCIG', modalita: 'CARNET', stato: 'NON_RENDICONTATO', carnet: { numero } });
  });

  it('a SIMOG gara with its lots and their CIGs', async () => {
    const gara = await garaSimog(t.as('francesca.bianchi'), 2);
    const letta = await buyer.GET('/simog/gare/{id}', { params: { path: { id: gara.id } } });
    conforme('get', '/simog/gare/{id}', 200, letta.data);
    expect(letta.data!.lotti.map((l) => l.cig)).toEqual(gara.cig);
  });
});
