import { cercaCpv, codiciTipologica, FONTE_TIPOLOGICHE, isCodiceTipologica, isCpvAnac, isIstatAnac, isNutsAnac, tipologicheEstratte } from './tipologiche.js';

describe("ANAC's code lists as data (anticorruzione/npa docs/modello-dati/tipologiche)", () => {
  it('records its source commit and holds the lists of the fields we send', () => {
    expect(FONTE_TIPOLOGICHE).toEqual({ repository: 'anticorruzione/npa', commit: expect.stringMatching(/^[0-9a-f]{40}$/), cartella: 'docs/modello-dati/tipologiche' });
    expect(tipologicheEstratte()).toEqual(expect.arrayContaining(['CPV', 'codIstat', 'codNUTS', 'settore', 'oggettoContratto', 'tipoProcedura', 'funzioniSvolte']));
    expect(codiciTipologica('CPV').size).toBeGreaterThan(9000);
    expect(codiciTipologica('codIstat').size).toBeGreaterThan(7800);
  });

  it('CPV: the eight digits must be in the list; the check digit is not (no published definition)', () => {
    expect(isCpvAnac('30192000-1')).toBe(true);
    expect(isCpvAnac('30192000-9')).toBe(true);
    expect(isCpvAnac('30192999-1')).toBe(false);
    expect(isCpvAnac('30192000')).toBe(false);
  });

  it('ISTAT: ANAC writes 9 digits (009048017 FIRENZE); the 6 CIG Ledger stores must end one of them; 999999 is none', () => {
    expect(isIstatAnac('009048017')).toBe(true);
    expect(isIstatAnac('048017')).toBe(true);
    expect(isIstatAnac('999999')).toBe(false);
    expect(isIstatAnac('001048017')).toBe(false);
    expect(isIstatAnac('48017')).toBe(false);
  });

  it('NUTS', () => {
    expect(isNutsAnac('ITI14')).toBe(true);
    expect(isNutsAnac('ITZZZ9')).toBe(false);
  });

  it('codes valid from or until a day: validity read on the day asked, inclusive', () => {
    // motivoUrgenza 6 is valid from 2022-03-03 to 2023-06-30 in ANAC's list.
    expect(isCodiceTipologica('motivoUrgenza', '6')).toBe(true);
    expect(isCodiceTipologica('motivoUrgenza', '6', '2023-06-30')).toBe(true);
    expect(isCodiceTipologica('motivoUrgenza', '6', '2023-07-01')).toBe(false);
    expect(isCodiceTipologica('motivoUrgenza', '6', '2022-03-02')).toBe(false);
    expect(isCodiceTipologica('motivoUrgenza', '1', '2030-01-01')).toBe(true);
    expect(isCodiceTipologica('oggettoContratto', 'goods')).toBe(false);
    expect(() => isCodiceTipologica('nonEsiste', '1')).toThrow(/non estratta/);
  });

  it('CPV search: every word in the description (accents ignored), or the code by its digits; general first, limited', () => {
    const stampa = cercaCpv('servizi stampa', 5);
    expect(stampa.length).toBe(5);
    expect(stampa.map((v) => v.codice)).toContain('79800000');
    expect(stampa[0]!.codice).toBe('79000000'); // a division (2 digits) before its groups
    for (const v of stampa) expect(v.descrizione.toLowerCase()).toMatch(/servizi.*stampa|stampa.*servizi/);
    expect(cercaCpv('attivita', 50).some((v) => v.descrizione.includes('attività'))).toBe(true);
    expect(cercaCpv('79800000', 10).map((v) => v.codice)).toContain('79800000');
    expect(cercaCpv('7980', 100).every((v) => v.codice.startsWith('7980'))).toBe(true);
    expect(cercaCpv('parola che non esiste', 10)).toEqual([]);
    expect(cercaCpv('  ', 10)).toEqual([]);
  });
});
