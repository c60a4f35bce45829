import { execFileSync } from 'node:child_process';
import { validaCig } from '#anac';
import { ManualClock } from '#platform';
import { CDC, CDC_TECNOLOGIE, datiSmartCig, ENV_REGIMI, GIORNO_MS, must, RUP } from './support/regimi.js';
import { eventually, startTestService, type TestService, type UserClient } from './support/service.js';

/** Carnets of SmartCIG (nota SMART CIG 2011) over HTTP with a fake business clock, from issue to the refusal and back. */
describe('Carnet: the whole life with a fake clock', () => {
  let t: TestService;
  let buyer: UserClient;
  const clock = new ManualClock('2015-03-02T09:00:00.000Z');
  beforeAll(async () => {
    t = await startTestService(ENV_REGIMI, { clock });
    buyer = t.as('francesca.bianchi');
  });
  afterAll(async () => {
    await t?.close();
  });

  const carnet = async (numero: string, attendi?: string) => must(await buyer.request('GET', `/carnet/${encodeURIComponent(numero)}${attendi ? `?attendi=${encodeURIComponent(attendi)}` : ''}`), 200, `carnet ${numero}`);
  const finoA = (numero: string, stato: string) =>
    eventually(async () => ((await buyer.request('GET', `/carnet/${encodeURIComponent(numero)}`)).body?.stato === stato ? true : undefined), 10_000, `${numero} ${stato}`);

  it('issue, use, report, expire, deadline, refusal of a new one, then allowed once reported', async () => {
    // Issue: 50 codes usable at once, valid 90 days (nota SMART CIG 2011: 04.05.2011 → 02.08.2011).
    const rilasciato = must(await buyer.request('POST', '/carnet', { centroDiCosto: CDC, rup: RUP }), 201, 'carnet');
    expect(rilasciato).toMatchObject({ numero: expect.stringMatching(/^CARNET\/\d{7}$/), dimensione: 50, stato: 'ATTIVO', descrizioneStato: 'CARNET ATTIVO' });
    expect(rilasciato.dataScadenza).toBe(new Date(clock.now().getTime() + 90 * GIORNO_MS).toISOString());
    const { numero } = rilasciato;
    const dettaglio = await carnet(numero, rilasciato.posizione);
    expect(dettaglio).toMatchObject({ dimensione: 50, cigNonRendicontati: 50, cigComunicati: 0, cigAnnullati: 0 });
    const codici: string[] = dettaglio.cig.map((c: { cig: string }) => c.cig);
    expect(codici.every((c) => validaCig(c).famiglia === 'SMART_CIG')).toBe(true);
    expect(dettaglio.cig[0]).toMatchObject({ oggetto: '-', stato: 'NON_RENDICONTATO', descrizioneStato: 'CIG NON RENDICONTATO' });

    // Use: one code communicated with its data, one annulled; a threshold of the issue day applies.
    expect((await buyer.request('POST', `/carnet/${encodeURIComponent(numero)}/cig/${codici[0]}/comunica`, datiSmartCig({ importo: '45000' }))).body).toMatchObject({ status: 422, code: 'SOGLIA_SMARTCIG_SUPERATA' });
    const comunicato = must(await buyer.request('POST', `/carnet/${encodeURIComponent(numero)}/cig/${codici[0]}/comunica`, datiSmartCig()), 200, 'comunica');
    expect(comunicato).toMatchObject({ cigComunicati: 1, cig: { stato: 'COMUNICATO', tardiva: false } });
    const annullato = must(await buyer.request('POST', `/carnet/${numero.replace('/', '-')}/cig/${codici[1]}/annulla`, { motivo: 'non utilizzato' }), 200, 'annulla');
    const dopoUso = await carnet(numero, annullato.posizione);
    expect(dopoUso).toMatchObject({ cigNonRendicontati: 48, cigComunicati: 1, cigAnnullati: 1 });
    expect(dopoUso.cig[0]).toMatchObject({ cig: codici[0], oggetto: 'stampe digitali', descrizioneStato: 'CIG COMUNICATO' });

    // The list and the PDF.
    const lista = must(await buyer.request('GET', `/carnet?attendi=${encodeURIComponent(annullato.posizione)}`), 200, 'lista');
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
    const rifiutato = await buyer.request('POST', '/carnet', { centroDiCosto: CDC, rup: RUP });
    expect(rifiutato.status).toBe(422);
    expect(rifiutato.body.code).toBe('RENDICONTAZIONE_IN_RITARDO');
    expect(rifiutato.body.detail).toMatch(new RegExp(`nota SMART CIG 2011.*${numero.replace('/', '\\/')} \\(48 CIG non rendicontati`));

    // Reported late: accepted, marked late; then a new carnet is allowed.
    for (const c of codici.slice(2, 49)) must(await buyer.request('POST', `/carnet/${encodeURIComponent(numero)}/cig/${c}/annulla`, {}), 200, `annulla ${c}`);
    const tardiva = must(await buyer.request('POST', `/carnet/${encodeURIComponent(numero)}/cig/${codici[49]}/comunica`, datiSmartCig({ oggetto: 'toner' })), 200, 'late');
    expect(tardiva.cig).toMatchObject({ stato: 'COMUNICATO', tardiva: true });
    const nuovo = must(await buyer.request('POST', '/carnet', { centroDiCosto: CDC, rup: RUP }), 201, 'new carnet once reported');
    expect(nuovo.numero).not.toBe(numero);
    const log = must(await buyer.request('GET', `/carnet/${encodeURIComponent(numero)}/trasmissioni`), 200, 'log');
    expect(log.at(-1)).toMatchObject({ contesto: 'Richiedi Carnet', messaggio: 'OK', servizio: 'SMARTCIG' });
  });

  it('at most 2 active carnets per RUP and CdC, also under concurrent requests', async () => {
    clock.set('2016-01-10T09:00:00.000Z');
    const altro = t.as('giulia.mancini'); // BUYER of CDC-TOSCANA-TECNOLOGIE, RUP Marco Giovannetti
    const risposte = await Promise.all(Array.from({ length: 6 }, () => altro.request('POST', '/carnet', { centroDiCosto: CDC_TECNOLOGIE, rup: RUP })));
    const stati = risposte.map((r) => r.status).sort();
    expect(stati).toEqual([201, 201, 422, 422, 422, 422]);
    expect(risposte.filter((r) => r.status === 422).every((r) => r.body.code === 'MASSIMO_CARNET_ATTIVI')).toBe(true);
    // ANAC (the simulator) issued exactly two carnets to this RUP and CdC: the losers never reached it.
    expect(t.sim.admin.legacy().carnet.filter((k) => k.centroDiCosto === CDC_TECNOLOGIE)).toHaveLength(2);
    // Another office sees neither (403 on the detail, empty list).
    const numero = risposte.find((r) => r.status === 201)!.body.numero as string;
    expect((await buyer.request('GET', `/carnet/${encodeURIComponent(numero)}.pdf`)).status).toBe(403);
  });

  it('a code of a carnet answers GET /cig/:cig and its history "as of", for its office only (every regime, as the README says)', async () => {
    clock.set('2015-05-04T09:00:00.000Z');
    const pisa = t.as('luigi.verdi');
    const k = must(await pisa.request('POST', '/carnet', { centroDiCosto: 'CDC-PISA-LAVORI', rup: 'VRDLGU68M12G702Z' }), 201, 'carnet');
    const { cig: codici } = await eventually(async () => {
      const r = await pisa.request('GET', `/carnet/${encodeURIComponent(k.numero)}?attendi=${encodeURIComponent(k.posizione)}`);
      return r.status === 200 ? r.body : undefined;
    });
    const [usato, libero] = codici.map((c: { cig: string }) => c.cig);
    expect(must(await pisa.request('GET', `/cig/${libero}`), 200, 'carnet code')).toMatchObject({
      cig: libero, regime: 'SMARTCIG', modalita: 'CARNET', stato: 'NON_RENDICONTATO', descrizioneStato: 'CIG NON RENDICONTATO', carnet: { numero: k.numero, stato: 'ATTIVO' },
    });
    clock.advance(GIORNO_MS);
    must(await pisa.request('POST', `/carnet/${encodeURIComponent(k.numero)}/cig/${usato}/comunica`, datiSmartCig()), 200, 'comunica');
    expect(must(await pisa.request('GET', `/cig/${usato}`), 200, 'used code')).toMatchObject({ stato: 'COMUNICATO', dati: { oggetto: 'stampe digitali' }, tardiva: false });

    const oggi = must(await pisa.request('GET', `/cig/${usato}/storia`), 200, 'history');
    expect(oggi).toMatchObject({ cig: usato, numeroCarnet: k.numero, ufficio: 'UFF-PISA-LLPP', stato: { cig: { stato: 'COMUNICATO' } } });
    expect(oggi.eventi.map((e: { tipo: string }) => e.tipo)).toEqual(['CarnetRilasciato', 'CigDelCarnetComunicato']);
    const allora = must(await pisa.request('GET', `/cig/${usato}/storia?asOf=2015-05-04`), 200, 'history as of the issue day');
    expect(allora).toMatchObject({ stato: { cig: { stato: 'NON_RENDICONTATO' } }, eventiSuccessivi: 1 });
    expect(allora.eventi.map((e: { tipo: string }) => e.tipo)).toEqual(['CarnetRilasciato']);

    // Another office may not read it; an auditor may.
    for (const percorso of [`/cig/${usato}`, `/cig/${usato}/storia`]) {
      expect((await buyer.request('GET', percorso)).status).toBe(403);
      expect((await t.as('paola.neri').request('GET', percorso)).status).toBe(200);
    }
  });

  it('no carnet before SmartCIG existed, nor from 1/1/2024 (422 naming the rule)', async () => {
    clock.set('2024-01-01T08:00:00.000Z');
    const r = await t.as('luigi.verdi').request('POST', '/carnet', { centroDiCosto: 'CDC-PISA-LAVORI', rup: 'VRDLGU68M12G702Z' });
    expect(r.body).toMatchObject({ status: 422, code: 'REGIME_NON_VIGENTE' });
    expect(r.body.detail).toMatch(/CARNET_SMARTCIG.*nota SMART CIG 2011/);
  });
});

describe('SmartCIG: a single code with its minimal data (nota SMART CIG 2011)', () => {
  let t: TestService;
  let rup: UserClient;
  const clock = new ManualClock('2011-06-01T09:00:00.000Z');
  beforeAll(async () => {
    t = await startTestService(ENV_REGIMI, { clock });
    rup = t.as('luigi.verdi');
  });
  afterAll(async () => {
    await t?.close();
  });
  const corpo = (dati: Record<string, unknown> = {}) => ({ centroDiCosto: 'CDC-PISA-LAVORI', rup: 'VRDLGU68M12G702Z', dati: datiSmartCig(dati) });

  it('threshold by fattispecie and date; modify; annul the communication; switched off from 2024', async () => {
    const oltre = await rup.request('POST', '/smart-cig', corpo({ importo: '25000' }));
    expect(oltre.body).toMatchObject({ status: 422, code: 'SOGLIA_SMARTCIG_SUPERATA', errors: [{ campo: 'dati.importo' }] });
    expect(oltre.body.detail).toMatch(/sotto 20\.000 euro.*nota SMART CIG 2011/);
    const lavori = must(await rup.request('POST', '/smart-cig', corpo({ importo: '25000', oggettoPrincipale: 'LAVORI' })), 201, 'works under 40,000');
    expect(validaCig(lavori.cig).famiglia).toBe('SMART_CIG');
    const cattivo = await rup.request('POST', '/smart-cig', corpo({ cigAccordoQuadro: '1234567ABC' }));
    expect(cattivo.body).toMatchObject({ status: 400, errors: [{ campo: 'dati.cigAccordoQuadro' }] });

    const modificato = must(await rup.request('PATCH', `/smart-cig/${lavori.cig}`, { dati: datiSmartCig({ importo: '30000', oggettoPrincipale: 'LAVORI', cup: 'J11B12000120002' }) }), 200, 'modifica');
    expect(modificato.stato).toBe('PERFEZIONATO');
    expect(must(await rup.request('GET', `/smart-cig/${lavori.cig}`), 200, 'dettaglio').dati).toMatchObject({ importo: '30000', cup: 'J11B12000120002' });
    must(await rup.request('POST', `/smart-cig/${lavori.cig}/annulla`, { motivo: 'contratto non stipulato' }), 200, 'annulla');
    expect((await rup.request('PATCH', `/smart-cig/${lavori.cig}`, { dati: datiSmartCig({ oggettoPrincipale: 'LAVORI' }) })).body).toMatchObject({ status: 409, code: 'CIG_ANNULLATO' });
    const log = must(await rup.request('GET', `/smart-cig/${lavori.cig}/trasmissioni`), 200, 'log');
    expect(log.map((r: { contesto: string }) => r.contesto)).toEqual(['Annulla SmartCIG', 'Modifica SmartCIG', 'Richiedi SmartCIG']);

    clock.set('2023-12-31T23:00:00.000Z');
    const spento = await rup.request('POST', '/smart-cig', corpo());
    expect(spento.body).toMatchObject({ status: 422, code: 'REGIME_NON_VIGENTE' });
  });

  it('ANAC unreachable: 503, nothing recorded but the failed transmission; the retry with the same Idempotency-Key gets one code', async () => {
    clock.set('2015-06-01T09:00:00.000Z');
    t.sim.admin.crashAfterCommit({ operation: 'richiedi-smartcig' });
    const persa = await rup.request('POST', '/smart-cig', corpo(), { 'idempotency-key': 'smart-1' });
    expect(persa.status).toBe(503);
    expect(persa.body.code).toBe('ANAC_ESITO_INCERTO');
    const ripetuta = must(await rup.request('POST', '/smart-cig', corpo(), { 'idempotency-key': 'smart-1' }), 201, 'retry');
    expect(t.sim.admin.legacy().cig.filter((c) => c.cig === ripetuta.cig)).toHaveLength(1);
  });
});

/** The PDF's text as poppler's pdftotext reads it (fonts are embedded and subset: the raw bytes are not text). */
function testoDelPdf(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });
}
