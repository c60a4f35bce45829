import type { ClientCigLedger, components } from '#client';
import { ManualClock } from '#platform';
import { verificaExport } from '#read-models';
import { comeCsv, leggiCsv } from '../libs/read-models/src/testing/csv.js';
import { lottoAd5, preparaAd5, RUP } from './support/appalti.js';
import { atteso, clientDi } from './support/contratto.js';
import { eventually, startTestService, type TestService, type UserClient } from './support/service.js';

/**
 * The read side over HTTP: the listing and its CSV, a CIG's history as of a date, the
 * audit trail and its verification, projection rebuilds; with the office visibility and roles.
 * JSON calls go through the typed client (libs/client); raw HTTP where the test reads headers,
 * bytes or sends parameters the contract does not know.
 */
describe('listing, export, history, audit, rebuild over HTTP', () => {
  let t: TestService;
  let buyer: ClientCigLedger;
  let altroBuyer: ClientCigLedger;
  let auditor: ClientCigLedger;
  let admin: ClientCigLedger;
  /** Raw HTTP, for headers, bytes and input the contract refuses. */
  let http: { buyer: UserClient; auditor: UserClient };
  let clock: ManualClock;
  let nostro: { id: string; cig: string; confermaIl: string };
  let altro: { id: string; cig: string };
  let posizione: string;

  const conferma = async (client: ClientCigLedger, id: string) => {
    const r = await client.POST('/appalti/{id}/conferma', { params: { path: { id } } });
    expect(r.response.status).toBe(202);
    const a = await eventually(async () => {
      const x = await atteso(client.GET('/appalti/{id}', { params: { path: { id } } }), 200, 'appalto');
      return x.stato === 'CONF' && !x.operazioneInCorso ? x : undefined;
    });
    const cig = a.lotti[0]!.cig!;
    // The CIG gets its own stream from the registro-cig consumer, a moment after the conferma.
    await eventually(async () => ((await client.GET('/cig/{cig}', { params: { path: { cig } } })).response.status === 200 ? true : undefined));
    return cig;
  };
  const lista = (client: ClientCigLedger, query: Record<string, string> = {}) => atteso(client.GET('/cig', { params: { query } }), 200, `GET /cig ${JSON.stringify(query)}`);
  const storia = (client: ClientCigLedger, cig: string, asOf?: string) => client.GET('/cig/{cig}/storia', { params: { path: { cig }, query: { asOf } } });

  beforeAll(async () => {
    clock = new ManualClock('2024-03-01T09:00:00.000Z');
    t = await startTestService({}, { clock });
    buyer = clientDi(t, 'francesca.bianchi');
    altroBuyer = clientDi(t, 'giulia.mancini');
    auditor = clientDi(t, 'paola.neri');
    admin = clientDi(t, 'luca.conti');
    http = { buyer: t.as('francesca.bianchi'), auditor: t.as('paola.neri') };
    const id = await preparaAd5(http.buyer);
    await preparaAd5(http.buyer, { importo: '4000.00' });
    clock.set('2024-03-05T09:00:00.000Z');
    const cig = await conferma(buyer, id);
    nostro = { id, cig, confermaIl: '2024-03-05T09:00:00.000Z' };
    clock.set('2024-03-06T09:00:00.000Z');
    posizione = String((await atteso(buyer.POST('/cig/{cig}/utilizza', { params: { path: { cig } }, body: { idProcedura: 'PROC-E2E' } }), 200, 'utilizza')).posizione);
    const creato = await atteso(altroBuyer.POST('/appalti', {
      body: {
        scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: 'CDC-TOSCANA-TECNOLOGIE', rup: RUP,
        datiGara: { oggetto: "Servizio dell'altro ufficio", settore: 'ORDINARIO', oggettoPrincipale: 'SERVIZI' },
      },
    }), 201, 'appalto dell\'altro ufficio');
    const altroId = creato.id!;
    await atteso(altroBuyer.PUT('/appalti/{id}/classificazione', { params: { path: { id: altroId } }, body: { cpv: [{ codice: '30192000-1', principale: true }] } }), 200, 'classificazione');
    await atteso(altroBuyer.POST('/appalti/{id}/lotti', { params: { path: { id: altroId } }, body: lottoAd5() as components['schemas']['LottoDto'] }), 201, 'lotto');
    altro = { id: altroId, cig: await conferma(altroBuyer, altroId) };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('GET /cig: the office\'s rows with every column, filters, total, criteria echoed; read-your-writes', async () => {
    const r = await buyer.GET('/cig', { params: { query: { attendi: posizione, statoRichiesta: 'Perfezionata', cigUtilizzato: 'si' } } });
    expect(r.response.status).toBe(200);
    expect(r.response.headers.get('x-consistenza')).toBe('completa');
    expect(r.data).toMatchObject({
      totale: 1,
      criteri: [
        { parametro: 'statoRichiesta', etichetta: 'Stato della Richiesta', valore: 'Perfezionata' },
        { parametro: 'cigUtilizzato', etichetta: 'CIG / SMARTCIG Utilizzato', valore: 'si' },
      ],
      ordinamento: { campo: 'dataCreazione', verso: 'desc' },
      pagina: { limite: 20, successiva: null },
    });
    expect(r.data!.risultati[0]).toMatchObject({
      idAppalto: nostro.id, cig: nostro.cig, statoRichiesta: 'Perfezionata', cigUtilizzato: true, cigUtilizzatoIn: 'PROC-E2E', modalita: 'CIG',
      stazioneAppaltante: 'Regione Toscana', centroDiCosto: expect.any(String), rupCodiceFiscale: RUP, valore: '1250.00', importoComplessivo: '1250.00',
      dataInvioRichiesta: nostro.confermaIl,
    });
    const tutti = await lista(buyer);
    expect(tutti.totale).toBe(2);
    expect(tutti.risultati.every((x) => x.ufficio === 'UFF-TOSCANA-GARE')).toBe(true);
    expect((await lista(auditor)).totale).toBe(3);
    expect((await lista(buyer, { cig: altro.cig })).totale).toBe(0);
  });

  it('GET /cig pages with a signed cursor; bad input is a 400 problem+json naming the parameter', async () => {
    const p1 = await lista(auditor, { limite: '2', ordina: 'valore', verso: 'asc' });
    const p2 = await lista(auditor, { limite: '2', ordina: 'valore', verso: 'asc', cursore: p1.pagina.successiva! });
    expect([...p1.risultati, ...p2.risultati].map((x) => x.valore)).toEqual(['1250.00', '1250.00', '4000.00']);
    // Malformed input on purpose: raw HTTP.
    for (const [query, campo] of [['colore=blu', 'query.colore'], ['valoreDa=10&valoreA=5', 'query.valoreDa'], ['dataInvioDa=32/01/2024', 'query.dataInvioDa'], ['limite=5000', 'query.limite'], ['cursore=abc.def', 'query.cursore'], ['valoreDa=1.234,00', 'query.valoreDa']]) {
      const r = await http.buyer.request('GET', `/cig?${query}`);
      expect([query, r.status, r.headers.get('content-type')]).toEqual([query, 400, expect.stringContaining('application/problem+json')]);
      expect(r.body.errors.map((e: { campo: string }) => e.campo)).toContain(campo);
    }
    const altroUfficio = await buyer.GET('/cig', { params: { query: { limite: 2, ordina: 'valore', verso: 'asc', cursore: p1.pagina.successiva! } } });
    expect(altroUfficio.response.status).toBe(400);
  });

  it('GET /cig/export.csv: the same rows as the JSON listing, Italian CSV with BOM, streamed', async () => {
    // The CSV: raw HTTP (its bytes and headers); the JSON rows it must equal through the client.
    for (const [client, json, query] of [[http.buyer, buyer, ''], [http.auditor, auditor, '?ordina=valore&verso=asc'], [http.auditor, auditor, '?statoRichiesta=Perfezionata']] as const) {
      const csv = await client.request('GET', `/cig/export.csv${query}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toContain('cig.csv');
      const byte = new Uint8Array(await (await fetch(`${t.url}/cig/export.csv${query}`, { headers: { authorization: `Bearer ${await t.token(client === http.buyer ? 'francesca.bianchi' : 'paola.neri')}` } })).arrayBuffer());
      expect([...byte.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      // fetch's text() drops the BOM, as spreadsheets do.
      const [intestazione, ...righe] = leggiCsv(csv.text.replace(/^\uFEFF/, ''));
      expect(intestazione[0]).toBe('Oggetto procedura');
      const { risultati } = await lista(json, { ...Object.fromEntries(new URLSearchParams(query)), limite: '200' });
      expect(righe).toEqual(risultati.map(comeCsv));
    }
    const r = await http.buyer.request('GET', '/cig/export.csv?limite=10');
    expect(r.status).toBe(400);
  });

  it('GET /cig/:cig/storia: the CIG\'s and its lot\'s events and the state as of a date, folded from the events', async () => {
    const oggi = (await storia(buyer, nostro.cig)).data!;
    expect(oggi).toMatchObject({ cig: nostro.cig, appaltoId: nostro.id, lotIdentifier: 'LOT-0001', base: 'effettiva', stato: { cig: { stato: 'PERFEZIONATO', utilizzo: { idProcedura: 'PROC-E2E' } }, appalto: { stato: 'CONF', statoRichiesta: 'Perfezionata' } } });
    expect(oggi.eventi.map((e) => e.tipo)).toEqual(expect.arrayContaining(['AppaltoCreato', 'LottoAggiunto', 'AppaltoConfermato', 'CigAssegnato', 'CigUtilizzato']));
    expect(oggi.eventi[0]).toMatchObject({ flusso: 'appalto', tipo: 'AppaltoCreato', effettivoIl: '2024-03-01T09:00:00.000Z', registratoIl: expect.any(String), attore: 'francesca.bianchi', ruolo: 'BUYER' });

    const primaDellUso = (await storia(buyer, nostro.cig, '2024-03-05T12:00:00Z')).data!;
    expect(primaDellUso.stato.cig).not.toHaveProperty('utilizzo');
    expect(primaDellUso.eventiSuccessivi).toBeGreaterThan(0);
    const giorno = (await storia(buyer, nostro.cig, '04/03/2024')).data!;
    expect(giorno).toMatchObject({ asOf: '2024-03-04T22:59:59.999Z', stato: { cig: null, appalto: { stato: 'BOZZA' }, lotto: { cigAttuale: null } } });
    expect(giorno.eventi.some((e) => e.tipo === 'AppaltoConfermato')).toBe(false);

    expect((await storia(buyer, altro.cig)).response.status).toBe(403);
    expect((await storia(auditor, altro.cig)).response.status).toBe(200);
    expect((await storia(buyer, 'B00012EADC')).response.status).toBe(400);
    expect((await storia(buyer, nostro.cig, 'ieri')).error?.errors?.[0]?.campo).toBe('query.asOf');
    expect((await storia(buyer, 'B00012EADB')).response.status).toBe(404);
  });

  it('GET /audit: every event with actor, office, times, ids; only for oversight roles', async () => {
    expect((await buyer.GET('/audit')).response.status).toBe(403);
    const r = await eventually(async () => {
      const { data } = await auditor.GET('/audit', { params: { query: { cig: nostro.cig, attendi: posizione } } });
      return data?.risultati.some((e) => e.tipo === 'CigUtilizzato') ? data : undefined;
    });
    expect(r.risultati.map((e) => e.tipo)).toEqual(['CigAssegnato', 'CigPerfezionato', 'CigUtilizzato']);
    expect(r.risultati[2]).toMatchObject({ attore: 'francesca.bianchi', ruolo: 'BUYER', ufficio: 'UFF-TOSCANA-GARE', appaltoId: nostro.id, effettivoIl: '2024-03-06T09:00:00.000Z', correlationId: expect.any(String), causationId: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const perAttore = (await atteso(auditor.GET('/audit', { params: { query: { attore: 'giulia.mancini', limite: 500 } } }), 200, 'audit per attore')).risultati;
    expect(perAttore.length).toBeGreaterThan(0);
    expect(perAttore.every((e) => e.attore === 'giulia.mancini')).toBe(true);
    expect((await auditor.GET('/audit', { params: { query: { da: '2024-03-06', a: '2024-03-01' } } })).response.status).toBe(400);
  });

  it('GET /audit/verifica and the export: intact, and verifiable offline with the public key', async () => {
    const rpct = clientDi(t, 'sara.ferri');
    const verifica = await eventually(async () => {
      const { data, response } = await rpct.GET('/audit/verifica');
      const v = data as components['schemas']['EsitoVerificaAuditDto'];
      return response.status === 200 && v.recordVerificati > 0 ? v : undefined;
    });
    expect(verifica).toMatchObject({ integra: true, problema: null, verifica: { stato: 'CONCLUSA', id: expect.any(String) } });
    // Without waiting (attesa=0): 202 with the progress and where to read the outcome, then 200 there.
    const avviata = await auditor.GET('/audit/verifica', { params: { query: { attesa: '0' } } });
    const idVerifica = avviata.data!.verifica.id;
    if (avviata.response.status === 202) {
      expect(avviata.response.headers.get('location')).toBe(`/audit/verifica/${idVerifica}`);
      expect(avviata.data!.verifica).toMatchObject({ stato: 'IN_CORSO' });
    } else {
      expect(avviata.response.status).toBe(200); // a small trail may be verified before the answer leaves
    }
    const esito = await eventually(async () => {
      const r = await auditor.GET('/audit/verifica/{id}', { params: { path: { id: idVerifica } } });
      return r.response.status === 200 ? r.data : undefined;
    });
    expect(esito).toMatchObject({ integra: true, verifica: { id: idVerifica, stato: 'CONCLUSA', conclusaIl: expect.any(String) } });
    expect((await auditor.GET('/audit/verifica', { params: { query: { attesa: '99' } } })).error).toMatchObject({ status: 400, errors: [{ campo: 'query.attesa' }] });
    expect((await auditor.GET('/audit/verifica/{id}', { params: { path: { id: 'non-un-id' } } })).response.status).toBe(400);
    expect((await auditor.GET('/audit/verifica/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } })).error).toMatchObject({ status: 404, code: 'VERIFICA_NON_TROVATA' });
    const { chiavePubblica } = (await auditor.GET('/audit/chiave-pubblica')).data as { chiavePubblica: string };
    // The export is JSON lines, read as text: raw HTTP.
    const esportato = await http.auditor.request('GET', '/audit/export');
    expect(esportato.headers.get('content-type')).toContain('application/x-ndjson');
    async function* righe() {
      yield* esportato.text.split('\n');
    }
    expect(await verificaExport(righe(), chiavePubblica)).toMatchObject({ integra: true });
    expect((await http.buyer.request('GET', '/audit/export')).status).toBe(403);
  });

  it('POST /admin/projections/:name/rebuild: administrators only; queries keep answering; same rows after', async () => {
    const prima = (await lista(auditor, { limite: '200' })).risultati;
    const ricostruisci = (client: ClientCigLedger, name: string) => client.POST('/admin/projections/{name}/rebuild', { params: { path: { name } } });
    expect((await ricostruisci(buyer, 'listing')).response.status).toBe(403);
    expect((await ricostruisci(auditor, 'listing')).response.status).toBe(403);
    expect((await ricostruisci(admin, 'nessuna')).response.status).toBe(404);
    const avvio = await ricostruisci(admin, 'listing');
    expect(avvio.response.status).toBe(202);
    expect(avvio.data).toMatchObject({ nome: 'listing', stato: '/admin/projections/listing/rebuild' });
    const fine = await eventually(async () => {
      expect((await buyer.GET('/cig')).response.status).toBe(200);
      const s = await atteso(admin.GET('/admin/projections/{name}/rebuild', { params: { path: { name: 'listing' } } }), 200, 'ricostruzione');
      return s.fase === 'completata' ? s : undefined;
    });
    expect(fine.eventi).toBeGreaterThan(0);
    const dopo = await eventually(async () => {
      const r = (await lista(auditor, { limite: '200' })).risultati;
      return r.length === prima.length ? r : undefined;
    });
    expect(dopo).toEqual(prima);
    expect((await atteso(admin.GET('/admin/projections'), 200, 'proiezioni')).map((p) => p.nome)).toEqual(expect.arrayContaining(['audit', 'listing', 'trasmissioni']));
  });
});
