import { ManualClock } from '#platform';
import { verificaExport } from '#read-models';
import { comeCsv, leggiCsv } from '../libs/read-models/src/testing/csv.js';
import { lottoAd5, preparaAd5, RUP } from './support/appalti.js';
import { eventually, startTestService, type TestService, type UserClient } from './support/service.js';

/**
 * The read side over HTTP: the listing and its CSV, a CIG's history as of a date, the
 * audit trail and its verification, projection rebuilds; with the office visibility and roles.
 */
describe('listing, export, history, audit, rebuild over HTTP', () => {
  let t: TestService;
  let buyer: UserClient;
  let altroBuyer: UserClient;
  let auditor: UserClient;
  let admin: UserClient;
  let clock: ManualClock;
  let nostro: { id: string; cig: string; confermaIl: string };
  let altro: { id: string; cig: string };
  let posizione: string;

  const conferma = async (client: UserClient, id: string) => {
    const r = await client.request('POST', `/appalti/${id}/conferma`);
    expect(r.status).toBe(202);
    const a = await eventually(async () => {
      const x = (await client.request('GET', `/appalti/${id}`)).body;
      return x.stato === 'CONF' && !x.operazioneInCorso ? x : undefined;
    });
    const cig = a.lotti[0].cig as string;
    // The CIG gets its own stream from the registro-cig consumer, a moment after the conferma.
    await eventually(async () => ((await client.request('GET', `/cig/${cig}`)).status === 200 ? true : undefined));
    return cig;
  };

  beforeAll(async () => {
    clock = new ManualClock('2024-03-01T09:00:00.000Z');
    t = await startTestService({}, { clock });
    buyer = t.as('francesca.bianchi');
    altroBuyer = t.as('giulia.mancini');
    auditor = t.as('paola.neri');
    admin = t.as('luca.conti');
    const id = await preparaAd5(buyer);
    await preparaAd5(buyer, { importo: '4000.00' });
    clock.set('2024-03-05T09:00:00.000Z');
    const cig = await conferma(buyer, id);
    nostro = { id, cig, confermaIl: '2024-03-05T09:00:00.000Z' };
    clock.set('2024-03-06T09:00:00.000Z');
    posizione = (await buyer.request('POST', `/cig/${cig}/utilizza`, { idProcedura: 'PROC-E2E' })).body.posizione;
    const creato = await altroBuyer.request('POST', '/appalti', {
      scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: 'CDC-TOSCANA-TECNOLOGIE', rup: RUP,
      datiGara: { oggetto: "Servizio dell'altro ufficio", settore: 'ORDINARIO', oggettoPrincipale: 'SERVIZI' },
    });
    await altroBuyer.request('PUT', `/appalti/${creato.body.id}/classificazione`, { cpv: [{ codice: '30192000-1', principale: true }] });
    await altroBuyer.request('POST', `/appalti/${creato.body.id}/lotti`, lottoAd5());
    altro = { id: creato.body.id, cig: await conferma(altroBuyer, creato.body.id) };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('GET /cig: the office\'s rows with every column, filters, total, criteria echoed; read-your-writes', async () => {
    const r = await buyer.request('GET', `/cig?attendi=${encodeURIComponent(posizione)}&statoRichiesta=Perfezionata&cigUtilizzato=si`);
    expect(r.status).toBe(200);
    expect(r.headers.get('x-consistenza')).toBe('completa');
    expect(r.body).toMatchObject({
      totale: 1,
      criteri: [
        { parametro: 'statoRichiesta', etichetta: 'Stato della Richiesta', valore: 'Perfezionata' },
        { parametro: 'cigUtilizzato', etichetta: 'CIG / SMARTCIG Utilizzato', valore: 'si' },
      ],
      ordinamento: { campo: 'dataCreazione', verso: 'desc' },
      pagina: { limite: 20, successiva: null },
    });
    expect(r.body.risultati[0]).toMatchObject({
      idAppalto: nostro.id, cig: nostro.cig, statoRichiesta: 'Perfezionata', cigUtilizzato: true, cigUtilizzatoIn: 'PROC-E2E', modalita: 'CIG',
      stazioneAppaltante: 'Regione Toscana', centroDiCosto: expect.any(String), rupCodiceFiscale: RUP, valore: '1250.00', importoComplessivo: '1250.00',
      dataInvioRichiesta: nostro.confermaIl,
    });
    const tutti = (await buyer.request('GET', '/cig')).body;
    expect(tutti.totale).toBe(2);
    expect(tutti.risultati.every((x: { ufficio: string }) => x.ufficio === 'UFF-TOSCANA-GARE')).toBe(true);
    expect((await auditor.request('GET', '/cig')).body.totale).toBe(3);
    expect((await buyer.request('GET', `/cig?cig=${altro.cig}`)).body.totale).toBe(0);
  });

  it('GET /cig pages with a signed cursor; bad input is a 400 problem+json naming the parameter', async () => {
    const p1 = (await auditor.request('GET', '/cig?limite=2&ordina=valore&verso=asc')).body;
    const p2 = (await auditor.request('GET', `/cig?limite=2&ordina=valore&verso=asc&cursore=${encodeURIComponent(p1.pagina.successiva)}`)).body;
    expect([...p1.risultati, ...p2.risultati].map((x: { valore: string }) => x.valore)).toEqual(['1250.00', '1250.00', '4000.00']);
    for (const [query, campo] of [['colore=blu', 'query.colore'], ['valoreDa=10&valoreA=5', 'query.valoreDa'], ['dataInvioDa=32/01/2024', 'query.dataInvioDa'], ['limite=5000', 'query.limite'], ['cursore=abc.def', 'query.cursore'], ['valoreDa=1.234,00', 'query.valoreDa']]) {
      const r = await buyer.request('GET', `/cig?${query}`);
      expect([query, r.status, r.headers.get('content-type')]).toEqual([query, 400, expect.stringContaining('application/problem+json')]);
      expect(r.body.errors.map((e: { campo: string }) => e.campo)).toContain(campo);
    }
    const altroUfficio = await buyer.request('GET', `/cig?limite=2&ordina=valore&verso=asc&cursore=${encodeURIComponent(p1.pagina.successiva)}`);
    expect(altroUfficio.status).toBe(400);
  });

  it('GET /cig/export.csv: the same rows as the JSON listing, Italian CSV with BOM, streamed', async () => {
    for (const [client, query] of [[buyer, ''], [auditor, '?ordina=valore&verso=asc'], [auditor, '?statoRichiesta=Perfezionata']] as const) {
      const csv = await client.request('GET', `/cig/export.csv${query}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toContain('cig.csv');
      const byte = new Uint8Array(await (await fetch(`${t.url}/cig/export.csv${query}`, { headers: { authorization: `Bearer ${await t.token(client === buyer ? 'francesca.bianchi' : 'paola.neri')}` } })).arrayBuffer());
      expect([...byte.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      // fetch's text() drops the BOM, as spreadsheets do.
      const [intestazione, ...righe] = leggiCsv(csv.text.replace(/^\uFEFF/, ''));
      expect(intestazione[0]).toBe('Oggetto procedura');
      const json = (await client.request('GET', `/cig${query ? `${query}&` : '?'}limite=200`)).body.risultati;
      expect(righe).toEqual(json.map(comeCsv));
    }
    const r = await buyer.request('GET', '/cig/export.csv?limite=10');
    expect(r.status).toBe(400);
  });

  it('GET /cig/:cig/storia: the CIG\'s and its lot\'s events and the state as of a date, folded from the events', async () => {
    const oggi = (await buyer.request('GET', `/cig/${nostro.cig}/storia`)).body;
    expect(oggi).toMatchObject({ cig: nostro.cig, appaltoId: nostro.id, lotIdentifier: 'LOT-0001', base: 'effettiva', stato: { cig: { stato: 'PERFEZIONATO', utilizzo: { idProcedura: 'PROC-E2E' } }, appalto: { stato: 'CONF', statoRichiesta: 'Perfezionata' } } });
    expect(oggi.eventi.map((e: { tipo: string }) => e.tipo)).toEqual(expect.arrayContaining(['AppaltoCreato', 'LottoAggiunto', 'AppaltoConfermato', 'CigAssegnato', 'CigUtilizzato']));
    expect(oggi.eventi[0]).toMatchObject({ flusso: 'appalto', tipo: 'AppaltoCreato', effettivoIl: '2024-03-01T09:00:00.000Z', registratoIl: expect.any(String), attore: 'francesca.bianchi', ruolo: 'BUYER' });

    const primaDellUso = (await buyer.request('GET', `/cig/${nostro.cig}/storia?asOf=2024-03-05T12:00:00Z`)).body;
    expect(primaDellUso.stato.cig.utilizzo).toBeUndefined();
    expect(primaDellUso.eventiSuccessivi).toBeGreaterThan(0);
    const giorno = (await buyer.request('GET', `/cig/${nostro.cig}/storia?asOf=04/03/2024`)).body;
    expect(giorno).toMatchObject({ asOf: '2024-03-04T22:59:59.999Z', stato: { cig: null, appalto: { stato: 'BOZZA' }, lotto: { cigAttuale: null } } });
    expect(giorno.eventi.some((e: { tipo: string }) => e.tipo === 'AppaltoConfermato')).toBe(false);

    expect((await buyer.request('GET', `/cig/${altro.cig}/storia`)).status).toBe(403);
    expect((await auditor.request('GET', `/cig/${altro.cig}/storia`)).status).toBe(200);
    expect((await buyer.request('GET', '/cig/B00012EADC/storia')).status).toBe(400);
    expect((await buyer.request('GET', `/cig/${nostro.cig}/storia?asOf=ieri`)).body.errors[0].campo).toBe('query.asOf');
    expect((await buyer.request('GET', '/cig/B00012EADB/storia')).status).toBe(404);
  });

  it('GET /audit: every event with actor, office, times, ids; only for oversight roles', async () => {
    expect((await buyer.request('GET', '/audit')).status).toBe(403);
    const r = await eventually(async () => {
      const x = await auditor.request('GET', `/audit?cig=${nostro.cig}&attendi=${encodeURIComponent(posizione)}`);
      return x.body.risultati?.some((e: { tipo: string }) => e.tipo === 'CigUtilizzato') ? x : undefined;
    });
    expect(r.body.risultati.map((e: { tipo: string }) => e.tipo)).toEqual(['CigAssegnato', 'CigPerfezionato', 'CigUtilizzato']);
    expect(r.body.risultati[2]).toMatchObject({ attore: 'francesca.bianchi', ruolo: 'BUYER', ufficio: 'UFF-TOSCANA-GARE', appaltoId: nostro.id, effettivoIl: '2024-03-06T09:00:00.000Z', correlationId: expect.any(String), causationId: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const perAttore = (await auditor.request('GET', '/audit?attore=giulia.mancini&limite=500')).body.risultati;
    expect(perAttore.length).toBeGreaterThan(0);
    expect(perAttore.every((e: { attore: string }) => e.attore === 'giulia.mancini')).toBe(true);
    expect((await auditor.request('GET', '/audit?da=2024-03-06&a=2024-03-01')).status).toBe(400);
  });

  it('GET /audit/verifica and the export: intact, and verifiable offline with the public key', async () => {
    const verifica = await eventually(async () => {
      const v = (await t.as('sara.ferri').request('GET', '/audit/verifica')).body;
      return v.recordVerificati > 0 ? v : undefined;
    });
    expect(verifica).toMatchObject({ integra: true, problema: null, verifica: { stato: 'CONCLUSA', id: expect.any(String) } });
    // Without waiting (attesa=0): 202 with the progress and where to read the outcome, then 200 there.
    const avviata = await auditor.request('GET', '/audit/verifica?attesa=0');
    if (avviata.status === 202) {
      expect(avviata.headers.get('location')).toBe(`/audit/verifica/${avviata.body.verifica.id}`);
      expect(avviata.body.verifica).toMatchObject({ stato: 'IN_CORSO' });
    } else {
      expect(avviata.status).toBe(200); // a small trail may be verified before the answer leaves
    }
    const esito = await eventually(async () => {
      const r = await auditor.request('GET', `/audit/verifica/${avviata.body.verifica.id}`);
      return r.status === 200 ? r.body : undefined;
    });
    expect(esito).toMatchObject({ integra: true, verifica: { id: avviata.body.verifica.id, stato: 'CONCLUSA', conclusaIl: expect.any(String) } });
    expect((await auditor.request('GET', '/audit/verifica?attesa=99')).body).toMatchObject({ status: 400, errors: [{ campo: 'query.attesa' }] });
    expect((await auditor.request('GET', '/audit/verifica/non-un-id')).status).toBe(400);
    expect((await auditor.request('GET', '/audit/verifica/00000000-0000-4000-8000-000000000000')).body).toMatchObject({ status: 404, code: 'VERIFICA_NON_TROVATA' });
    const { chiavePubblica } = (await auditor.request('GET', '/audit/chiave-pubblica')).body;
    const esportato = await auditor.request('GET', '/audit/export');
    expect(esportato.headers.get('content-type')).toContain('application/x-ndjson');
    async function* righe() {
      yield* esportato.text.split('\n');
    }
    expect(await verificaExport(righe(), chiavePubblica)).toMatchObject({ integra: true });
    expect((await buyer.request('GET', '/audit/export')).status).toBe(403);
  });

  it('POST /admin/projections/:name/rebuild: administrators only; queries keep answering; same rows after', async () => {
    const prima = (await auditor.request('GET', '/cig?limite=200')).body.risultati;
    expect((await buyer.request('POST', '/admin/projections/listing/rebuild')).status).toBe(403);
    expect((await t.as('paola.neri').request('POST', '/admin/projections/listing/rebuild')).status).toBe(403);
    expect((await admin.request('POST', '/admin/projections/nessuna/rebuild')).status).toBe(404);
    const avvio = await admin.request('POST', '/admin/projections/listing/rebuild');
    expect(avvio.status).toBe(202);
    expect(avvio.body).toMatchObject({ nome: 'listing', stato: '/admin/projections/listing/rebuild' });
    const fine = await eventually(async () => {
      expect((await buyer.request('GET', '/cig')).status).toBe(200);
      const s = (await admin.request('GET', '/admin/projections/listing/rebuild')).body;
      return s.fase === 'completata' ? s : undefined;
    });
    expect(fine.eventi).toBeGreaterThan(0);
    const dopo = await eventually(async () => {
      const r = (await auditor.request('GET', '/cig?limite=200')).body.risultati;
      return r.length === prima.length ? r : undefined;
    });
    expect(dopo).toEqual(prima);
    expect((await admin.request('GET', '/admin/projections')).body.map((p: { nome: string }) => p.nome)).toEqual(expect.arrayContaining(['audit', 'listing', 'trasmissioni']));
  });
});
