import { join } from 'node:path';
import { COPIA_LOCALE, copiaLocaleDisponibile } from '../../../../apps/anac-sim/src/testing/copia-locale.js';
import type { SchedaPcp } from '../gateway/anac-gateway.js';
import { SchedaNonMappabile, schedaPcp, type AppaltoPerAnac } from '../pcp/scheda-pcp.js';
import { appaltoAd5, appaltoP2_16 } from '../pcp/testing/ambiente-di-prova.js';
import { caricaRegoleSchede, problemiRegoleAnac, type RegoleAnac } from './regole-anac.js';

/**
 * Per scheda, bodies that each trip exactly one of ANAC's rules (anticorruzione/npa
 * docs/modello-dati/regole) that applies to the data CIG Ledger sends, and the code we return.
 * AD5's table has 6 rules and P5's 4: all of them are here (fewer than 20 exist). AD3's table has 25
 * rules, 22 of them here; P2_16's 50, 31 here. Left out: rules whose body always trips another one
 * too (AD3 REG31_1 without a quadro economico also trips REG34_1/35_1/36_1; P2_16 REG6_1 needs
 * neg-wo-call, which REG136 refuses on P2_16), and AD3 REG144/REG145, which test
 * importoAggiudicazione, a field AD3's schema does not have.
 * The tables of P2_17, P1_16 and P1_17 are loaded too, but no body of ours reaches them: the service
 * sends AD5, AD3, P2_16 and P5 (libs/anac/src/pcp/scheda-pcp.ts); P1_16 is refused before sending
 * (it needs an eForm, a TED notice, which CIG Ledger does not produce), and P2_17/P1_17 are not among
 * the schede an appalto can have (CodiceScheda).
 */
const appaltoAd3 = (): AppaltoPerAnac => {
  const base = appaltoAd5({ codiceAppalto: 'CIGL-AD3-000001', scheda: 'AD3', urlDocumenti: 'https://appalti.example.it/ad3' });
  const lotto = base.lotti[0];
  return { ...base, lotti: [{ ...lotto, importo: '38000', aggiudicazione: { dataAggiudicazione: '2025-02-20T00:00:00Z', partecipanti: [{ ...lotto.aggiudicazione!.partecipanti[0], importo: '38000' }] } }] };
};
const BASI: Record<string, () => SchedaPcp> = {
  AD5: () => schedaPcp(appaltoAd5()),
  AD3: () => schedaPcp(appaltoAd3()),
  P5: () => schedaPcp(appaltoP2_16(2, { codiceAppalto: 'CIGL-P5-000001', scheda: 'P5' })),
  P2_16: () => schedaPcp(appaltoP2_16(2)),
};

function con(scheda: string, cambia: (f: any) => void): SchedaPcp {
  const copia = structuredClone(BASI[scheda]()) as SchedaPcp;
  cambia((copia.body as any).anacForm);
  return copia;
}

type Caso = [scheda: string, codice: string, sezione: string, cambia: (f: any) => void];
const pnrr = (x: any) => ({ ...x, afferenteInvestimentiPNRR: true });
const parita = (p: object) => ({ quota30PerCento: 'SI_QUOTA_INFERIORE', quotaInferioreOccupFemminile: 10, quotaInferioreOccupGiovanile: 10, motivoDeroga: { idTipologica: 'motivoDeroga', codice: '1' }, ...p });

const CASI: Caso[] = [
  // AD5 (all 6 rules)
  ['AD5', 'ERR100', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].importoAggiudicazione = 5000; }],
  ['AD5', 'REG52', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].importoAggiudicazione = 0; }],
  ['AD5', 'REG78', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].partecipanti = []; }],
  ['AD5', 'REG100', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].partecipanti.push({ ...f.aggiudicazioni[0].partecipanti[0], idPartecipante: 'b0000000-0000-4000-8000-000000000002' }); }],
  ['AD5', 'REG112', 'aggiudicazioni', (f) => { f.aggiudicazioni = []; }],
  ['AD5', 'REG127', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].cup = ['']; }],
  // AD3
  ['AD3', 'REG7', 'dati di gara', (f) => { f.appalto.motivoUrgenza.codice = '2'; }],
  ['AD3', 'REG8', 'dati di gara', (f) => { f.appalto.linkDocumenti = 'ftp://documenti.example.it'; }],
  ['AD3', 'REG19', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].acquisizioneCup = true; }],
  ['AD3', 'REG21', 'aggiudicazioni', (f) => { f.aggiudicazioni[0] = pnrr(f.aggiudicazioni[0]); f.aggiudicazioni[0].acquisizioneCup = true; f.aggiudicazioni[0].cupLotto = ['J11B21000000001']; f.aggiudicazioni[0].datiBaseAccessibilita = { accessibilita: { idTipologica: 'accessibilita', codice: 'inc' } }; }],
  ['AD3', 'REG23', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].paritaDiGenereGenerazionale = parita({ quotaInferioreOccupFemminile: 0, quotaInferioreOccupGiovanile: 0 }); }],
  ['AD3', 'REG24', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].paritaDiGenereGenerazionale = parita({ quota30PerCento: 'SI', quotaInferioreOccupFemminile: 30, quotaInferioreOccupGiovanile: 30 }); }],
  ['AD3', 'REG27', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].paritaDiGenereGenerazionale = parita({ quota30PerCento: 'NO', motivoDeroga: null }); }],
  ['AD3', 'REG33', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].datiBaseAccessibilita = { accessibilita: { idTipologica: 'accessibilita', codice: 'n-inc-just' } }; }],
  ['AD3', 'REG52', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].partecipanti[0].ruolo = { codice: '1' }; f.aggiudicazioni[0].partecipanti[0].importo = 0; }],
  ['AD3', 'REG53', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].partecipanti[0].ruolo = { codice: '10' }; }],
  ['AD3', 'REG78', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].partecipanti = []; }],
  ['AD3', 'REG100', 'dati di gara', (f) => { f.aggiudicazioni[0].partecipanti.push({ ...f.aggiudicazioni[0].partecipanti[0], idPartecipante: 'b0000000-0000-4000-8000-000000000002' }); }],
  ['AD3', 'REG112', 'aggiudicazioni', (f) => { f.aggiudicazioni = []; }],
  ['AD3', 'REG22', 'aggiudicazioni', (f) => { f.aggiudicazioni[0] = pnrr(f.aggiudicazioni[0]); f.aggiudicazioni[0].acquisizioneCup = true; f.aggiudicazioni[0].cupLotto = ['J11B21000000001']; f.aggiudicazioni[0].datiBaseAccessibilita = { accessibilita: { idTipologica: 'accessibilita', codice: 'inc' } }; f.aggiudicazioni[0].paritaDiGenereGenerazionale = parita({ quota30PerCento: null, misurePremiali: [] }); }],
  ['AD3', 'REG31', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].quadroEconomicoConcessioni = { impForniture: 1 }; }],
  ['AD3', 'REG32', 'aggiudicazioni', (f) => { f.aggiudicazioni[0] = pnrr(f.aggiudicazioni[0]); f.aggiudicazioni[0].acquisizioneCup = true; f.aggiudicazioni[0].cupLotto = ['J11B21000000001']; f.aggiudicazioni[0].paritaDiGenereGenerazionale = parita({ misurePremiali: [] }); f.aggiudicazioni[0].datiBaseAccessibilita = { accessibilita: { idTipologica: 'accessibilita', codice: 'n-inc' } }; }],
  ['AD3', 'REG18', 'dati di gara', (f) => { f.aggiudicazioni[0] = pnrr(f.aggiudicazioni[0]); f.aggiudicazioni[0].acquisizioneCup = true; f.aggiudicazioni[0].cupLotto = ['J11B21000000001']; f.aggiudicazioni[0].datiBaseAccessibilita = { accessibilita: { idTipologica: 'accessibilita', codice: 'inc' } }; f.aggiudicazioni[0].paritaDiGenereGenerazionale = parita({ misurePremiali: [{ idTipologica: 'misurePremiali', codice: '1' }] }); f.aggiudicazioni[0].acquisizioneCup = false; }],
  ['AD3', 'REG20_1', 'dati di gara', (f) => { f.aggiudicazioni[0] = pnrr(f.aggiudicazioni[0]); f.aggiudicazioni[0].acquisizioneCup = true; f.aggiudicazioni[0].cupLotto = ['J11B21000000001']; f.aggiudicazioni[0].datiBaseAccessibilita = { accessibilita: { idTipologica: 'accessibilita', codice: 'inc' } }; f.aggiudicazioni[0].paritaDiGenereGenerazionale = parita({ misurePremiali: [{ idTipologica: 'misurePremiali', codice: '1' }] }); f.appalto.accordoQuadro = true; }],
  ['AD3', 'REG28', 'aggiudicazioni', (f) => { f.aggiudicazioni[0] = pnrr(f.aggiudicazioni[0]); f.aggiudicazioni[0].acquisizioneCup = true; f.aggiudicazioni[0].cupLotto = ['J11B21000000001']; f.aggiudicazioni[0].datiBaseAccessibilita = { accessibilita: { idTipologica: 'accessibilita', codice: 'inc' } }; f.aggiudicazioni[0].paritaDiGenereGenerazionale = parita({ misurePremiali: null }); }],
  ['AD3', 'REG34_1', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].datiBase.oggettoContratto.codice = 'works'; }],
  ['AD3', 'REG35_1', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].datiBase.oggettoContratto.codice = 'services'; }],
  ['AD3', 'REG36_1', 'aggiudicazioni', (f) => { f.aggiudicazioni[0].quadroEconomicoStandard.impForniture = 0; }],
  // P5 (all 4 rules)
  ['P5', 'REG98', 'dati di gara', (f) => { f.appalto.datiBase.importo = null; }],
  ['P5', 'REG99', 'lotti', (f) => { f.lotti[1].datiBase.importo = null; }],
  ['P5', 'REG110', 'lotti', (f) => { f.appalto.datiBase.importo = 30000; }],
  ['P5', 'REG101', 'lotti', (f) => { f.lotti[0].cup = ['', '']; }],
  // P2_16
  ['P2_16', 'REG1', 'lotti', (f) => { f.lotti[0].categorieMerceologiche = [{ idTipologica: 'categorieMerceologiche', codice: '1' }]; }],
  ['P2_16', 'REG2', 'rup e centro di costo', (f) => { f.stazioniAppaltanti[0].codiceFiscale = null; }],
  ['P2_16', 'REG3', 'rup e centro di costo', (f) => { f.stazioniAppaltanti = [...f.stazioniAppaltanti, ...f.stazioniAppaltanti]; }],
  ['P2_16', 'REG6_2', 'dati di gara', (f) => { f.lotti[0].condizioniNegoziata = [{ idTipologica: 'condizioniNegoziata', codice: '1' }]; }],
  ['P2_16', 'REG7', 'dati di gara', (f) => { f.appalto.motivoUrgenza.codice = '2'; }],
  ['P2_16', 'REG8', 'lotti', (f) => { f.lotti[1].datiBaseDocumenti.url = 'documenti.example.it'; }],
  ['P2_16', 'REG10', 'lotti', (f) => { f.lotti[0].servizioPubblicoLocale = null; }],
  ['P2_16', 'REG11', 'lotti', (f) => { f.lotti[0].lavoroOAcquistoPrevistoInProgrammazione = true; }],
  ['P2_16', 'REG14', 'lotti', (f) => { f.lotti[0].ripetizioniEConsegneComplementari = true; f.lotti[0].quadroEconomicoStandard.sommeRipetizioni = 1; f.lotti[0].ipotesiCollegamento = { motivoCollegamento: { idTipologica: 'motivoCollegamento', codice: '1' }, cigCollegato: ['A0123456789'] }; }],
  ['P2_16', 'REG15', 'lotti', (f) => { f.lotti[0].ipotesiCollegamento.motivoCollegamento.codice = '1'; }],
  ['P2_16', 'REG19', 'lotti', (f) => { f.lotti[0].acquisizioneCup = true; }],
  ['P2_16', 'REG21', 'lotti', (f) => { f.lotti[0] = pnrr(f.lotti[0]); f.lotti[0].datiBaseAccessibilita = { accessibilita: { idTipologica: 'accessibilita', codice: 'inc' } }; f.lotti[0].acquisizioneCup = true; f.lotti[0].cupLotto = ['J11B21000000001']; }],
  ['P2_16', 'REG23', 'lotti', (f) => { f.lotti[0].paritaDiGenereGenerazionale = parita({ quotaInferioreOccupFemminile: 0, quotaInferioreOccupGiovanile: 0 }); }],
  ['P2_16', 'REG24', 'lotti', (f) => { f.lotti[0].paritaDiGenereGenerazionale = parita({ quota30PerCento: 'SI', quotaInferioreOccupFemminile: 40, quotaInferioreOccupGiovanile: 30 }); }],
  ['P2_16', 'REG27', 'lotti', (f) => { f.lotti[0].paritaDiGenereGenerazionale = parita({ motivoDeroga: null }); }],
  ['P2_16', 'REG33', 'lotti', (f) => { f.lotti[0].datiBaseAccessibilita = { accessibilita: { idTipologica: 'accessibilita', codice: 'n-inc-just' }, giustificazione: '' }; }],
  ['P2_16', 'REG35', 'lotti', (f) => { f.lotti[1].quadroEconomicoStandard.impServizi = 0; }],
  ['P2_16', 'REG37', 'lotti', (f) => { f.lotti[0].opzioniRinnovi = true; }],
  ['P2_16', 'REG38', 'lotti', (f) => { f.lotti[0].ripetizioniEConsegneComplementari = true; }],
  ['P2_16', 'REG65', 'classificazione', (f) => { f.lotti[0].datiBaseCPV.cpvSecondarie = [{ idTipologica: 'CPV', codice: '90910000' }]; }],
  ['P2_16', 'REG66', 'classificazione', (f) => { f.lotti[0].datiBaseCPV.cpvSecondarie = [{ idTipologica: 'CPV', codice: '90911000' }, { idTipologica: 'CPV', codice: '90911000' }]; }],
  ['P2_16', 'REG67', 'dati di gara', (f) => { f.appalto.datiBaseProcedura.proceduraAccelerata = true; }],
  ['P2_16', 'REG95', 'dati di gara', (f) => { f.lotti[0].datiBaseTerminiInvio.scadenzaPresentazioneOfferte = ''; f.lotti[0].datiBaseTerminiInvio.scadenzaPresentazioneInvito = '2036-12-01T12:00:00Z'; }],
  ['P2_16', 'REG97', 'lotti', (f) => { f.lotti[0].datiBaseTerminiInvio.scadenzaPresentazioneInvito = '2036-12-01T12:00:00Z'; }],
  ['P2_16', 'REG98', 'dati di gara', (f) => { f.appalto.datiBase.importo = null; }],
  ['P2_16', 'REG99', 'lotti', (f) => { f.lotti[1].datiBase.importo = null; }],
  ['P2_16', 'REG105', 'lotti', (f) => { f.lotti[0].datiBaseTerminiInvio.scadenzaPresentazioneOfferte = '2020-01-01T12:00:00Z'; }],
  ['P2_16', 'REG110', 'lotti', (f) => { f.appalto.datiBase.importo = 15000; }],
  ['P2_16', 'REG118', 'lotti', (f) => { f.lotti[0].derogaQualificazione = { idTipologica: 'motivoDerogaQlf', codice: '1' }; f.lotti[0].datiBase.importo = 215000.01; f.appalto.datiBase.importo = 225000.01; f.lotti[0].quadroEconomicoStandard.impServizi = 215000.01; }],
  ['P2_16', 'REG120', 'lotti', (f) => { f.lotti[0].derogaQualificazione = { idTipologica: 'motivoDerogaQlf', codice: '3' }; }],
  ['P2_16', 'REG136', 'dati di gara', (f) => { f.appalto.datiBaseProcedura.tipoProcedura.codice = 'comp-tend'; }],
];

(copiaLocaleDisponibile() ? describe : describe.skip)("ANAC's rules per scheda: one body, one rule, ANAC's code", () => {
  let regole: RegoleAnac;
  beforeAll(async () => {
    regole = await caricaRegoleSchede(join(COPIA_LOCALE, 'modello-dati'));
  });

  it.each(Object.keys(BASI))('%s: the clean body raises nothing', (scheda) => {
    expect(problemiRegoleAnac(regole, BASI[scheda]())).toEqual([]);
  });

  it('at least 20 rules for AD3 and P2_16, every rule of AD5 and P5 (they have fewer than 20)', () => {
    const per = (s: string) => new Set(CASI.filter((c) => c[0] === s).map((c) => c[1])).size;
    expect(per('AD5')).toBe(regole.tabelle.get('AD5')!.regole.length);
    expect(per('P5')).toBe(regole.tabelle.get('P5')!.regole.length);
    expect(per('AD3')).toBeGreaterThanOrEqual(20);
    expect(per('P2_16')).toBeGreaterThanOrEqual(20);
  });

  it('the schede sent are AD5, AD3, P2_16 and P5: P1_16 is refused before sending, so its table (and P2_17/P1_17) has no body of ours', () => {
    expect(() => schedaPcp(appaltoP2_16(2, { scheda: 'P1_16' }))).toThrow(SchedaNonMappabile);
    expect(() => schedaPcp(appaltoP2_16(2, { scheda: 'P2_17' as never }))).toThrow(SchedaNonMappabile);
    for (const s of ['P2_17', 'P1_16', 'P1_17']) expect(regole.tabelle.get(s)!.regole.length).toBeGreaterThan(0);
  });

  it.each(CASI)('%s %s (section %s)', (scheda, codice, sezione, cambia) => {
    const problemi = problemiRegoleAnac(regole, con(scheda, cambia));
    expect(problemi.map((p) => p.codice)).toEqual([codice]);
    expect(problemi[0].sezione).toBe(sezione);
    expect(problemi[0].messaggio).toBe(regole.testi.get(codice) ?? expect.any(String));
  });
});
