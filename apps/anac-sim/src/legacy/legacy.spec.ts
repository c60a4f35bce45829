import { SimogHttpClient, validaCig, type SimogCallContext } from '#anac';
import { startSimulator, type RunningSimulator } from '../simulator.js';

/** The simulated SIMOG and SmartCIG answer with the Authority's rules of the request's date (avviso AVCP-SIMOG 2011, nota SMART CIG 2011). */
describe('SIMOG and SmartCIG in the simulator', () => {
  let sim: RunningSimulator;
  let client: SimogHttpClient;
  beforeAll(async () => {
    sim = await startSimulator({ logLevel: 'silent' });
    client = new SimogHttpClient({ baseUrl: sim.url, voucher: 'v' });
  });
  afterAll(async () => {
    await sim?.close();
  });

  const ctx = (dataRiferimento: string, overrides: Partial<SimogCallContext> = {}): SimogCallContext => ({
    rup: { codiceFiscale: 'GVNMRC70A01D612Q' }, stazioneAppaltante: { codiceFiscale: '01386030488', codiceAusa: '0000246180' }, centroDiCosto: 'CDC-A', dataRiferimento, ...overrides,
  });
  const dati = { fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA', importo: '15000', oggetto: 'x', procedura: 'AFFIDAMENTO_DIRETTO', oggettoPrincipale: 'SERVIZI' } as const;

  it('issues SIMOG codes of the numeric family before 2023, of the letter family in 2023; none from 2024 (LEG01)', async () => {
    const gara = await client.creaGara(ctx('2019-03-01T10:00:00Z'), { idRichiesta: 'g1', oggetto: 'Pulizie' });
    expect(gara.ok).toBe(true);
    const numeroGara = gara.ok ? gara.value.numeroGara : '';
    const l1 = await client.creaLotto(ctx('2019-03-01T10:00:00Z'), { idRichiesta: 'l1', numeroGara, oggetto: 'Lotto 1', importo: '1000' });
    const l2 = await client.creaLotto(ctx('2023-06-01T10:00:00Z'), { idRichiesta: 'l2', numeroGara, oggetto: 'Lotto 2', importo: '1000' });
    expect(l1.ok && validaCig(l1.value.cig)).toMatchObject({ valido: true, famiglia: 'SIMOG_NUMERICO' });
    expect(l2.ok && validaCig(l2.value.cig)).toMatchObject({ valido: true, famiglia: 'SIMOG_PCP' });
    const tardi = await client.creaLotto(ctx('2024-01-02T10:00:00Z'), { idRichiesta: 'l3', numeroGara, oggetto: 'Lotto 3', importo: '1000' });
    expect(tardi).toMatchObject({ ok: false, failure: { categoria: 'RIFIUTATA', errori: [{ codice: 'LEG01' }] } });
  });

  it('the same idRichiesta gets the same answer (a retry after a lost answer creates nothing)', async () => {
    const a = await client.creaGara(ctx('2019-03-01T10:00:00Z'), { idRichiesta: 'stessa', oggetto: 'A' });
    const b = await client.creaGara(ctx('2019-03-01T10:00:00Z'), { idRichiesta: 'stessa', oggetto: 'A' });
    expect(a.ok && b.ok && a.value.numeroGara === b.value.numeroGara).toBe(true);
  });

  it('from 2024 perfects only procedures published by 31/12/2023 (LEG11)', async () => {
    const g = await client.creaGara(ctx('2023-12-01T10:00:00Z'), { idRichiesta: 'g2', oggetto: 'x' });
    const numeroGara = g.ok ? g.value.numeroGara : '';
    const l = await client.creaLotto(ctx('2023-12-01T10:00:00Z'), { idRichiesta: 'l4', numeroGara, oggetto: 'x', importo: '1' });
    const cig = l.ok ? l.value.cig : '';
    expect(await client.perfezionaCig(ctx('2024-01-10T10:00:00Z'), { cig, dataPubblicazione: '2024-01-05' })).toMatchObject({ ok: false, failure: { errori: [{ codice: 'LEG11' }] } });
    expect(await client.perfezionaCig(ctx('2024-01-10T10:00:00Z'), { cig, dataPubblicazione: '2023-12-20' })).toMatchObject({ ok: true });
  });

  it('cancella-gara: once no lot is alive, a lot cancelled and another annulled by the Authority or expired unperfected (90 days)', async () => {
    const lotto = async (numeroGara: string, id: string, data = '2019-03-01T10:00:00Z') => {
      const l = await client.creaLotto(ctx(data), { idRichiesta: id, numeroGara, oggetto: 'x', importo: '1' });
      return l.ok ? l.value.cig : '';
    };
    const g1 = await client.creaGara(ctx('2019-03-01T10:00:00Z'), { idRichiesta: 'gc1', oggetto: 'x' });
    const n1 = g1.ok ? g1.value.numeroGara : '';
    const [a, b] = [await lotto(n1, 'gc1-a'), await lotto(n1, 'gc1-b')];
    await client.cancellaCig(ctx('2019-03-02T10:00:00Z'), { cig: a, codiceMotivo: 1 });
    await client.perfezionaCig(ctx('2019-03-02T10:00:00Z'), { cig: b, dataPubblicazione: '2019-03-01' });
    await client.richiediAnnullamento(ctx('2019-03-03T10:00:00Z'), { cig: b, motivazione: 'revoca', documentoIdentitaRup: 'CI AX1234567' });
    expect(await client.cancellaGara(ctx('2019-03-04T10:00:00Z'), { numeroGara: n1 })).toMatchObject({ ok: false, failure: { errori: [{ codice: 'LEG10' }] } });
    sim.admin.esitoAnnullamento({ cig: b, accolto: true });
    expect(await client.cancellaGara(ctx('2019-03-04T10:00:00Z'), { numeroGara: n1 })).toMatchObject({ ok: true });

    const g2 = await client.creaGara(ctx('2019-03-01T10:00:00Z'), { idRichiesta: 'gc2', oggetto: 'x' });
    const n2 = g2.ok ? g2.value.numeroGara : '';
    const [c, d] = [await lotto(n2, 'gc2-c'), await lotto(n2, 'gc2-d')];
    await client.cancellaCig(ctx('2019-03-02T10:00:00Z'), { cig: c, codiceMotivo: 1 });
    expect(d).not.toBe('');
    expect(await client.cancellaGara(ctx('2019-05-29T10:00:00Z'), { numeroGara: n2 })).toMatchObject({ ok: false, failure: { errori: [{ codice: 'LEG10' }] } });
    expect(await client.cancellaGara(ctx('2019-05-30T10:00:00Z'), { numeroGara: n2 })).toMatchObject({ ok: true });
  });

  it('SmartCIG: threshold by fattispecie as of the date (LEG05), X/Y/Z codes', async () => {
    expect(await client.richiediSmartCig(ctx('2011-06-01T10:00:00Z'), { idRichiesta: 's1', dati: { ...dati, importo: '25000' } })).toMatchObject({ ok: false, failure: { errori: [{ codice: 'LEG05' }] } });
    const ok = await client.richiediSmartCig(ctx('2015-06-01T10:00:00Z'), { idRichiesta: 's2', dati: { ...dati, importo: '25000' } });
    expect(ok.ok && validaCig(ok.value.cig).famiglia).toBe('SMART_CIG');
  });

  it('carnets: a third active one is refused (LEG06); after the 30 days with codes unreported, none (LEG07)', async () => {
    const c = (d: string) => ctx(d, { centroDiCosto: 'CDC-CARNET' });
    const primo = await client.richiediCarnet(c('2015-01-10T10:00:00Z'), { idRichiesta: 'c1' });
    const secondo = await client.richiediCarnet(c('2015-01-11T10:00:00Z'), { idRichiesta: 'c2' });
    expect(primo.ok && primo.value.codici).toHaveLength(50);
    expect(secondo.ok).toBe(true);
    expect(await client.richiediCarnet(c('2015-01-12T10:00:00Z'), { idRichiesta: 'c3' })).toMatchObject({ ok: false, failure: { errori: [{ codice: 'LEG06' }] } });
    // Both expire on 10-11/4; their terms end on 10-11/5: still unreported then.
    expect(await client.richiediCarnet(c('2015-05-12T10:00:00Z'), { idRichiesta: 'c4' })).toMatchObject({ ok: false, failure: { errori: [{ codice: 'LEG07' }] } });
    for (const k of [primo, secondo]) {
      if (!k.ok) continue;
      for (const cig of k.value.codici) {
        const r = await client.annullaCigCarnet(c('2015-05-12T10:00:00Z'), { numero: k.value.numero, cig });
        expect(r).toMatchObject({ ok: true });
      }
    }
    expect(await client.richiediCarnet(c('2015-05-12T10:00:00Z'), { idRichiesta: 'c5' })).toMatchObject({ ok: true });
  });

  it('a RUP not registered for the SA is refused (LEG12, 403); faults apply to these operations too', async () => {
    expect(await client.creaGara(ctx('2019-03-01T10:00:00Z', { rup: { codiceFiscale: 'RSSNNA75C45D612J' } }), { idRichiesta: 'x', oggetto: 'x' })).toMatchObject({ ok: false, failure: { httpStatus: 403 } });
    sim.admin.outage({ operations: ['crea-gara'] });
    expect(await client.creaGara(ctx('2019-03-01T10:00:00Z'), { idRichiesta: 'y', oggetto: 'x' })).toMatchObject({ ok: false, failure: { categoria: 'NON_RAGGIUNGIBILE', httpStatus: 503 } });
    sim.admin.clearOutages();
    expect(sim.admin.legacy().gare.length).toBeGreaterThan(0);
  });
});
