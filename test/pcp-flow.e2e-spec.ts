import { isCigValido } from '#anac';
import type { ClientCigLedger } from '#client';
import { preparaAd5, preparaAperta } from './support/appalti.js';
import { atteso, clientDi } from './support/contratto.js';
import { eventually, startTestService, type TestService, type UserClient } from './support/service.js';

/** The PCP flow over HTTP through the typed client (libs/client), service and simulator both running, end to end. */
describe('PCP: from draft to CIG', () => {
  let t: TestService;
  /** For the shared helpers that prepare a request (test/support/appalti.ts). */
  let preparatore: UserClient;
  let buyer: ClientCigLedger;
  beforeAll(async () => {
    t = await startTestService();
    preparatore = t.as('francesca.bianchi');
    buyer = clientDi(t, 'francesca.bianchi');
  });
  afterAll(async () => {
    await t?.close();
  });

  const appalto = (id: string) => atteso(buyer.GET('/appalti/{id}', { params: { path: { id } } }), 200, `appalto ${id}`);
  const conferma = (id: string) => buyer.POST('/appalti/{id}/conferma', { params: { path: { id } } });
  const trasmissioni = (id: string, attendi?: string) => atteso(buyer.GET('/appalti/{id}/trasmissioni', { params: { path: { id }, query: { attendi } } }), 200, 'trasmissioni');
  const leggiCig = (cig: string) => atteso(buyer.GET('/cig/{cig}', { params: { path: { cig } } }), 200, `CIG ${cig}`);
  const utilizza = (cig: string, idProcedura: string) => buyer.POST('/cig/{cig}/utilizza', { params: { path: { cig } }, body: { idProcedura } });
  const righe = (codice: string) => atteso(buyer.GET('/cig', { params: { query: { codice } } }), 200, 'lista').then((p) => p.risultati);
  const finoA = (id: string, stato: string) =>
    eventually(async () => {
      const a = await appalto(id);
      return a.stato === stato && !a.operazioneInCorso ? a : undefined;
    }, 20_000, `appalto ${id} in ${stato}`);

  it('(a) an AD5 direct award goes from draft to a valid CIG, usable at once', async () => {
    const id = await preparaAd5(preparatore);
    const verifica = await buyer.POST('/appalti/{id}/verifica', { params: { path: { id } } });
    expect(verifica.data).toMatchObject({ esito: 'OK', problemi: [] });
    const inviato = await conferma(id);
    expect(inviato.response.status).toBe(202);
    const posizione = String(inviato.data!.posizione);
    expect(posizione).toMatch(/^\d{20}\/\d{20}$/);
    const a = await finoA(id, 'CONF');
    expect(a.statoRichiesta).toBe('Perfezionata');
    expect(a.cigDisponibili).toBe(true);
    // Amounts read the same on the appalto and in the listing: two decimals.
    expect(a.importoComplessivo).toBe('1250.00');
    expect(a.lotti[0].importo).toBe('1250.00');
    const riga = await eventually(async () => (await righe(id)).find((r) => r.cig));
    expect(riga.importoComplessivo).toBe('1250.00');
    const cigLotto = a.lotti[0]!.cig!;
    expect(isCigValido(cigLotto)).toBe(true);
    expect(t.sim.admin.countByCodiceAppalto()[id]).toBe(1);

    await trasmissioni(id, posizione);
    const contesti = await eventually(async () => {
      const c = (await trasmissioni(id)).map((x) => x.contesto);
      return c.includes('Recupera CIG') ? c : undefined;
    });
    expect(contesti).toEqual(expect.arrayContaining(['Crea Appalto', 'Conferma Appalto', 'Esito Operazione', 'Recupera CIG']));
    const log = await trasmissioni(id);
    expect(log.find((r) => r.contesto === 'Crea Appalto')).toMatchObject({
      messaggio: 'OK',
      descrizione: 'Richiesta elaborata con successo',
      perContoDi: 'GVNMRC70A01D612Q',
      messageId: expect.any(String),
      transactionId: expect.any(String),
      requestId: expect.any(String),
    });
    expect(log.some((r) => /Esito Operazione: Appalto confermato/.test(r.descrizione))).toBe(true);

    const usato = await utilizza(cigLotto, 'PROC-1');
    expect(usato.response.status).toBe(200);
    expect(await leggiCig(cigLotto)).toMatchObject({ cig: cigLotto, stato: 'PERFEZIONATO', appalto: { id } });
  });

  it('(b) an open procedure with 3 lots gets 3 CIGs at conferma, usable once published (PUBB)', async () => {
    const id = await preparaAperta(preparatore, 3);
    expect((await conferma(id)).response.status).toBe(202);
    const confermato = await finoA(id, 'CONF');
    const codici = confermato.lotti.map((l) => l.cig!);
    expect(codici.every(isCigValido)).toBe(true);
    expect(new Set(codici).size).toBe(3);
    expect(confermato.cigDisponibili).toBe(false);
    expect(confermato.eliminazioneAnacPrevista).toMatchObject({ giorniRimanenti: 90 });
    const presto = await utilizza(codici[0]!, 'PROC-2');
    expect(presto.response.status).toBe(422);
    expect(presto.error?.code).toBe('CIG_NON_ANCORA_DISPONIBILE');

    expect((await buyer.POST('/appalti/{id}/pubblica', { params: { path: { id } } })).response.status).toBe(202);
    const pubblicato = await finoA(id, 'PUBB');
    expect(pubblicato.cigDisponibili).toBe(true);
    expect(pubblicato.lotti.map((l) => l.cig)).toEqual(codici);
    expect((await utilizza(codici[0]!, 'PROC-2')).response.status).toBe(200);
  });

  it('an open procedure is "Richiesta" at CONF, its CIGs not perfected until published; cancelled before publication they never were', async () => {
    const id = await preparaAperta(preparatore, 1);
    expect((await conferma(id)).response.status).toBe(202);
    const confermato = await finoA(id, 'CONF');
    expect(confermato.statoRichiesta).toBe('Richiesta');
    const codice = confermato.lotti[0]!.cig!;
    expect(await leggiCig(codice)).toMatchObject({ stato: 'ASSEGNATO', perfezionato: false });
    expect((await buyer.DELETE('/appalti/{id}', { params: { path: { id } }, body: { motivo: 'Gara revocata' } })).response.status).toBe(202);
    await finoA(id, 'CANC');
    const cancellato = await eventually(async () => {
      const r = await leggiCig(codice);
      return r.stato === 'CANCELLATO' ? r : undefined;
    });
    expect(cancellato.perfezionato).toBe(false);
    const riga = await eventually(async () => {
      const [r] = await righe(id);
      return r?.statoRichiesta === 'Annullata' ? r : undefined;
    });
    expect(riga.dataScadenzaCig).toBeNull();
  });

  it('(d) a KO from ANAC shows ANAC\'s errors, leaves the request editable, and a corrected resend succeeds', async () => {
    const id = await preparaAd5(preparatore);
    t.sim.admin.programKo({ tipoOperazione: 'AP_CONF', codiceAppalto: id, errori: [{ codice: 'REG99', dettaglio: 'importo del lotto LOT-0001' }] });
    expect((await conferma(id)).response.status).toBe(202);
    const respinto = await eventually(async () => {
      const a = await appalto(id);
      return a.ultimoEsitoAnac && !a.operazioneInCorso ? a : undefined;
    });
    expect(respinto.stato).toBe('IN_LAV');
    expect(respinto.statoRichiesta).toBe('Richiesta');
    expect(respinto.ultimoEsitoAnac!.errori).toEqual([
      expect.objectContaining({ codice: 'REG99', descrizione: expect.stringMatching(/importo/i), dettaglio: 'importo del lotto LOT-0001' }),
    ]);
    const corretto = await buyer.PUT('/appalti/{id}/lotti/{lotIdentifier}', {
      params: { path: { id, lotIdentifier: 'LOT-0001' } },
      body: {
        oggetto: 'Fornitura di materiale di cancelleria (rettificata)',
        oggettoContratto: 'FORNITURE',
        importo: '1300.00',
        cpv: '30192000-1',
        luogoIstat: '048017',
        aggiudicazione: { partecipanti: [{ codiceFiscale: '01234567897', denominazione: 'Cartoleria Esempio S.r.l.', importo: '1300.00' }] },
      },
    });
    expect(corretto.response.status).toBe(200);
    expect((await conferma(id)).response.status).toBe(202);
    const confermato = await finoA(id, 'CONF');
    expect(confermato.ultimoEsitoAnac).toBeNull();
    expect(t.sim.admin.countByCodiceAppalto()[id]).toBe(1);
    const righe = await trasmissioni(id);
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
      const id = await preparaAperta(preparatore, 2);
      expect((await conferma(id)).response.status).toBe(202);
      const vecchi = (await finoA(id, 'CONF')).lotti.map((l) => l.cig!);
      expect((await buyer.POST('/appalti/{id}/pubblica', { params: { path: { id } } })).response.status).toBe(202);
      // "Avviso in pubblicazione": the publication is still awaited at ANAC, and shown as such.
      const inPubblicazione = await eventually(async () => {
        const a = await appalto(id);
        return a.stato === 'IN_ATT_PUBB' ? a : undefined;
      });
      expect(inPubblicazione.operazioneInCorso).toMatchObject({ operazione: 'PUBBLICAZIONE' });
      const modifica = await buyer.POST('/appalti/{id}/avviso/modifica', { params: { path: { id } }, body: {} });
      expect(modifica.response.status).toBe(202);
      const dopo = await eventually(async () => {
        const a = await appalto(id);
        return a.cigSostituiti.length === 2 ? a : undefined;
      });
      const nuovi = dopo.lotti.map((l) => l.cig!);
      expect(nuovi.every(isCigValido)).toBe(true);
      expect(nuovi.some((c) => vecchi.includes(c))).toBe(false);
      expect(dopo.cigSostituiti.map((c) => c.cig).sort()).toEqual([...vecchi].sort());
      const vecchio = await eventually(async () => {
        const r = await leggiCig(vecchi[0]!);
        return r.stato === 'SOSTITUITO' ? r : undefined;
      });
      expect(nuovi).toContain(vecchio.sostituitoDa);
    } finally {
      await t.sim.admin.setTimings({ pubblicaMs: 0 });
    }
  });

  it('a RUP not registered at ANAC is refused (SEC05) and the request shows why', async () => {
    const id = await preparaAd5(preparatore, { rup: 'RSSNNA75C45D612J' });
    expect((await conferma(id)).response.status).toBe(202);
    const respinto = await eventually(async () => {
      const a = await appalto(id);
      return a.ultimoEsitoAnac ? a : undefined;
    });
    expect(respinto.stato).toBe('BOZZA');
    expect(respinto.ultimoEsitoAnac!.errori[0]).toMatchObject({ codice: 'SEC05' });
  });
});
