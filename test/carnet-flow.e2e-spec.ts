import { execFileSync } from 'node:child_process';
import { validaCig } from '#anac';
import type { ClientCigLedger, components } from '#client';
import { ManualClock } from '#platform';
import { atteso, clientDi } from './support/contratto.js';
import { CDC, CDC_TECNOLOGIE, datiSmartCig, ENV_REGIMI, GIORNO_MS, RUP } from './support/regimi.js';
import { eventually, startTestService, type TestService } from './support/service.js';

type Carnet = components['schemas']['CarnetDto'];
type DatiSmartCig = components['schemas']['DatiSmartCigDto'];
/** The JSON of a carnet (the same route answers its PDF with the .pdf suffix). */
const json = (c: Carnet | string | undefined): Carnet => c as Carnet;
/** A carnet as the service answers POST /carnet: the carnet's view, its number and the log position. */
type CarnetRichiesto = Carnet & { readonly posizione: string };

const comunica = (client: ClientCigLedger, numero: string, cig: string, dati: Record<string, unknown>) =>
  client.POST('/carnet/{numero}/cig/{cig}/comunica', { params: { path: { numero, cig } }, body: dati as DatiSmartCig });
const annulla = (client: ClientCigLedger, numero: string, cig: string, motivo?: string) =>
  client.POST('/carnet/{numero}/cig/{cig}/annulla', { params: { path: { numero, cig } }, body: motivo === undefined ? {} : { motivo } });
const richiedi = (client: ClientCigLedger, centroDiCosto: string, rup: string) => client.POST('/carnet', { body: { centroDiCosto, rup } });

/**
 * Carnets of SmartCIG (nota SMART CIG 2011) over HTTP with a fake business clock, from issue to the refusal and back;
 * calls through the typed client (libs/client), raw HTTP only for the PDF's bytes and headers.
 */
describe('Carnet: the whole life with a fake clock', () => {
  let t: TestService;
  let buyer: ClientCigLedger;
  const clock = new ManualClock('2015-03-02T09:00:00.000Z');
  beforeAll(async () => {
    t = await startTestService(ENV_REGIMI, { clock });
    buyer = clientDi(t, 'francesca.bianchi');
  });
  afterAll(async () => {
    await t?.close();
  });

  const carnet = async (numero: string, attendi?: string) => json(await atteso(buyer.GET('/carnet/{numero}', { params: { path: { numero }, query: { attendi } } }), 200, `carnet ${numero}`));
  const finoA = (numero: string, stato: string) =>
    eventually(async () => (json((await buyer.GET('/carnet/{numero}', { params: { path: { numero } } })).data)?.stato === stato ? true : undefined), 10_000, `${numero} ${stato}`);

  it('issue, use, report, expire, deadline, refusal of a new one, then allowed once reported', async () => {
    // Issue: 50 codes usable at once, valid 90 days (nota SMART CIG 2011: 04.05.2011 → 02.08.2011).
    const rilasciato = (await atteso(richiedi(buyer, CDC, RUP), 201, 'carnet')) as unknown as CarnetRichiesto;
    expect(rilasciato).toMatchObject({ numero: expect.stringMatching(/^CARNET\/\d{7}$/), dimensione: 50, stato: 'ATTIVO', descrizioneStato: 'CARNET ATTIVO' });
    expect(rilasciato.dataScadenza).toBe(new Date(clock.now().getTime() + 90 * GIORNO_MS).toISOString());
    const { numero } = rilasciato;
    const dettaglio = await carnet(numero, rilasciato.posizione);
    expect(dettaglio).toMatchObject({ dimensione: 50, cigNonRendicontati: 50, cigComunicati: 0, cigAnnullati: 0 });
    const codici = dettaglio.cig.map((c) => c.cig);
    expect(codici.every((c) => validaCig(c).famiglia === 'SMART_CIG')).toBe(true);
    expect(dettaglio.cig[0]).toMatchObject({ oggetto: '-', stato: 'NON_RENDICONTATO', descrizioneStato: 'CIG NON RENDICONTATO' });

    // Use: one code communicated with its data, one annulled; a threshold of the issue day applies.
    expect((await comunica(buyer, numero, codici[0]!, datiSmartCig({ importo: '45000' }))).error).toMatchObject({ status: 422, code: 'SOGLIA_SMARTCIG_SUPERATA' });
    const comunicato = await atteso(comunica(buyer, numero, codici[0]!, datiSmartCig()), 200, 'comunica');
    expect(comunicato).toMatchObject({ cigComunicati: 1, cig: { stato: 'COMUNICATO', tardiva: false } });
    // The number as URLs may carry it, with a dash.
    const annullato = await atteso(annulla(buyer, numero.replace('/', '-'), codici[1]!, 'non utilizzato'), 200, 'annulla');
    const dopoUso = await carnet(numero, String(annullato.posizione));
    expect(dopoUso).toMatchObject({ cigNonRendicontati: 48, cigComunicati: 1, cigAnnullati: 1 });
    expect(dopoUso.cig[0]).toMatchObject({ cig: codici[0], oggetto: 'stampe digitali', descrizioneStato: 'CIG COMUNICATO' });

    // The list and the PDF.
    const lista = await atteso(buyer.GET('/carnet', { params: { query: { attendi: String(annullato.posizione) } } }), 200, 'lista');
    expect(lista).toEqual([expect.objectContaining({ numero, dimensione: 50, stato: 'ATTIVO', dataCreazione: rilasciato.dataCreazione, dataScadenza: rilasciato.dataScadenza })]);
    const pdf = await fetch(`${t.url}/carnet/${encodeURIComponent(numero)}.pdf`, { headers: { authorization: `Bearer ${await t.token('francesca.bianchi')}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const testo = testoDelPdf(bytes);
    expect(testo).toContain(numero);
    for (const c of codici) expect(testo).toContain(c);
    expect(testo).toContain('CIG COMUNICATO');
    // The PDF cites its source by its title, nothing of how the service was built.
    expect(testo.replace(/\s+/g, ' ')).toContain('contributo professionale del 4 maggio 2011');
    expect(testo).not.toMatch(/seed/i);

    // Expiry at +90 days, reporting deadline at +30 more (deadline scheduler on the business clock).
    clock.advance(90 * GIORNO_MS);
    await finoA(numero, 'SCADUTO');
    clock.advance(30 * GIORNO_MS);
    await finoA(numero, 'RENDICONTAZIONE_SCADUTA');

    // Refusal: 48 codes not reported past the deadline.
    const rifiutato = await richiedi(buyer, CDC, RUP);
    expect(rifiutato.response.status).toBe(422);
    expect(rifiutato.error?.code).toBe('RENDICONTAZIONE_IN_RITARDO');
    expect(rifiutato.error?.detail).toMatch(new RegExp(`nota SMART CIG 2011.*${numero.replace('/', '\\/')} \\(48 CIG non rendicontati`));

    // Reported late: accepted, marked late; then a new carnet is allowed.
    // The motivo of an annulment may be left out.
    for (const c of codici.slice(2, 49)) await atteso(annulla(buyer, numero, c), 200, `annulla ${c}`);
    const tardiva = await atteso(comunica(buyer, numero, codici[49]!, datiSmartCig({ oggetto: 'toner' })), 200, 'late');
    expect(tardiva.cig).toMatchObject({ stato: 'COMUNICATO', tardiva: true });
    const nuovo = (await atteso(richiedi(buyer, CDC, RUP), 201, 'new carnet once reported')) as unknown as CarnetRichiesto;
    expect(nuovo.numero).not.toBe(numero);
    const log = await atteso(buyer.GET('/carnet/{numero}/trasmissioni', { params: { path: { numero } } }), 200, 'log');
    expect(log.at(-1)).toMatchObject({ contesto: 'Richiedi Carnet', messaggio: 'OK', servizio: 'SMARTCIG' });
  });

  it('at most 2 active carnets per RUP and CdC, also under concurrent requests', async () => {
    clock.set('2016-01-10T09:00:00.000Z');
    const altro = clientDi(t, 'giulia.mancini'); // BUYER of CDC-TOSCANA-TECNOLOGIE, RUP Marco Giovannetti
    const risposte = await Promise.all(Array.from({ length: 6 }, () => richiedi(altro, CDC_TECNOLOGIE, RUP)));
    const stati = risposte.map((r) => r.response.status).sort();
    expect(stati).toEqual([201, 201, 422, 422, 422, 422]);
    expect(risposte.filter((r) => r.response.status === 422).every((r) => r.error?.code === 'MASSIMO_CARNET_ATTIVI')).toBe(true);
    // ANAC (the simulator) issued exactly two carnets to this RUP and CdC: the losers never reached it.
    expect(t.sim.admin.legacy().carnet.filter((k) => k.centroDiCosto === CDC_TECNOLOGIE)).toHaveLength(2);
    // Another office sees neither (403 on the detail, empty list).
    const numero = (risposte.find((r) => r.response.status === 201)!.data as unknown as CarnetRichiesto).numero;
    expect((await buyer.GET('/carnet/{numero}', { params: { path: { numero: `${numero}.pdf` } } })).response.status).toBe(403);
  });

  it('a code of a carnet answers GET /cig/:cig and its history "as of", for its office only (every regime, as the README says)', async () => {
    clock.set('2015-05-04T09:00:00.000Z');
    const pisa = clientDi(t, 'luigi.verdi');
    const k = (await atteso(richiedi(pisa, 'CDC-PISA-LAVORI', 'VRDLGU68M12G702Z'), 201, 'carnet')) as unknown as CarnetRichiesto;
    const { cig: codici } = await eventually(async () => {
      const r = await pisa.GET('/carnet/{numero}', { params: { path: { numero: k.numero }, query: { attendi: k.posizione } } });
      return r.response.status === 200 ? json(r.data) : undefined;
    });
    const [usato, libero] = codici.map((c) => c.cig) as [string, string];
    const leggiCig = (cig: string) => atteso(pisa.GET('/cig/{cig}', { params: { path: { cig } } }), 200, `CIG ${cig}`);
    expect(await leggiCig(libero)).toMatchObject({
      cig: libero, regime: 'SMARTCIG', modalita: 'CARNET', stato: 'NON_RENDICONTATO', descrizioneStato: 'CIG NON RENDICONTATO', carnet: { numero: k.numero, stato: 'ATTIVO' },
    });
    clock.advance(GIORNO_MS);
    await atteso(comunica(pisa, k.numero, usato, datiSmartCig()), 200, 'comunica');
    expect(await leggiCig(usato)).toMatchObject({ stato: 'COMUNICATO', dati: { oggetto: 'stampe digitali' }, tardiva: false });

    const storia = (client: ClientCigLedger, asOf?: string) => client.GET('/cig/{cig}/storia', { params: { path: { cig: usato }, query: { asOf } } });
    const oggi = await atteso(storia(pisa), 200, 'history');
    expect(oggi).toMatchObject({ cig: usato, numeroCarnet: k.numero, ufficio: 'UFF-PISA-LLPP', stato: { cig: { stato: 'COMUNICATO' } } });
    expect(oggi.eventi.map((e) => e.tipo)).toEqual(['CarnetRilasciato', 'CigDelCarnetComunicato']);
    const allora = await atteso(storia(pisa, '2015-05-04'), 200, 'history as of the issue day');
    expect(allora).toMatchObject({ stato: { cig: { stato: 'NON_RENDICONTATO' } }, eventiSuccessivi: 1 });
    expect(allora.eventi.map((e) => e.tipo)).toEqual(['CarnetRilasciato']);

    // Another office may not read it; an auditor may.
    const auditor = clientDi(t, 'paola.neri');
    for (const client of [buyer, auditor]) {
      const statoAtteso = client === buyer ? 403 : 200;
      expect((await client.GET('/cig/{cig}', { params: { path: { cig: usato } } })).response.status).toBe(statoAtteso);
      expect((await storia(client)).response.status).toBe(statoAtteso);
    }
  });

  it('no carnet before SmartCIG existed, nor from 1/1/2024 (422 naming the rule)', async () => {
    clock.set('2024-01-01T08:00:00.000Z');
    const r = await richiedi(clientDi(t, 'luigi.verdi'), 'CDC-PISA-LAVORI', 'VRDLGU68M12G702Z');
    expect(r.error).toMatchObject({ status: 422, code: 'REGIME_NON_VIGENTE' });
    expect(r.error?.detail).toMatch(/CARNET_SMARTCIG.*nota SMART CIG 2011/);
  });
});

describe('SmartCIG: a single code with its minimal data (nota SMART CIG 2011)', () => {
  let t: TestService;
  let rup: ClientCigLedger;
  const clock = new ManualClock('2011-06-01T09:00:00.000Z');
  beforeAll(async () => {
    t = await startTestService(ENV_REGIMI, { clock });
    rup = clientDi(t, 'luigi.verdi');
  });
  afterAll(async () => {
    await t?.close();
  });
  const corpo = (dati: Record<string, unknown> = {}) => ({ centroDiCosto: 'CDC-PISA-LAVORI', rup: 'VRDLGU68M12G702Z', dati: datiSmartCig(dati) as DatiSmartCig });
  const richiediSmartCig = (dati: Record<string, unknown> = {}, headers: Record<string, string> = {}) => rup.POST('/smart-cig', { body: corpo(dati), headers });
  const modifica = (cig: string, dati: Record<string, unknown>) => rup.PATCH('/smart-cig/{cig}', { params: { path: { cig } }, body: { dati: datiSmartCig(dati) as DatiSmartCig } });

  it('threshold by fattispecie and date; modify; annul the communication; switched off from 2024', async () => {
    const oltre = await richiediSmartCig({ importo: '25000' });
    expect(oltre.error).toMatchObject({ status: 422, code: 'SOGLIA_SMARTCIG_SUPERATA', errors: [{ campo: 'dati.importo' }] });
    expect(oltre.error?.detail).toMatch(/sotto 20\.000 euro.*nota SMART CIG 2011/);
    const lavori = await atteso(richiediSmartCig({ importo: '25000', oggettoPrincipale: 'LAVORI' }), 201, 'works under 40,000');
    const cig = String(lavori.cig);
    expect(validaCig(cig).famiglia).toBe('SMART_CIG');
    const cattivo = await richiediSmartCig({ cigAccordoQuadro: '1234567ABC' });
    expect(cattivo.error).toMatchObject({ status: 400, errors: [{ campo: 'dati.cigAccordoQuadro' }] });

    const modificato = await atteso(modifica(cig, { importo: '30000', oggettoPrincipale: 'LAVORI', cup: 'J11B12000120002' }), 200, 'modifica');
    expect(modificato.stato).toBe('PERFEZIONATO');
    expect((await atteso(rup.GET('/smart-cig/{cig}', { params: { path: { cig } } }), 200, 'dettaglio')).dati).toMatchObject({ importo: '30000', cup: 'J11B12000120002' });
    await atteso(rup.POST('/smart-cig/{cig}/annulla', { params: { path: { cig } }, body: { motivo: 'contratto non stipulato' } }), 200, 'annulla');
    expect((await modifica(cig, { oggettoPrincipale: 'LAVORI' })).error).toMatchObject({ status: 409, code: 'CIG_ANNULLATO' });
    const log = await atteso(rup.GET('/smart-cig/{cig}/trasmissioni', { params: { path: { cig } } }), 200, 'log');
    expect(log.map((r) => r.contesto)).toEqual(['Annulla SmartCIG', 'Modifica SmartCIG', 'Richiedi SmartCIG']);

    clock.set('2023-12-31T23:00:00.000Z');
    const spento = await richiediSmartCig();
    expect(spento.error).toMatchObject({ status: 422, code: 'REGIME_NON_VIGENTE' });
  });

  it('ANAC unreachable: 503, nothing recorded but the failed transmission; the retry with the same Idempotency-Key gets one code', async () => {
    clock.set('2015-06-01T09:00:00.000Z');
    t.sim.admin.crashAfterCommit({ operation: 'richiedi-smartcig' });
    const persa = await richiediSmartCig({}, { 'idempotency-key': 'smart-1' });
    expect(persa.response.status).toBe(503);
    expect(persa.error?.code).toBe('ANAC_ESITO_INCERTO');
    const ripetuta = await atteso(richiediSmartCig({}, { 'idempotency-key': 'smart-1' }), 201, 'retry');
    expect(t.sim.admin.legacy().cig.filter((c) => c.cig === ripetuta.cig)).toHaveLength(1);
  });
});

/** The PDF's text as poppler's pdftotext reads it (fonts are embedded and subset: the raw bytes are not text). */
function testoDelPdf(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });
}
