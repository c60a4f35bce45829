import { DomainError } from '../shared/domain-error.js';
import { giornoItaliano, scostamentoItaliaMinuti } from './calendario-italiano.js';
import { regolaVigente, verificaRegola } from './tabella-regole.js';

const at = (iso: string) => new Date(iso);

describe('Italian calendar days (CET/CEST by the EU rule, no library)', () => {
  it('winter is UTC+1: 23:00 UTC on 31 December is already 1 January in Rome', () => {
    expect(giornoItaliano(at('2023-12-31T22:59:59.999Z'))).toBe('2023-12-31');
    expect(giornoItaliano(at('2023-12-31T23:00:00.000Z'))).toBe('2024-01-01');
  });

  it('summer is UTC+2: 22:00 UTC on 30 June is already 1 July in Rome', () => {
    expect(giornoItaliano(at('2024-06-30T21:59:59.999Z'))).toBe('2024-06-30');
    expect(giornoItaliano(at('2024-06-30T22:00:00.000Z'))).toBe('2024-07-01');
  });

  it('summer time starts on the last Sunday of March at 01:00 UTC', () => {
    expect(scostamentoItaliaMinuti(at('2024-03-31T00:59:59.999Z'))).toBe(60);
    expect(scostamentoItaliaMinuti(at('2024-03-31T01:00:00.000Z'))).toBe(120);
    expect(scostamentoItaliaMinuti(at('2025-03-30T01:00:00.000Z'))).toBe(120);
    expect(scostamentoItaliaMinuti(at('2025-03-23T12:00:00.000Z'))).toBe(60);
  });

  it('summer time ends on the last Sunday of October at 01:00 UTC', () => {
    expect(scostamentoItaliaMinuti(at('2024-10-27T00:59:59.999Z'))).toBe(120);
    expect(scostamentoItaliaMinuti(at('2024-10-27T01:00:00.000Z'))).toBe(60);
    expect(scostamentoItaliaMinuti(at('2023-10-29T00:30:00.000Z'))).toBe(120);
  });
});

describe('PCP_ACQUISIZIONE_CIG: PCP from 1 January 2024 (Delibera ANAC 582/2023)', () => {
  it('is not in force at the last instant of 2023 in Rome, and is at the first of 2024', () => {
    expect(regolaVigente('PCP_ACQUISIZIONE_CIG', at('2023-12-31T22:59:59.999Z'))).toBeUndefined();
    expect(regolaVigente('PCP_ACQUISIZIONE_CIG', at('2023-12-31T23:00:00.000Z'))?.fonte).toContain('582');
  });

  it('verificaRegola refuses with 422 REGIME_NON_VIGENTE naming the rule and its source', () => {
    let error: unknown;
    try {
      verificaRegola('PCP_ACQUISIZIONE_CIG', at('2023-12-31T22:59:59.999Z'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'REGIME_NON_VIGENTE', kind: 'rule' });
    expect((error as Error).message).toMatch(/PCP_ACQUISIZIONE_CIG.*31\/12\/2023.*01\/01\/2024.*Delibera ANAC n\. 582/);
    expect(verificaRegola('PCP_ACQUISIZIONE_CIG', at('2024-01-01T00:00:00.000Z')).id).toBe('PCP_ACQUISIZIONE_CIG');
  });
});

describe('SIMOG and SmartCIG: until 31 December 2023 inclusive (avviso AVCP-SIMOG 2011, nota SMART CIG 2011)', () => {
  it.each([
    ['SIMOG_ACQUISIZIONE_CIG', '2011-04-25T21:59:59.999Z', false],
    ['SIMOG_ACQUISIZIONE_CIG', '2011-04-25T22:00:00.000Z', true],
    ['SIMOG_ACQUISIZIONE_CIG', '2023-12-31T22:59:59.999Z', true],
    ['SIMOG_ACQUISIZIONE_CIG', '2023-12-31T23:00:00.000Z', false],
    ['SMARTCIG', '2011-05-01T21:59:59.999Z', false],
    ['SMARTCIG', '2011-05-01T22:00:00.000Z', true],
    ['SMARTCIG', '2023-12-31T22:59:59.999Z', true],
    ['SMARTCIG', '2023-12-31T23:00:00.000Z', false],
    ['SIMOG_SOLO_PERFEZIONAMENTO', '2023-12-31T22:59:59.999Z', false],
    ['SIMOG_SOLO_PERFEZIONAMENTO', '2023-12-31T23:00:00.000Z', true],
    ['CARNET_SMARTCIG', '2011-05-01T21:59:59.999Z', false],
    ['CARNET_SMARTCIG', '2011-05-01T22:00:00.000Z', true],
    ['CARNET_SMARTCIG', '2023-12-31T22:59:59.999Z', true],
    ['CARNET_SMARTCIG', '2023-12-31T23:00:00.000Z', false],
  ] as const)('%s at %s: %s', (id, istante, vigente) => {
    expect(regolaVigente(id, at(istante)) !== undefined).toBe(vigente);
  });
});

describe('AD5_INTERFACCIA_WEB_PCP: successive windows up to 30 June 2025, then none (tutorial CIG su PCP, then ANAC extensions)', () => {
  it.each([
    ['2023-12-31T22:59:59.999Z', undefined],
    ['2024-01-01T12:00:00.000Z', '2024-06-30'],
    ['2024-06-30T21:59:59.999Z', '2024-06-30'],
    ['2024-06-30T22:00:00.000Z', '2024-09-30'],
    ['2024-09-30T21:59:59.999Z', '2024-09-30'],
    ['2024-09-30T22:00:00.000Z', '2024-12-31'],
    ['2024-12-31T22:59:59.999Z', '2024-12-31'],
    ['2024-12-31T23:00:00.000Z', '2025-06-30'],
    ['2025-06-30T21:59:59.999Z', '2025-06-30'],
    ['2025-06-30T22:00:00.000Z', undefined],
  ] as const)('at %s the window ending %s applies', (istante, validoAl) => {
    expect(regolaVigente('AD5_INTERFACCIA_WEB_PCP', at(istante))?.validoAl).toBe(validoAl);
  });

  it('after the last window verificaRegola lists every window with its source', () => {
    expect(() => verificaRegola('AD5_INTERFACCIA_WEB_PCP', at('2025-07-01T10:00:00.000Z'))).toThrow(/al 30\/06\/2024.*al 30\/09\/2024.*al 31\/12\/2024.*al 30\/06\/2025/);
  });
});
