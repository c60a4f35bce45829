import type { SchedaPcp } from '../gateway/anac-gateway.js';
import { schedaPcp, type AppaltoPerAnac } from '../pcp/scheda-pcp.js';
import { appaltoAd5, appaltoP2_16 } from '../pcp/testing/ambiente-di-prova.js';
import { problemiTipologicheScheda, tipologicheDellaScheda } from './tipologiche-scheda.js';

const appaltoAd3 = (): AppaltoPerAnac => {
  const base = appaltoAd5({ codiceAppalto: 'CIGL-AD3-000001', scheda: 'AD3', urlDocumenti: 'https://appalti.example.it/ad3' });
  const lotto = base.lotti[0];
  return { ...base, lotti: [{ ...lotto, importo: '38000', aggiudicazione: { dataAggiudicazione: '2025-02-20T00:00:00Z', partecipanti: [{ ...lotto.aggiudicazione!.partecipanti[0], importo: '38000' }] } }] };
};

const schede: Array<[string, () => SchedaPcp]> = [
  ['AD5', () => schedaPcp(appaltoAd5())],
  ['AD3', () => schedaPcp(appaltoAd3())],
  ['P5', () => schedaPcp(appaltoP2_16(2, { codiceAppalto: 'CIGL-P5-000001', scheda: 'P5' }))],
  ['P2_16', () => schedaPcp(appaltoP2_16(3))],
];

describe("every enumerated field we send is in ANAC's code lists (tipologiche, anticorruzione/npa)", () => {
  it.each(schede)('%s: every { idTipologica, codice } is in its list', (_nome, scheda) => {
    const tipologiche = tipologicheDellaScheda(scheda());
    expect(tipologiche.map((t) => t.idTipologica)).toEqual(expect.arrayContaining(['codiceScheda', 'oggettoContratto']));
    expect(problemiTipologicheScheda(scheda())).toEqual([]);
  });

  it('a value not in its list is ERR63 with its path and section', () => {
    const scheda = structuredClone(schedaPcp(appaltoAd5())) as SchedaPcp;
    const form = (scheda.body as any).anacForm;
    form.aggiudicazioni[0].codIstat.codice = '000999999';
    form.aggiudicazioni[0].datiBase.oggettoContratto.codice = 'goods';
    form.aggiudicazioni[0].datiBaseCPV.cpvPrevalente.codice = '30192999';
    form.appalto.settore.codice = '3';
    expect(problemiTipologicheScheda(scheda)).toEqual([
      expect.objectContaining({ sezione: 'dati di gara', campo: 'appalto.settore', codice: 'ERR63' }),
      { sezione: 'aggiudicazioni', campo: 'aggiudicazioni[0].codIstat', codice: 'ERR63', messaggio: "Tipologica non valida: il codice 000999999 non è nell'elenco codIstat di ANAC" },
      expect.objectContaining({ sezione: 'aggiudicazioni', campo: 'aggiudicazioni[0].datiBase.oggettoContratto', codice: 'ERR63' }),
      expect.objectContaining({ sezione: 'classificazione', campo: 'aggiudicazioni[0].datiBaseCPV.cpvPrevalente', codice: 'ERR63' }),
    ]);
  });

  it('a code ANAC dates is judged on the day given: motivoUrgenza 6 ended on 30/06/2023', () => {
    const scheda = structuredClone(schedaPcp(appaltoP2_16(2))) as SchedaPcp;
    (scheda.body as any).anacForm.appalto.motivoUrgenza = { idTipologica: 'motivoUrgenza', codice: '6' };
    expect(problemiTipologicheScheda(scheda, '2023-06-30')).toEqual([]);
    expect(problemiTipologicheScheda(scheda, '2024-01-10')).toEqual([expect.objectContaining({ sezione: 'dati di gara', campo: 'appalto.motivoUrgenza', codice: 'ERR63' })]);
  });
});
