import { schedaP2_16 as fixtureP2_16 } from '../../../../apps/anac-sim/src/testing/pcp-fixtures.js';
import { confermaAppalto, creaAppalto } from '../../../../apps/anac-sim/src/testing/scenari.js';
import { avviaSimulatoreDiProva, type SimulatoreDiProva } from '../../../../apps/anac-sim/src/testing/simulatore-di-prova.js';
import type { VerificatorePcp } from '../../../../apps/anac-sim/src/testing/verificatore-pcp.js';
import { copiaLocaleDisponibile, verificatoreDaCopiaLocale } from '../../../../apps/anac-sim/src/testing/copia-locale.js';
import { idPartecipante } from './scheda-affidamenti.js';
import { schedaPcp, SchedaNonMappabile, type AppaltoPerAnac } from './scheda-pcp.js';
import { appaltoAd5, appaltoP2_16 } from './testing/ambiente-di-prova.js';

const anacForm = (a: AppaltoPerAnac) => schedaPcp(a).body.anacForm as any;

const appaltoAd3 = (): AppaltoPerAnac => {
  const base = appaltoAd5({ codiceAppalto: 'CIGL-AD3-000001', scheda: 'AD3', urlDocumenti: 'https://appalti.example.it/ad3' });
  const lotto = base.lotti[0];
  return {
    ...base,
    lotti: [{ ...lotto, importo: '38000', aggiudicazione: { dataAggiudicazione: '2025-02-20T00:00:00Z', partecipanti: [{ ...lotto.aggiudicazione!.partecipanti[0], importo: '38000' }] } }],
  };
};
const appaltoP5 = (): AppaltoPerAnac => ({ ...appaltoP2_16(2, { codiceAppalto: 'CIGL-P5-000001', scheda: 'P5' }) });

const disponibile = copiaLocaleDisponibile();

/** The crea-appalto request of this appalto, checked against specifiche-servizi-appalto.yaml. */
function erroriDiSchema(v: VerificatorePcp, a: AppaltoPerAnac): string[] {
  return v.verifica({
    operazione: 'crea-appalto', metodo: 'POST', query: {}, richiesta: { scheda: schedaPcp(a) }, status: 200,
    contentType: 'application/json', headers: new Headers({ 'X-RateLimit-Limit': '1', 'X-RateLimit-Remaining': '1', 'X-RateLimit-Reset': '1' }),
    risposta: { status: 200, title: 'OK', type: 'about:blank', idAppalto: '4f8f5660-87e8-4dbb-b325-17e216f4a519' },
  });
}

describe('schedaPcp: appalto → PCP scheda', () => {
  it('AD5: one aggiudicazione per lot, amounts as numbers with 2 decimals, ANAC codes', () => {
    const a = appaltoAd5();
    expect(schedaPcp(a)).toEqual({
      codice: { idTipologica: 'codiceScheda', codice: 'AD5' },
      versione: '1.0',
      body: {
        anacForm: {
          stazioniAppaltanti: [{ codiceFiscale: '01386030488', codiceAusa: '0000246180', codiceCentroCosto: 'A1B2C3D4-0001-4C00-8000-000000246180', saTitolare: true }],
          appalto: { codiceAppalto: 'CIGL-AD5-000001', settore: { idTipologica: 'settore', codice: '1' }, datiBase: { oggetto: 'Fornitura di materiale di cancelleria' } },
          aggiudicazioni: [{
            lotIdentifier: 'LOT-0001',
            partecipanti: [{ idPartecipante: idPartecipante('CIGL-AD5-000001', 'LOT-0001', '01234567897'), codiceFiscale: '01234567897', denominazione: 'Cartoleria Esempio S.r.l.', importo: 1250.5 }],
            codIstat: { idTipologica: 'codIstat', codice: '009050026' },
            datiBase: { oggettoContratto: { idTipologica: 'oggettoContratto', codice: 'supplies' }, oggetto: 'Fornitura di materiale di cancelleria' },
            datiBaseCPV: {
              tipoClassificazione: { idTipologica: 'tipoClassificazione', codice: 'cpv' },
              cpvPrevalente: { idTipologica: 'CPV', codice: '30192000' },
              cpvSecondarie: [{ idTipologica: 'CPV', codice: '30197000' }],
            },
          }],
        },
      },
    });
  });

  it('idPartecipante is a name-based UUID: same inputs, same id; another lot or awardee, another id', () => {
    const id = idPartecipante('CIGL-AD5-000001', 'LOT-0001', '01234567897');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idPartecipante('CIGL-AD5-000001', 'LOT-0001', '01234567897')).toBe(id);
    expect(idPartecipante('CIGL-AD5-000001', 'LOT-0002', '01234567897')).not.toBe(id);
    expect(idPartecipante('CIGL-AD5-000002', 'LOT-0001', '01234567897')).not.toBe(id);
    expect(schedaPcp(appaltoAd5())).toEqual(schedaPcp(appaltoAd5()));
  });

  it('amounts leave the decimal strings only at the boundary, exactly', () => {
    const conImporto = (importo: string) => anacForm(appaltoAd5({ lotti: [{ ...appaltoAd5().lotti[0], aggiudicazione: { partecipanti: [{ codiceFiscale: '01234567897', denominazione: 'X', importo }] } }] }));
    expect(['4999.99', '0.1', '10', '1250.05'].map((i) => conImporto(i).aggiudicazioni[0].partecipanti[0].importo)).toEqual([4999.99, 0.1, 10, 1250.05]);
  });

  it('P2_16: every field of the fixture the simulator accepts, open procedure, appalto total and deadlines', () => {
    const form = anacForm(appaltoP2_16(3));
    const fixture = fixtureP2_16().body.anacForm;
    expect(Object.keys(form.appalto).sort()).toEqual(Object.keys(fixture.appalto).sort());
    for (const lotto of form.lotti) expect(Object.keys(lotto).sort()).toEqual(Object.keys(fixture.lotti[0]).sort());
    expect(form.stazioniAppaltanti[0].funzioniSvolte).toEqual([{ idTipologica: 'funzioniSvolte', codice: '3' }]);
    expect(form.appalto.datiBase).toEqual({ oggetto: 'Servizi di pulizia - 3 lotti', importo: 30000 });
    expect(form.appalto.datiBaseProcedura).toEqual({ tipoProcedura: { idTipologica: 'tipoProcedura', codice: 'open' } });
    expect(form.lotti[1]).toMatchObject({
      lotIdentifier: 'LOT-0002',
      datiBase: { oggettoContratto: { codice: 'services' }, importo: 10000 },
      datiBaseCPV: { cpvPrevalente: { codice: '90910000' } },
      quadroEconomicoStandard: { impServizi: 10000, sommeADisposizione: 0 },
      datiBaseTerminiInvio: { scadenzaPresentazioneOfferte: '2036-12-15T12:00:00Z' },
      ccnl: { codice: 'H01' }, categoria: { codice: 'FS' }, modalitaAcquisizione: { codice: '1' },
    });
    expect(form.lotti[0].datiBaseCPV.cpvSecondarie).toBeUndefined();
    expect(schedaPcp(appaltoP2_16(1)).body.espd).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('P2_16: restricted and negotiated procedures, works lots', () => {
    const ristretta = anacForm(appaltoP2_16(1, { tipoProcedura: 'RISTRETTA', terminiInvio: { scadenzaPresentazioneInvito: '2036-01-10T12:00:00Z' } }));
    expect(ristretta.appalto.datiBaseProcedura.tipoProcedura.codice).toBe('restricted');
    expect(ristretta.lotti[0].datiBaseTerminiInvio).toEqual({ scadenzaPresentazioneInvito: '2036-01-10T12:00:00Z' });
    expect(anacForm(appaltoP2_16(1, { tipoProcedura: 'NEGOZIATA' })).appalto.datiBaseProcedura.tipoProcedura.codice).toBe('neg-w-call');
    const lavori = appaltoP2_16(1);
    const lotto = anacForm({ ...lavori, lotti: [{ ...lavori.lotti[0], oggettoContratto: 'LAVORI', importo: '80000', importoSicurezza: '2500.5' }] }).lotti[0];
    expect(lotto).toMatchObject({ ccnl: { codice: 'F01' }, categoria: { codice: '999' }, quadroEconomicoStandard: { impLavori: 80000, impTotaleSicurezza: 2500.5 } });
    expect(lotto.modalitaAcquisizione).toBeUndefined();
  });

  it('refuses what it cannot express, saying what is missing', () => {
    const senzaAggiudicazione = appaltoAd5({ lotti: [{ ...appaltoAd5().lotti[0], aggiudicazione: undefined }] });
    expect(() => schedaPcp(senzaAggiudicazione)).toThrow(/LOT-0001: un affidamento diretto \(AD5\) richiede l'aggiudicatario/);
    expect(() => schedaPcp(appaltoAd5({ scheda: 'P1_16' }))).toThrow(SchedaNonMappabile);
    expect(() => schedaPcp(appaltoP2_16(1, { tipoProcedura: 'AFFIDAMENTO_DIRETTO' }))).toThrow(/P2_16 non si usa/);
    expect(() => schedaPcp(appaltoAd5({ codiceAppalto: 'CORTO' }))).toThrow(/da 8 a 64/);
    expect(() => schedaPcp(appaltoAd5({ lotti: [{ ...appaltoAd5().lotti[0], luogoIstat: '999001' }] }))).toThrow(/codice ISTAT/);
    expect(() => schedaPcp(appaltoAd5({ lotti: [{ ...appaltoAd5().lotti[0], cpv: '3019' }] }))).toThrow(/CPV non valido/);
    expect(() => schedaPcp({ ...appaltoAd3(), urlDocumenti: undefined })).toThrow(/datiBaseDocumenti\.url/);
  });

  (disponibile ? describe : describe.skip)("against ANAC's schemas (specifiche-servizi-appalto.yaml, modello-dati-schede-*.yaml)", () => {
    let v: VerificatorePcp;
    beforeAll(() => {
      v = verificatoreDaCopiaLocale();
    });

    it('AD5, P5 and P2_16 (shared P_16 types) conform', () => {
      expect(erroriDiSchema(v, appaltoAd5())).toEqual([]);
      expect(erroriDiSchema(v, appaltoP5())).toEqual([]);
      expect(erroriDiSchema(v, appaltoP2_16(3))).toEqual([]);
    });

    it('AD3 conforms but for datiBaseContratto, left out on purpose (REG125: codIstat or codNUTS, not both)', () => {
      expect(erroriDiSchema(v, appaltoAd3())).toEqual([expect.stringMatching(/aggiudicazioni\/0 must have required property 'datiBaseContratto'/)]);
    });
  });

  describe('bodies the simulator accepts', () => {
    let t: SimulatoreDiProva;
    beforeAll(async () => {
      t = await avviaSimulatoreDiProva();
    });
    afterAll(async () => {
      await t.close();
    });

    it.each([
      ['AD5', appaltoAd5()],
      ['AD3', appaltoAd3()],
      ['P2_16', appaltoP2_16(3)],
    ])('%s: crea-appalto 200, conferma ends OK with a CIG per lot', async (_, a) => {
      const idAppalto = await creaAppalto(t.pcp, { scheda: schedaPcp(a) });
      expect(await confermaAppalto(t.pcp, idAppalto, () => t.clock.advance(300))).toMatchObject({ idAvviso: expect.any(String) });
      const cig = await t.pcp.get('recupera-cig', { idAppalto });
      expect(cig.body.result.map((c: { lotIdentifier: string }) => c.lotIdentifier)).toEqual(a.lotti.map((l) => l.lotIdentifier));
    });

    it('P5: crea-appalto 200', async () => {
      expect((await t.pcp.post('crea-appalto', { scheda: schedaPcp(appaltoP5()) })).status).toBe(200);
    });
  });
});
