import { DIVISIONI_CPV, isCpv, livelloCpv, problemiCpv } from './cpv.js';

describe('CPV format and divisions (Regulation (EC) 213/2008)', () => {
  it.each(['03000000-1', '30192000-1', '98000000-3', '45000000-0'])('%s is a CPV', (codice) => expect(isCpv(codice)).toBe(true));

  it.each(['3019200-1', '301920001-1', '30192000', '30192000-12', '30192000-X', ' 30192000-1', '10000000-1', '99000000-1', '00000000-0'])(
    '%s is not a CPV',
    (codice) => expect(isCpv(codice)).toBe(false),
  );

  it('knows the 45 divisions of the main vocabulary', () => {
    expect(DIVISIONI_CPV.size).toBe(45);
  });

  it('does not verify the check digit (the EU does not publish its algorithm; ANAC lists eight digits only)', () => {
    expect(isCpv('30192000-0')).toBe(true);
    expect(isCpv('30192000-9')).toBe(true);
    expect(problemiCpv('30192000-9', 'x', 'lotti')).toEqual([]);
  });

  it("ERR63 (ANAC: tipologica non valida): a code of a known division not in ANAC's CPV list", () => {
    expect(problemiCpv('30192999-1', 'classificazione.cpv[0]', 'classificazione')).toEqual([
      { sezione: 'classificazione', campo: 'classificazione.cpv[0]', codice: 'ERR63', messaggio: "Tipologica non valida: il CPV 30192999 non è nell'elenco CPV di ANAC" },
    ]);
    expect(problemiCpv('45000001-1', 'x', 'lotti').map((p) => p.codice)).toEqual(['ERR63']);
  });

  it('reports a wrong code as one problem of the given section', () => {
    expect(problemiCpv('99000000-1', 'lotti[LOT-0001].cpv', 'lotti')).toEqual([
      { sezione: 'lotti', campo: 'lotti[LOT-0001].cpv', codice: 'CPV_NON_VALIDO', messaggio: expect.stringContaining('divisione') },
    ]);
    expect(problemiCpv('30192000-1', 'x', 'lotti')).toEqual([]);
  });
});

describe('CPV levels: division 1, group 2, class 3, category 4, deeper 5', () => {
  it.each([
    ['30000000-9', 1],
    ['30100000-0', 2],
    ['30190000-7', 3],
    ['30192000-1', 4],
    ['30192100-2', 5],
    ['30192121-5', 5],
    ['03000000-1', 1],
    ['03100000-2', 2],
  ] as const)('%s is of level %i', (codice, livello) => expect(livelloCpv(codice)).toBe(livello));
});
