import { readFileSync } from 'node:fs';
import { isCigValido } from '#anac';
import { creaClient, type ClientCigLedger } from '#client';
import { tipiDelDocumento } from '../apps/cig-service/src/genera-client.js';
import { CDC, lottoAd5, RUP } from './support/appalti.js';
import { validatoreDelContratto, type DocumentoOpenApi } from './support/contratto.js';
import { eventually, startTestService, type TestService } from './support/service.js';

/**
 * The typed client (libs/client, @cig-ledger/client) against the running service: its types are those of
 * the live document, and the PCP flow, a carnet and the consultation work through it, each answer valid
 * against the schema the document declares for it.
 */
describe('the typed client', () => {
  let t: TestService;
  let doc: DocumentoOpenApi;
  let api: ClientCigLedger;
  /** The answer's body validates against the documented schema of that operation and status. */
  let conforme: ReturnType<typeof validatoreDelContratto>;
  beforeAll(async () => {
    t = await startTestService();
    doc = (await t.request('GET', '/docs-json')).body as DocumentoOpenApi;
    api = creaClient({ baseUrl: t.url, token: () => t.token('francesca.bianchi') });
    conforme = validatoreDelContratto(doc);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('its committed types are those generated from the live document (npm run client:genera)', async () => {
    const attesi = await tipiDelDocumento(doc);
    expect(readFileSync('libs/client/src/openapi.ts', 'utf8')).toBe(attesi);
  });

  it('drives the PCP flow: draft, classification, lot, check, confirmation, CIG, use', async () => {
    const creato = await api.POST('/appalti', {
      body: { scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP, datiGara: { oggetto: 'Fornitura di materiale di cancelleria', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' } } as never,
    });
    expect(creato.response.status).toBe(201);
    conforme('post', '/appalti', 201, creato.data);
    const id = (creato.data as { id: string }).id;
    const path = { id };
    const cpv = await api.PUT('/appalti/{id}/classificazione', { params: { path }, body: { cpv: [{ codice: '30192000-1', principale: true }] } as never });
    expect(cpv.response.status).toBe(200);
    conforme('put', '/appalti/{id}/classificazione', 200, cpv.data);
    const lotto = await api.POST('/appalti/{id}/lotti', { params: { path }, body: lottoAd5({ aggiudicazione: { partecipanti: [{ codiceFiscale: '01234567897', denominazione: 'Cartoleria Esempio S.r.l.', importo: '1250.00' }] } }) as never });
    expect(lotto.response.status).toBe(201);
    const verifica = await api.POST('/appalti/{id}/verifica', { params: { path } });
    conforme('post', '/appalti/{id}/verifica', 200, verifica.data);
    expect(verifica.data).toMatchObject({ esito: 'OK' });
    const inviato = await api.POST('/appalti/{id}/conferma', { params: { path } });
    expect(inviato.response.status).toBe(202);
    conforme('post', '/appalti/{id}/conferma', 202, inviato.data);
    const appalto = await eventually(async () => {
      const { data } = await api.GET('/appalti/{id}', { params: { path } });
      const a = data as { stato: string; operazioneInCorso?: unknown; lotti: Array<{ cig: string }> };
      return a.stato === 'CONF' && !a.operazioneInCorso ? a : undefined;
    }, 20_000, 'appalto confermato');
    conforme('get', '/appalti/{id}', 200, appalto);
    const cig = appalto.lotti[0]!.cig;
    expect(isCigValido(cig)).toBe(true);
    const trasmissioni = await api.GET('/appalti/{id}/trasmissioni', { params: { path } });
    conforme('get', '/appalti/{id}/trasmissioni', 200, trasmissioni.data);
    const usato = await api.POST('/cig/{cig}/utilizza', { params: { path: { cig } }, body: { idProcedura: 'PROC-CLIENT' } as never });
    expect(usato.response.status).toBe(200);
    conforme('post', '/cig/{cig}/utilizza', 200, usato.data);
    const dettaglio = await api.GET('/cig/{cig}', { params: { path: { cig } } });
    conforme('get', '/cig/{cig}', 200, dettaglio.data);
    expect(dettaglio.data).toMatchObject({ cig, stato: 'PERFEZIONATO' });

    // Consultation: the listing finds it, and its history.
    const pagina = await eventually(async () => {
      const { data } = await api.GET('/cig', { params: { query: { codice: id } as never } });
      return (data as unknown as { risultati: Array<{ cig: string | null }> }).risultati.some((r) => r.cig === cig) ? data : undefined;
    }, 20_000, 'CIG nel listing');
    conforme('get', '/cig', 200, pagina);
    const storia = await api.GET('/cig/{cig}/storia', { params: { path: { cig } } });
    expect(storia.response.status).toBe(200);
    conforme('get', '/cig/{cig}/storia', 200, storia.data);
  });

  it('answers errors as the documented problem+json', async () => {
    const { data, error, response } = await api.GET('/appalti/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    conforme('get', '/appalti/{id}', 404, error, 'application/problem+json');
    const nonValido = await api.POST('/appalti', { body: {} as never });
    expect(nonValido.response.status).toBe(400);
    conforme('post', '/appalti', 400, nonValido.error, 'application/problem+json');
  });

  it('requests a carnet and reads it', async () => {
    const richiesto = await api.POST('/carnet', { body: { centroDiCosto: CDC, rup: RUP } as never });
    const status = richiesto.response.status;
    conforme('post', '/carnet', status, status < 300 ? richiesto.data : richiesto.error, status < 300 ? 'application/json' : 'application/problem+json');
    const elenco = await api.GET('/carnet', {});
    expect(elenco.response.status).toBe(200);
    conforme('get', '/carnet', 200, elenco.data);
  });
});
