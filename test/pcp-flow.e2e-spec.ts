import { isCigValido } from '#anac';
import { preparaAd5, preparaAperta } from './support/appalti.js';
import { eventually, startTestService, type TestService, type UserClient } from './support/service.js';

/** The PCP flow over HTTP, service and simulator both running, end to end. */
describe('PCP: from draft to CIG', () => {
  let t: TestService;
  let buyer: UserClient;
  beforeAll(async () => {
    t = await startTestService();
    buyer = t.as('francesca.bianchi');
  });
  afterAll(async () => {
    await t?.close();
  });

  const appalto = (id: string) => buyer.request('GET', `/appalti/${id}`).then((r) => r.body);
  const finoA = (id: string, stato: string) =>
    eventually(async () => {
      const a = await appalto(id);
      return a.stato === stato && !a.operazioneInCorso ? a : undefined;
    }, 20_000, `appalto ${id} in ${stato}`);

  it('(a) an AD5 direct award goes from draft to a valid CIG, usable at once', async () => {
    const id = await preparaAd5(buyer);
    const verifica = await buyer.request('POST', `/appalti/${id}/verifica`);
    expect(verifica.body).toMatchObject({ esito: 'OK', problemi: [] });
    const inviato = await buyer.request('POST', `/appalti/${id}/conferma`);
    expect(inviato.status).toBe(202);
    expect(inviato.body.posizione).toMatch(/^\d{20}\/\d{20}$/);
    const a = await finoA(id, 'CONF');
    expect(a.statoRichiesta).toBe('Perfezionata');
    expect(a.cigDisponibili).toBe(true);
    // Amounts read the same on the appalto and in the listing: two decimals.
    expect(a.importoComplessivo).toBe('1250.00');
    expect(a.lotti[0].importo).toBe('1250.00');
    const riga = await eventually(async () => (await buyer.request('GET', `/cig?codice=${id}`)).body.risultati.find((r: { cig: string | null }) => r.cig));
    expect(riga.importoComplessivo).toBe('1250.00');
    const [lotto] = a.lotti;
    expect(isCigValido(lotto.cig)).toBe(true);
    expect(t.sim.admin.countByCodiceAppalto()[id]).toBe(1);

    const log = await buyer.request('GET', `/appalti/${id}/trasmissioni?attendi=${encodeURIComponent(inviato.body.posizione)}`);
    const contesti = await eventually(async () => {
      const r = await buyer.request('GET', `/appalti/${id}/trasmissioni`);
      const c = r.body.map((x: { contesto: string }) => x.contesto);
      return c.includes('Recupera CIG') ? c : undefined;
    });
    expect(log.status).toBe(200);
    expect(contesti).toEqual(expect.arrayContaining(['Crea Appalto', 'Conferma Appalto', 'Esito Operazione', 'Recupera CIG']));
    const righe = (await buyer.request('GET', `/appalti/${id}/trasmissioni`)).body;
    expect(righe.find((r: { contesto: string }) => r.contesto === 'Crea Appalto')).toMatchObject({
      messaggio: 'OK',
      descrizione: 'Richiesta elaborata con successo',
      perContoDi: 'GVNMRC70A01D612Q',
      messageId: expect.any(String),
      transactionId: expect.any(String),
      requestId: expect.any(String),
    });
    expect(righe.some((r: { descrizione: string }) => /Esito Operazione: Appalto confermato/.test(r.descrizione))).toBe(true);

    const usato = await buyer.request('POST', `/cig/${lotto.cig}/utilizza`, { idProcedura: 'PROC-1' });
    expect(usato.status).toBe(200);
    const cig = await buyer.request('GET', `/cig/${lotto.cig}`);
    expect(cig.body).toMatchObject({ cig: lotto.cig, stato: 'PERFEZIONATO', appalto: { id } });
  });

  it('(b) an open procedure with 3 lots gets 3 CIGs at conferma, usable once published (PUBB)', async () => {
    const id = await preparaAperta(buyer, 3);
    expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    const confermato = await finoA(id, 'CONF');
    const codici = confermato.lotti.map((l: { cig: string }) => l.cig);
    expect(codici.every(isCigValido)).toBe(true);
    expect(new Set(codici).size).toBe(3);
    expect(confermato.cigDisponibili).toBe(false);
    expect(confermato.eliminazioneAnacPrevista).toMatchObject({ giorniRimanenti: 90 });
    const presto = await buyer.request('POST', `/cig/${codici[0]}/utilizza`, { idProcedura: 'PROC-2' });
    expect(presto.status).toBe(422);
    expect(presto.body.code).toBe('CIG_NON_ANCORA_DISPONIBILE');

    expect((await buyer.request('POST', `/appalti/${id}/pubblica`)).status).toBe(202);
    const pubblicato = await finoA(id, 'PUBB');
    expect(pubblicato.cigDisponibili).toBe(true);
    expect(pubblicato.lotti.map((l: { cig: string }) => l.cig)).toEqual(codici);
    expect((await buyer.request('POST', `/cig/${codici[0]}/utilizza`, { idProcedura: 'PROC-2' })).status).toBe(200);
  });

  it('an open procedure is "Richiesta" at CONF, its CIGs not perfected until published; cancelled before publication they never were', async () => {
    const id = await preparaAperta(buyer, 1);
    await buyer.request('POST', `/appalti/${id}/conferma`);
    const confermato = await finoA(id, 'CONF');
    expect(confermato.statoRichiesta).toBe('Richiesta');
    const [codice] = confermato.lotti.map((l: { cig: string }) => l.cig);
    expect((await buyer.request('GET', `/cig/${codice}`)).body).toMatchObject({ stato: 'ASSEGNATO', perfezionato: false });
    expect((await buyer.request('DELETE', `/appalti/${id}`, { motivo: 'Gara revocata' })).status).toBe(202);
    await finoA(id, 'CANC');
    const cancellato = await eventually(async () => {
      const r = (await buyer.request('GET', `/cig/${codice}`)).body;
      return r.stato === 'CANCELLATO' ? r : undefined;
    });
    expect(cancellato.perfezionato).toBe(false);
    const riga = await eventually(async () => {
      const r = (await buyer.request('GET', `/cig?codice=${id}`)).body.risultati[0];
      return r?.statoRichiesta === 'Annullata' ? r : undefined;
    });
    expect(riga.dataScadenzaCig).toBeNull();
  });

  it('(d) a KO from ANAC shows ANAC\'s errors, leaves the request editable, and a corrected resend succeeds', async () => {
    const id = await preparaAd5(buyer);
    t.sim.admin.programKo({ tipoOperazione: 'AP_CONF', codiceAppalto: id, errori: [{ codice: 'REG99', dettaglio: 'importo del lotto LOT-0001' }] });
    await buyer.request('POST', `/appalti/${id}/conferma`);
    const respinto = await eventually(async () => {
      const a = await appalto(id);
      return a.ultimoEsitoAnac && !a.operazioneInCorso ? a : undefined;
    });
    expect(respinto.stato).toBe('IN_LAV');
    expect(respinto.statoRichiesta).toBe('Richiesta');
    expect(respinto.ultimoEsitoAnac.errori).toEqual([
      expect.objectContaining({ codice: 'REG99', descrizione: expect.stringMatching(/importo/i), dettaglio: 'importo del lotto LOT-0001' }),
    ]);
    const corretto = await buyer.request('PUT', `/appalti/${id}/lotti/LOT-0001`, {
      oggetto: 'Fornitura di materiale di cancelleria (rettificata)',
      oggettoContratto: 'FORNITURE',
      importo: '1300.00',
      cpv: '30192000-1',
      luogoIstat: '048017',
      aggiudicazione: { partecipanti: [{ codiceFiscale: '01234567897', denominazione: 'Cartoleria Esempio S.r.l.', importo: '1300.00' }] },
    });
    expect(corretto.status).toBe(200);
    expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    const confermato = await finoA(id, 'CONF');
    expect(confermato.ultimoEsitoAnac).toBeNull();
    expect(t.sim.admin.countByCodiceAppalto()[id]).toBe(1);
    const righe = (await buyer.request('GET', `/appalti/${id}/trasmissioni`)).body as Array<{ contesto: string; messaggio: string; errori: unknown[]; tentativo: number; operazione: string }>;
    expect(righe.map((r) => r.contesto)).toEqual(expect.arrayContaining(['Modifica Appalto']));
    // The KO came inside an esito-operazione answer (HTTP 200): the log shows it as ANAC sent it.
    expect(righe.find((r) => r.contesto === 'Esito Operazione' && r.messaggio === 'KO')).toMatchObject({
      errori: [expect.objectContaining({ codice: 'REG99', dettaglio: 'importo del lotto LOT-0001' })],
      descrizione: expect.stringContaining('REG99'),
    });
    // Attempts are numbered per operation: each conferma-appalto of the two requests is the first of its practice.
    expect(righe.filter((r) => r.operazione === 'conferma-appalto').map((r) => r.tentativo)).toEqual([1, 1]);
  });

  it('(e) modifica-avviso replaces the CIG of every lot; the old ones are superseded', async () => {
    await t.sim.admin.setTimings({ pubblicaMs: 60_000 });
    try {
      const id = await preparaAperta(buyer, 2);
      await buyer.request('POST', `/appalti/${id}/conferma`);
      const vecchi = (await finoA(id, 'CONF')).lotti.map((l: { cig: string }) => l.cig);
      await buyer.request('POST', `/appalti/${id}/pubblica`);
      // "Avviso in pubblicazione": the publication is still awaited at ANAC, and shown as such.
      const inPubblicazione = await eventually(async () => {
        const a = await appalto(id);
        return a.stato === 'IN_ATT_PUBB' ? a : undefined;
      });
      expect(inPubblicazione.operazioneInCorso).toMatchObject({ operazione: 'PUBBLICAZIONE' });
      const modifica = await buyer.request('POST', `/appalti/${id}/avviso/modifica`, {});
      expect(modifica.status).toBe(202);
      const dopo = await eventually(async () => {
        const a = await appalto(id);
        return a.cigSostituiti.length === 2 ? a : undefined;
      });
      const nuovi = dopo.lotti.map((l: { cig: string }) => l.cig);
      expect(nuovi.every(isCigValido)).toBe(true);
      expect(nuovi.some((c: string) => vecchi.includes(c))).toBe(false);
      expect(dopo.cigSostituiti.map((c: { cig: string }) => c.cig).sort()).toEqual([...vecchi].sort());
      const vecchio = await eventually(async () => {
        const r = await buyer.request('GET', `/cig/${vecchi[0]}`);
        return r.body.stato === 'SOSTITUITO' ? r.body : undefined;
      });
      expect(nuovi).toContain(vecchio.sostituitoDa);
    } finally {
      await t.sim.admin.setTimings({ pubblicaMs: 0 });
    }
  });

  it('a RUP not registered at ANAC is refused (SEC05) and the request shows why', async () => {
    const id = await preparaAd5(buyer, { rup: 'RSSNNA75C45D612J' });
    await buyer.request('POST', `/appalti/${id}/conferma`);
    const respinto = await eventually(async () => {
      const a = await appalto(id);
      return a.ultimoEsitoAnac ? a : undefined;
    });
    expect(respinto.stato).toBe('BOZZA');
    expect(respinto.ultimoEsitoAnac.errori[0]).toMatchObject({ codice: 'SEC05' });
  });
});
