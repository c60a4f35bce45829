import type { ManualClock } from '#platform';
import { appaltoQuando, preparaAd5, preparaAperta } from './support/appalti.js';
import { eventually, servizioDellaSuite, startTestService } from './support/service.js';

/**
 * What users see while ANAC takes its time, through the real service and the simulator: every
 * wait with its minutes, a withdrawal of a request stuck at ANAC, ANAC's refusals in the listing.
 */
describe('waits, withdrawals and refusals as users see them', () => {
  const t = servizioDellaSuite(() => startTestService({ ANAC_ATTESA_ALLARME: '90m' }));
  const buyer = t.as('francesca.bianchi');
  afterEach(() => t.sim.admin.resetFaults());

  const appalto = async (id: string) => (await buyer.request('GET', `/appalti/${id}`)).body;
  const finoA = (id: string, condizione: (a: any) => boolean, cosa: string) => appaltoQuando(buyer, id, condizione, cosa);

  it('a publication waiting at ANAC is shown, with its minutes, and flagged past ANAC_ATTESA_ALLARME (90m)', async () => {
    const id = await preparaAperta(buyer, 1);
    await buyer.request('POST', `/appalti/${id}/conferma`);
    await finoA(id, (a) => a.stato === 'CONF' && !a.operazioneInCorso, 'CONF');
    t.sim.admin.longWait({ tipoOperazione: 'AV_PUBB', ms: 3_600_000 });
    expect((await buyer.request('POST', `/appalti/${id}/pubblica`)).status).toBe(202);
    // "Avviso in pubblicazione" (IN_ATT_PUBB) while ANAC answers WT: the wait stays visible.
    const inAttesa = await finoA(id, (a) => a.stato === 'IN_ATT_PUBB' && a.operazioneInCorso?.inAttesaAnacDal, 'a publication awaited at ANAC');
    expect(inAttesa.operazioneInCorso).toMatchObject({ operazione: 'PUBBLICAZIONE', passo: 'ESITO_PUBBLICAZIONE', allarme: false });
    (t.clock as ManualClock).advance(130 * 60_000);
    const dopo = await appalto(id);
    expect(dopo.operazioneInCorso).toMatchObject({
      operazione: 'PUBBLICAZIONE', inAttesaAnacDaMinuti: 130, inAttesaAnacDaOre: 2, descrizioneAttesa: 'in attesa ANAC da 2 h 10 min', allarme: true,
    });
    expect(dopo.attese).toEqual([expect.objectContaining({ operazione: 'PUBBLICAZIONE', inAttesaAnacDaMinuti: 130 })]);
    t.sim.admin.endWaits();
    await finoA(id, (a) => a.stato === 'PUBB' && !a.operazioneInCorso && a.attese.length === 0, 'PUBB');
  });

  it('a request whose conferma waits at ANAC is withdrawn: recorded at once, cancelled at ANAC as soon as ANAC allows', async () => {
    const id = await preparaAd5(buyer);
    t.sim.admin.longWait({ tipoOperazione: 'AP_CONF', ms: 3_600_000 });
    await buyer.request('POST', `/appalti/${id}/conferma`);
    const inAttesa = await finoA(id, (a) => a.operazioneInCorso?.passo === 'ESITO_CONFERMA' && a.operazioneInCorso.inAttesaAnacDal, 'conferma WT');

    const ritiro = await buyer.request('DELETE', `/appalti/${id}`, { motivo: 'Affidamento non più necessario' });
    expect(ritiro.status).toBe(202);
    expect(ritiro.body).toMatchObject({ stato: 'IN_LAV', statoRichiesta: 'Richiesta' });
    const richiesto = await appalto(id);
    expect(richiesto.ritiro).toMatchObject({ motivo: 'Affidamento non più necessario', richiestoDa: { userId: 'francesca.bianchi' }, descrizione: 'ritiro richiesto' });
    expect(richiesto.operazioneInCorso).toMatchObject({ operazione: 'CONFERMA' });
    const riga = await eventually(async () => {
      const r = (await buyer.request('GET', `/cig?codice=${id}`)).body.risultati[0];
      return r?.ritiroRichiestoIl ? r : undefined;
    });
    expect(riga.statoRichiesta).toBe('Richiesta');
    // A second withdrawal of the same request is refused; the first stands.
    expect((await buyer.request('DELETE', `/appalti/${id}`, { motivo: 'Altro' })).body.code).toBe('RITIRO_GIA_RICHIESTO');

    // ANAC ends the conferma (its CIG is issued), then the appalto is cancelled there.
    t.sim.admin.endWaits();
    const cancellato = await finoA(id, (a) => a.stato === 'CANC' && !a.operazioneInCorso, 'CANC after the withdrawal');
    expect(cancellato).toMatchObject({ statoRichiesta: 'Annullata', motivoCancellazione: 'Affidamento non più necessario', ritiro: null, cigDisponibili: false });
    expect(t.sim.admin.appalto(inAttesa.idAppaltoAnac)?.stato).toBe('CANC');
    // The log and the CIG's stream follow through their own consumers.
    const log = await eventually(async () => {
      const contesti = (await buyer.request('GET', `/appalti/${id}/trasmissioni`)).body.map((r: { contesto: string }) => r.contesto);
      return contesti.includes('Cancella Appalto') ? contesti : undefined;
    });
    expect(log).toEqual(expect.arrayContaining(['Conferma Appalto', 'Recupera CIG', 'Cancella Appalto']));
    const [lotto] = cancellato.lotti;
    const cig = await eventually(async () => {
      const r = (await buyer.request('GET', `/cig/${lotto.cig}`)).body;
      return r.stato === 'CANCELLATO' ? r : undefined;
    });
    expect(cig).toMatchObject({ motivoCancellazione: 'Affidamento non più necessario' });
    const listing = await eventually(async () => {
      const r = (await buyer.request('GET', `/cig?codice=${id}`)).body.risultati[0];
      return r?.statoRichiesta === 'Annullata' ? r : undefined;
    });
    expect(listing).toMatchObject({ ritiroRichiestoIl: null, dataScadenzaCig: null });
  });

  it('a request ANAC never received is simply not sent once withdrawn', async () => {
    const id = await preparaAd5(buyer);
    t.sim.admin.outage({ mode: '503' });
    await buyer.request('POST', `/appalti/${id}/conferma`);
    await finoA(id, (a) => a.operazioneInCorso?.ultimoMessaggio, 'ANAC unreachable');
    expect((await buyer.request('DELETE', `/appalti/${id}`, { motivo: 'Richiesta errata' })).status).toBe(202);
    const cancellato = await finoA(id, (a) => a.stato === 'CANC', 'CANC without ANAC');
    expect(cancellato).toMatchObject({ statoRichiesta: 'Annullata', operazioneInCorso: null, idAppaltoAnac: null });
    t.sim.admin.clearOutages();
    expect(t.sim.admin.countByCodiceAppalto()[id]).toBeUndefined();
  });

  it("a request ANAC refused reads so in the listing and its CSV, and the filter esitoAnac=KO finds it", async () => {
    const id = await preparaAd5(buyer);
    t.sim.admin.programKo({ tipoOperazione: 'AP_CONF', codiceAppalto: id, errori: [{ codice: 'REG99', dettaglio: 'importo del lotto LOT-0001' }] });
    await buyer.request('POST', `/appalti/${id}/conferma`);
    await finoA(id, (a) => a.ultimoEsitoAnac && !a.operazioneInCorso, 'KO');
    const riga = await eventually(async () => {
      const r = (await buyer.request('GET', '/cig?esitoAnac=KO')).body.risultati.find((x: { idAppalto: string }) => x.idAppalto === id);
      return r;
    });
    expect(riga).toMatchObject({ statoRichiesta: 'Richiesta', esitoAnac: 'KO', erroriAnac: expect.stringContaining('REG99') });
    const csv = await buyer.request('GET', `/cig/export.csv?codice=${id}`);
    expect(csv.text).toContain('Respinta da ANAC');
    expect(csv.text).toContain('REG99');
    expect((await buyer.request('GET', '/cig?esitoAnac=OK')).body.errors[0]).toMatchObject({ campo: 'query.esitoAnac' });
  });
});
