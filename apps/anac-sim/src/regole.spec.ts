import { richiestaCreaAd5, richiestaCreaP2_16, schedaAd5, schedaP2_16 } from './testing/pcp-fixtures.js';
import { confermaAppalto, creaAppalto, ultimoEsito } from './testing/scenari.js';
import { avviaSimulatoreDiProva, type SimulatoreDiProva } from './testing/simulatore-di-prova.js';

const codici = (r: { body: any }) => (r.body?.errori ?? []).map((e: { codice: string }) => e.codice);

/** A deep copy of a fixture with one change applied. */
function con<T>(valore: T, modifica: (copia: any) => void): T {
  const copia = structuredClone(valore);
  modifica(copia);
  return copia;
}

describe('ANAC PCP simulator: what crea-appalto checks', () => {
  let t: SimulatoreDiProva;
  beforeAll(async () => {
    t = await avviaSimulatoreDiProva();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['scheda not supported', con(richiestaCreaAd5(), (b) => (b.scheda.codice.codice = 'P7_2')), ['ERR3']],
    ['codice scheda missing', con(richiestaCreaAd5(), (b) => delete b.scheda.codice), ['ERR30']],
    ['versione missing', con(richiestaCreaAd5(), (b) => delete b.scheda.versione), ['ERR31']],
    ['body missing', con(richiestaCreaAd5(), (b) => delete b.scheda.body), ['ERR36']],
    ['anacForm missing', con(richiestaCreaAd5(), (b) => delete b.scheda.body.anacForm), ['ERR9']],
    ['espd missing for P2_16', con(richiestaCreaP2_16(), (b) => delete b.scheda.body.espd), ['ERR10']],
    ['espd not base64 XML', con(richiestaCreaP2_16(), (b) => (b.scheda.body.espd = 'non-è-base64')), ['ERR7']],
    ['stazioniAppaltanti empty', con(richiestaCreaAd5(), (b) => (b.scheda.body.anacForm.stazioniAppaltanti = [])), ['ERR70']],
    ['codiceAppalto missing', con(richiestaCreaAd5(), (b) => delete b.scheda.body.anacForm.appalto.codiceAppalto), ['ERR37']],
    ['codiceAppalto too short', richiestaCreaAd5({ codiceAppalto: 'CORTO' }), ['ERR4']],
    ['unknown field in the scheda', con(richiestaCreaAd5(), (b) => (b.scheda.extra = 1)), ['ERR4']],
    ['no lots', con(richiestaCreaP2_16(), (b) => (b.scheda.body.anacForm.lotti = [])), ['REG128']],
    ['duplicate lotIdentifier', richiestaCreaP2_16({ lotto: () => ({ lotIdentifier: 'LOT-UGUALE' }) }), ['ERR14', 'ERR14']],
    ['lot importo 0', richiestaCreaP2_16({ importi: [60_000, 0, 50_000] }), ['REG99']],
    ['lot oggetto missing', richiestaCreaP2_16({ lotto: (i) => (i === 2 ? { datiBase: { importo: 50_000 } } : {}) }), ['ERR126']],
    ['AD5 at 5 000 €', richiestaCreaAd5({ importo: 5_000 }), ['ERR100']],
    ['AD5 with two awardees', con(richiestaCreaAd5(), (b) => b.scheda.body.anacForm.aggiudicazioni[0].partecipanti.push({ idPartecipante: 'a0000000-0000-4000-8000-000000000002', codiceFiscale: '09876543217', denominazione: 'Altra', importo: 100 })), ['REG100']],
  ])('%s → 400', async (_caso, richiesta, attesi) => {
    const r = await t.pcp.post('crea-appalto', richiesta);
    expect(r.status).toBe(400);
    expect(codici(r)).toEqual(attesi);
  });

  it('malformed JSON and a non-object body are 400 SEC03, never a stack trace', async () => {
    for (const body of ['{"scheda": ', '[]', '']) {
      const r = await t.pcp.post('crea-appalto', body);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(codici(r)).toEqual(['SEC03']);
      expect(r.text).not.toMatch(/at .*\.ts|Error:/);
    }
  });

  it('an unknown path or a wrong method is a 404 problem+json', async () => {
    for (const [method, path] of [['GET', '/ComunicaAppalto/v2/inesistente'], ['GET', '/ComunicaAppalto/v2/crea-appalto'], ['POST', '/altro']]) {
      const r = await fetch(`${t.sim.url}${path}`, { method });
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await r.json()).toMatchObject({ status: 404, title: 'KO' });
    }
  });
});

describe('ANAC PCP simulator: state rules and queries', () => {
  let t: SimulatoreDiProva;
  beforeEach(async () => {
    t = await avviaSimulatoreDiProva();
  });
  afterEach(async () => {
    await t.close();
  });

  it('modifica-appalto replaces the draft while IN_LAV; codiceAppalto is immutable (ERR73); ERR16 after conferma', async () => {
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaAd5({ codiceAppalto: 'MODIFICA-01' }));
    const modifica = await t.pcp.post('modifica-appalto', { idAppalto, scheda: schedaAd5({ codiceAppalto: 'MODIFICA-01', oggetto: 'Toner' }) });
    expect(modifica.body).toMatchObject({ status: 200, idAppalto });
    expect(await ultimoEsito(t.pcp, idAppalto, 'AP_MOD')).toMatchObject({ esito: { codice: 'OK' }, dettaglio: { codice: 'AP_MOD' } });
    const consulta = await t.pcp.get('consulta-appalto', { idAppalto });
    expect(consulta.body.appalto.scheda.body.anacForm.appalto.datiBase.oggetto).toBe('Toner');
    expect(consulta.body.appalto.scheda).toMatchObject({ codice: { idTipologica: 'codiceScheda', codice: 'AD5' }, _stato: { codice: 'IN_LAV' } });

    expect(codici(await t.pcp.post('modifica-appalto', { idAppalto, scheda: schedaAd5({ codiceAppalto: 'MODIFICA-02' }) }))).toEqual(['ERR73']);
    expect(codici(await t.pcp.post('modifica-appalto', { idAppalto, scheda: schedaP2_16({ codiceAppalto: 'MODIFICA-01' }) }))).toEqual(['ERR2']);
    await confermaAppalto(t.pcp, idAppalto, () => t.clock.advance(300));
    expect(codici(await t.pcp.post('modifica-appalto', { idAppalto, scheda: schedaAd5({ codiceAppalto: 'MODIFICA-01' }) }))).toEqual(['ERR16']);
  });

  it('conferma: ERR18 while one is running, ERR17 while a verifica runs, ERR16 once confirmed', async () => {
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaAd5());
    await t.pcp.post('verifica-appalto', { idAppalto });
    expect(await ultimoEsito(t.pcp, idAppalto, 'AP_VERIF')).toMatchObject({ esito: { codice: 'WT' }, dettaglio: { codice: 'AP_IN_VERIF' } });
    expect(codici(await t.pcp.post('conferma-appalto', { idAppalto }))).toEqual(['ERR17']);
    t.clock.advance(300);
    expect(await ultimoEsito(t.pcp, idAppalto, 'AP_VERIF')).toMatchObject({ esito: { codice: 'OK' }, dettaglio: { codice: 'AP_VERIF' } });
    expect((await t.pcp.get('stato-appalto', { idAppalto })).body.esitoStato.stato.codice).toBe('IN_LAV');

    expect((await t.pcp.post('conferma-appalto', { idAppalto })).status).toBe(200);
    expect(codici(await t.pcp.post('conferma-appalto', { idAppalto }))).toEqual(['ERR18']);
    expect(codici(await t.pcp.post('cancella-appalto', { idAppalto }))).toEqual(['ERR18']);
    t.clock.advance(300);
    expect(codici(await t.pcp.post('conferma-appalto', { idAppalto }))).toEqual(['ERR16']);
  });

  it('request fields: ERR26 missing idAppalto, AUT05 malformed uuid, 404 ERR19 unknown, SEC03 unknown field', async () => {
    expect(codici(await t.pcp.post('conferma-appalto', {}))).toEqual(['ERR26']);
    expect(codici(await t.pcp.post('conferma-appalto', { idAppalto: 'non-un-uuid' }))).toEqual(['AUT05']);
    const ignoto = await t.pcp.post('conferma-appalto', { idAppalto: '7d1f5a3e-0000-4000-8000-000000000001' });
    expect([ignoto.status, codici(ignoto)]).toEqual([404, ['ERR19']]);
    expect(codici(await t.pcp.post('conferma-appalto', { idAppalto: '7d1f5a3e-0000-4000-8000-000000000001', extra: true }))).toEqual(['SEC03']);
  });

  it('esito-operazione: required parameters, ERR92, unknown idAppalto 404 ERR19, esito filter, TUTTI_ESITI newest first', async () => {
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaAd5());
    expect(codici(await t.pcp.get('esito-operazione', { idAppalto, tipoOperazione: 'AP_CONF' }))).toEqual(['ERR34']);
    expect(codici(await t.pcp.get('esito-operazione', { tipoOperazione: 'AP_CONF', tipoRicerca: 'ULTIMO_ESITO' }))).toEqual(['ERR92']);
    expect(codici(await t.pcp.get('esito-operazione', { idAppalto, tipoOperazione: 'NON_ESISTE', tipoRicerca: 'ULTIMO_ESITO' }))).toEqual(['ERR63']);
    const ignoto = await t.pcp.get('esito-operazione', { idAppalto: '7d1f5a3e-0000-4000-8000-000000000001', tipoOperazione: 'AP_CONF', tipoRicerca: 'ULTIMO_ESITO' });
    expect([ignoto.status, codici(ignoto)]).toEqual([404, ['ERR19']]);

    t.sim.admin.programKo();
    await t.pcp.post('conferma-appalto', { idAppalto });
    t.clock.advance(300);
    await confermaAppalto(t.pcp, idAppalto, () => t.clock.advance(300));
    const tutti = await t.pcp.get('esito-operazione', { idAppalto, tipoOperazione: 'AP_CONF', tipoRicerca: 'TUTTI_ESITI' });
    expect(tutti.body.listaEsiti.map((e: any) => e.esito.codice)).toEqual(['OK', 'KO']);
    const soloKo = await t.pcp.get('esito-operazione', { idAppalto, tipoOperazione: 'AP_CONF', tipoRicerca: 'ULTIMO_ESITO', esito: 'KO' });
    expect(soloKo.body.listaEsiti).toEqual([expect.objectContaining({ esito: { idTipologica: 'esito', codice: 'KO' } })]);
    expect((await t.pcp.get('esito-operazione', { idAppalto, tipoOperazione: 'AV_PUBB', tipoRicerca: 'TUTTI_ESITI' })).body.listaEsiti).toEqual([]);
  });

  it('pubblica-avviso: ERR16 before the conferma, ERR49 with the avviso of another appalto, ERR22 unknown avviso', async () => {
    const primo = await creaAppalto(t.pcp, richiestaCreaP2_16({ codiceAppalto: 'AVVISO-0001' }));
    const secondo = await creaAppalto(t.pcp, richiestaCreaP2_16({ codiceAppalto: 'AVVISO-0002' }));
    const { idAvviso } = await confermaAppalto(t.pcp, primo, () => t.clock.advance(300));
    expect(codici(await t.pcp.post('pubblica-avviso', { idAppalto: secondo, idAvviso }))).toEqual(['ERR49']);
    const ignoto = await t.pcp.post('pubblica-avviso', { idAppalto: primo, idAvviso: '7d1f5a3e-0000-4000-8000-000000000001' });
    expect([ignoto.status, codici(ignoto)]).toEqual([404, ['ERR22']]);
    await confermaAppalto(t.pcp, secondo, () => t.clock.advance(300));
    expect(codici(await t.pcp.post('pubblica-avviso', { idAppalto: secondo, idAvviso }))).toEqual(['ERR49']);
    const terzo = await creaAppalto(t.pcp, richiestaCreaP2_16({ codiceAppalto: 'AVVISO-0003' }));
    expect(codici(await t.pcp.post('pubblica-avviso', { idAppalto: terzo, idAvviso }))).toEqual(['ERR49']);
    expect(codici(await t.pcp.post('modifica-avviso', { idAppalto: primo, idAvviso, scheda: schedaP2_16({ codiceAppalto: 'AVVISO-0001' }) }))).toEqual(['ERR50']);
  });

  it('ricerca-appalto filter rules (ERR34) and stato-appalto AUT04; lookups by cig', async () => {
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaP2_16({ codiceAppalto: 'RICERCA-001' }));
    await confermaAppalto(t.pcp, idAppalto, () => t.clock.advance(300));
    expect(codici(await t.pcp.get('ricerca-appalto', {}))).toEqual(['ERR34']);
    expect(codici(await t.pcp.get('ricerca-appalto', { lotIdentifier: 'LOT-0001' }))).toEqual(['ERR34']);
    expect(codici(await t.pcp.get('ricerca-appalto', { stato: 'CONF' }))).toEqual(['ERR34']);
    expect(codici(await t.pcp.get('ricerca-appalto', { dataCreazioneDa: 'ieri' }))).toEqual(['AUT09']);
    const perLotto = await t.pcp.get('ricerca-appalto', { codiceAppalto: 'RICERCA-001', lotIdentifier: 'LOT-0002' });
    expect(perLotto.body.result[0].lotti.map((l: any) => l.lotIdentifier)).toEqual(['LOT-0002']);
    const perData = await t.pcp.get('ricerca-appalto', { dataCreazioneDa: '2025-03-01T00:00:00Z', stato: 'CONF' });
    expect(perData.body.totRows).toBe(1);
    const cig = perLotto.body.result[0].lotti[0].cig;

    expect(codici(await t.pcp.get('stato-appalto', {}))).toEqual(['AUT04']);
    expect(codici(await t.pcp.get('stato-appalto', { idAppalto, cig }))).toEqual(['AUT04']);
    expect((await t.pcp.get('stato-appalto', { cig })).body.esitoStato).toMatchObject({ cig, stato: { idTipologica: 'statoLotto', codice: 'CONF' } });
    expect((await t.pcp.get('stato-appalto', { cig: 'B000FFF000' })).status).toBe(404);
    expect((await t.pcp.get('consulta-appalto', { cig })).body.appalto.idAppalto).toBe(idAppalto);
    expect((await t.pcp.get('ricerca-appalto', { cig })).body.result[0].lotti).toHaveLength(1);
  });
});
