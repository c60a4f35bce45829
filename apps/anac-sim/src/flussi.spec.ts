import { validaCig } from '#anac';
import { richiestaCreaAd5, richiestaCreaP2_16, schedaP2_16 } from './testing/pcp-fixtures.js';
import { confermaAppalto, creaAppalto, pubblicaAvviso, tuttiICig, ultimoEsito } from './testing/scenari.js';
import { avviaSimulatoreDiProva, type SimulatoreDiProva } from './testing/simulatore-di-prova.js';

describe('ANAC PCP simulator: the flows that obtain CIGs', () => {
  let t: SimulatoreDiProva;
  beforeEach(async () => {
    t = await avviaSimulatoreDiProva();
  });
  afterEach(async () => {
    await t.close();
  });

  it('AD5: crea → conferma → esito WT → OK → recupera-cig gives one valid PCP code per lot', async () => {
    const crea = await t.pcp.post('crea-appalto', richiestaCreaAd5({ codiceAppalto: 'AD5-HAPPY-0001' }));
    expect(crea.status).toBe(200);
    expect(crea.body).toEqual({ type: 'about:blank', title: 'Operazione Effettuata', status: 200, detail: 'Creazione eseguita con successo', idAppalto: expect.any(String) });
    const idAppalto = crea.body.idAppalto;
    expect(await ultimoEsito(t.pcp, idAppalto, 'AP_CREA')).toMatchObject({ esito: { codice: 'OK' }, dettaglio: { idTipologica: 'esitoOperazione', codice: 'AP_CRE' } });

    const ack = await t.pcp.post('conferma-appalto', { idAppalto });
    expect(ack.status).toBe(200);
    expect(ack.body).toEqual({ type: 'about:blank', title: 'OK', status: 200, detail: 'Richiesta acquisita' });
    expect(ack.headers.get('content-type')).toMatch(/^application\/json/);

    const attesa = await ultimoEsito(t.pcp, idAppalto, 'AP_CONF');
    expect(attesa).toMatchObject({ esito: { idTipologica: 'esito', codice: 'WT' }, tipoOperazione: { idTipologica: 'tipoOperazione', codice: 'AP_CONF' }, dettaglio: { codice: 'AP_IN_CONF' } });
    expect((await t.pcp.get('recupera-cig', { idAppalto })).body.errori[0].codice).toBe('ERR16');

    t.clock.advance(300);
    const esito = await ultimoEsito(t.pcp, idAppalto, 'AP_CONF');
    expect(esito).toMatchObject({ idAppalto, esito: { codice: 'OK' }, dettaglio: { codice: 'AP_CONF' }, idAvviso: expect.any(String), idScheda: expect.any(String) });

    const cig = await t.pcp.get('recupera-cig', { idAppalto });
    expect(cig.body).toMatchObject({ status: 200, totRows: 1, totPages: 1, currentPage: 1, elementPage: 20 });
    expect(cig.body.result).toEqual([{ cig: expect.any(String), lotIdentifier: 'LOT-0001' }]);
    expect(validaCig(cig.body.result[0].cig)).toMatchObject({ valido: true, famiglia: 'SIMOG_PCP' });
    const stato = await t.pcp.get('stato-appalto', { idAppalto });
    expect(stato.body.esitoStato).toMatchObject({ idAppalto, stato: { idTipologica: 'statoAppalto', codice: 'CONF' } });
  });

  it('every CIG issued is valid and unique, across appalti', async () => {
    const codici: string[] = [];
    for (let i = 0; i < 5; i++) {
      const idAppalto = await creaAppalto(t.pcp, richiestaCreaP2_16({ codiceAppalto: `UNICI-000${i}` }));
      await confermaAppalto(t.pcp, idAppalto, () => t.clock.advance(300));
      codici.push(...(await tuttiICig(t.pcp, idAppalto)).map((c) => c.cig));
    }
    expect(codici).toHaveLength(15);
    expect(new Set(codici).size).toBe(15);
    expect(codici.every((c) => validaCig(c).valido)).toBe(true);
  });

  it('open procedure with 3 lots: conferma → pubblica-avviso → IN_ATT_PUBB → esito AV_PUBB OK → PUBB', async () => {
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaP2_16());
    const { idAvviso } = await confermaAppalto(t.pcp, idAppalto, () => t.clock.advance(300));
    const lotti = await tuttiICig(t.pcp, idAppalto);
    expect(lotti.map((l) => l.lotIdentifier)).toEqual(['LOT-0001', 'LOT-0002', 'LOT-0003']);

    await pubblicaAvviso(t.pcp, idAppalto, idAvviso);
    expect((await t.pcp.get('stato-appalto', { idAppalto })).body.esitoStato.stato.codice).toBe('IN_ATT_PUBB');
    expect((await t.pcp.get('stato-avviso', { idAvviso })).body.statoAvviso).toMatchObject({ idAvviso, idAppalto, stato: { idTipologica: 'statoAvviso', codice: 'IN_ATT_PUBB' } });
    expect(await ultimoEsito(t.pcp, idAppalto, 'AV_PUBB')).toMatchObject({ esito: { codice: 'WT' }, dettaglio: { codice: 'AV_RICHIESTA_PUBB_IN_CORSO' } });
    expect((await t.pcp.post('pubblica-avviso', { idAppalto, idAvviso })).body.errori[0].codice).toBe('ERR44');

    t.clock.advance(500);
    expect(await ultimoEsito(t.pcp, idAppalto, 'AV_PUBB')).toMatchObject({ esito: { codice: 'OK' }, dettaglio: { codice: 'AV_PUBB' }, idAvviso });
    expect((await t.pcp.get('stato-appalto', { idAppalto })).body.esitoStato.stato.codice).toBe('PUBB');
    expect((await t.pcp.get('stato-avviso', { idAvviso })).body.statoAvviso.stato.codice).toBe('PUBB');
    const ricerca = await t.pcp.get('ricerca-appalto', { codiceAppalto: 'CIGL-2025-000124' });
    expect(ricerca.body.result[0]).toMatchObject({ idAppalto, stato: { codice: 'PUBB' } });
    expect(ricerca.body.result[0].lotti[1]).toEqual({
      cig: lotti[1].cig, lotIdentifier: 'LOT-0002', oggetto: 'Lotto 2 - Pulizia biblioteca civica', importo: '70000.00',
      stato: { idTipologica: 'statoLotto', codice: 'PUBB' }, oggettoContratto: { idTipologica: 'oggettoContratto', codice: 'services' },
    });
  });

  it('modifica-avviso regenerates the CIG of every lot; the old codes answer CANC and are never reissued', async () => {
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaP2_16());
    const { idAvviso } = await confermaAppalto(t.pcp, idAppalto, () => t.clock.advance(300));
    const prima = await tuttiICig(t.pcp, idAppalto);
    await pubblicaAvviso(t.pcp, idAppalto, idAvviso);

    const modifica = await t.pcp.post('modifica-avviso', { idAvviso, idAppalto, scheda: schedaP2_16() });
    expect(modifica.body).toMatchObject({ status: 200, detail: 'Richiesta acquisita' });
    expect(await ultimoEsito(t.pcp, idAppalto, 'AV_MOD')).toMatchObject({ esito: { codice: 'WT' }, dettaglio: { codice: 'AV_RICHIESTA_MOD_IN_CORSO' } });
    t.clock.advance(300);
    const esito = await ultimoEsito(t.pcp, idAppalto, 'AV_MOD');
    expect(esito).toMatchObject({ esito: { codice: 'OK' }, dettaglio: { codice: 'AV_MOD' }, idAvviso, idNuovoAvviso: expect.any(String), idNuovaScheda: expect.any(String), codiceNuovaScheda: 'P2_16' });

    const dopo = await tuttiICig(t.pcp, idAppalto);
    expect(dopo.map((l) => l.lotIdentifier)).toEqual(prima.map((l) => l.lotIdentifier));
    for (let i = 0; i < prima.length; i++) expect(dopo[i].cig).not.toBe(prima[i].cig);
    expect(new Set([...prima, ...dopo].map((l) => l.cig)).size).toBe(6);
    expect(dopo.every((l) => validaCig(l.cig).valido)).toBe(true);
    expect((await t.pcp.get('stato-appalto', { cig: prima[0].cig })).body.esitoStato).toMatchObject({ cig: prima[0].cig, stato: { codice: 'CANC' } });
    expect((await t.pcp.get('stato-appalto', { cig: dopo[0].cig })).body.esitoStato.stato.codice).toBe('IN_ATT_PUBB');
    expect((await t.pcp.get('stato-avviso', { idAvviso })).body.statoAvviso.stato.codice).toBe('MOD');
    expect((await t.pcp.get('stato-avviso', { idAvviso: esito.idNuovoAvviso })).body.statoAvviso.stato.codice).toBe('IN_ATT_PUBB');

    // The publication restarts for the new avviso and completes as usual.
    t.clock.advance(500);
    expect(await ultimoEsito(t.pcp, idAppalto, 'AV_PUBB')).toMatchObject({ esito: { codice: 'OK' }, idAvviso: esito.idNuovoAvviso });
    expect((await t.pcp.get('stato-appalto', { idAppalto })).body.esitoStato.stato.codice).toBe('PUBB');
    expect((await t.pcp.post('modifica-avviso', { idAvviso: esito.idNuovoAvviso, idAppalto, scheda: schedaP2_16() })).body.errori[0].codice).toBe('ERR50');
  });

  it('ERR38: a second crea-appalto with the same codiceAppalto is refused and creates nothing', async () => {
    await creaAppalto(t.pcp, richiestaCreaAd5({ codiceAppalto: 'DOPPIO-0001' }));
    const doppio = await t.pcp.post('crea-appalto', richiestaCreaAd5({ codiceAppalto: 'DOPPIO-0001' }));
    expect(doppio.status).toBe(400);
    expect(doppio.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(doppio.body).toMatchObject({ status: 400, title: 'KO', type: 'about:blank', errori: [{ idTipologica: 'errori', codice: 'ERR38' }] });
    expect(t.sim.admin.countByCodiceAppalto()).toEqual({ 'DOPPIO-0001': 1 });
    const trovato = await t.pcp.get('ricerca-appalto', { codiceAppalto: 'DOPPIO-0001' });
    expect(trovato.body.totRows).toBe(1);
  });

  it('ERR16: cancella-appalto is allowed in IN_LAV and CONF, refused once pubblica-avviso was called', async () => {
    const inLavorazione = await creaAppalto(t.pcp, richiestaCreaAd5({ codiceAppalto: 'CANC-IN-LAV' }));
    expect((await t.pcp.post('cancella-appalto', { idAppalto: inLavorazione, motivo: 'Revoca' })).body).toMatchObject({ status: 200, detail: 'Cancellazione eseguita con successo' });
    expect((await t.pcp.get('stato-appalto', { idAppalto: inLavorazione })).body.esitoStato.stato.codice).toBe('CANC');

    const confermato = await creaAppalto(t.pcp, richiestaCreaP2_16({ codiceAppalto: 'CANC-CONF-01' }));
    await confermaAppalto(t.pcp, confermato, () => t.clock.advance(300));
    expect((await t.pcp.post('cancella-appalto', { idAppalto: confermato })).status).toBe(200);

    const pubblicato = await creaAppalto(t.pcp, richiestaCreaP2_16({ codiceAppalto: 'CANC-PUBB-01' }));
    const { idAvviso } = await confermaAppalto(t.pcp, pubblicato, () => t.clock.advance(300));
    await pubblicaAvviso(t.pcp, pubblicato, idAvviso);
    const rifiuto = await t.pcp.post('cancella-appalto', { idAppalto: pubblicato });
    expect(rifiuto.status).toBe(400);
    expect(rifiuto.body.errori[0].codice).toBe('ERR16');
    t.clock.advance(500);
    expect((await t.pcp.post('cancella-appalto', { idAppalto: pubblicato })).body.errori[0].codice).toBe('ERR16');
  });

  it('recupera-cig pages 45 lots in 3 pages of at most 20; perPage > 20 is refused', async () => {
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaP2_16({ codiceAppalto: 'PAGINE-45', numeroLotti: 45 }));
    await confermaAppalto(t.pcp, idAppalto, () => t.clock.advance(300));
    const pagine = [];
    for (const page of [1, 2, 3]) pagine.push((await t.pcp.get('recupera-cig', { idAppalto, page, perPage: 20 })).body);
    expect(pagine.map((p) => [p.totRows, p.totPages, p.currentPage, p.elementPage, p.result.length])).toEqual([
      [45, 3, 1, 20, 20], [45, 3, 2, 20, 20], [45, 3, 3, 20, 5],
    ]);
    const tutti = pagine.flatMap((p) => p.result);
    expect(new Set(tutti.map((c: { cig: string }) => c.cig)).size).toBe(45);
    expect(tutti.map((c: { lotIdentifier: string }) => c.lotIdentifier)).toEqual(Array.from({ length: 45 }, (_, i) => `LOT-${String(i + 1).padStart(4, '0')}`));
    expect((await t.pcp.get('recupera-cig', { idAppalto })).body.result).toHaveLength(20);

    const troppi = await t.pcp.get('recupera-cig', { idAppalto, perPage: 21 });
    expect(troppi.status).toBe(400);
    expect(troppi.body.errori[0].codice).toBe('AUT11');
    expect((await t.pcp.get('recupera-cig', { idAppalto, page: 0 })).body.errori[0].codice).toBe('AUT11');
  });
});
