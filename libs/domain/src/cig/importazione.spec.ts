import { DomainError } from '../shared/domain-error.js';
import { eventiImportazione, regimeImportato, type DatiImportati } from './importazione.js';

const valido = (c: string) => /^[A-Z0-9]{10}$/.test(c);
const riga = (overrides: Partial<DatiImportati> = {}): DatiImportati => ({
  numeroGara: '7654321', oggettoLotto: 'Pulizia', importoLotto: '1000', ufficio: 'OPEN-DATA', origine: { file: 'cig_2019.csv', riga: 2 },
  dataPubblicazione: '2019-03-04T23:00:00.000Z', ...overrides,
});

describe('eventiImportazione: a row of ANAC open data becomes events with its original dates', () => {
  it('CigImportato at the publication date, then perfection and cancellation at theirs', () => {
    const eventi = eventiImportazione('1234567ABC', riga({ dataUltimoPerfezionamento: '2019-03-10T23:00:00.000Z', dataCancellazione: '2019-05-01T22:00:00.000Z', codMotivoCancellazione: '2' }), { appaltoId: 'g' }, valido);
    expect(eventi.map((e) => [e.type, e.effectiveAt])).toEqual([
      ['CigImportato', '2019-03-04T23:00:00.000Z'],
      ['CigPerfezionato', '2019-03-10T23:00:00.000Z'],
      ['CigCancellato', '2019-05-01T22:00:00.000Z'],
    ]);
    expect(eventi[2].data).toMatchObject({ codiceMotivo: 2 });
  });

  it('never an event before the code exists: perfected (or cancelled) before its publication date, it exists from that earlier date', () => {
    // 43 of 1,068 rows of a real ANAC file: DATA_ULTIMO_PERFEZIONAMENTO before data_pubblicazione.
    const perfezionato = eventiImportazione('1234567ABC', riga({ dataPubblicazione: '2019-03-20T23:00:00.000Z', dataUltimoPerfezionamento: '2019-03-10T23:00:00.000Z' }), { appaltoId: 'g' }, valido);
    expect(perfezionato.map((e) => [e.type, e.effectiveAt])).toEqual([
      ['CigImportato', '2019-03-10T23:00:00.000Z'],
      ['CigPerfezionato', '2019-03-10T23:00:00.000Z'],
    ]);
    // ANAC's own dates stay as they were.
    expect(perfezionato[0].data).toMatchObject({ dati: { dataPubblicazione: '2019-03-20T23:00:00.000Z', dataUltimoPerfezionamento: '2019-03-10T23:00:00.000Z' } });
    const cancellato = eventiImportazione('1234567ABC', riga({ dataCancellazione: '2019-02-01T23:00:00.000Z' }), { appaltoId: 'g' }, valido);
    expect(cancellato[0].effectiveAt).toBe('2019-02-01T23:00:00.000Z');
    for (const eventi of [perfezionato, cancellato]) {
      expect(eventi.every((e) => e.effectiveAt >= eventi[0].effectiveAt)).toBe(true);
    }
  });

  it('CIG_NON_VALIDO and DATA_MANCANTE (400)', () => {
    expect(() => eventiImportazione('bad', riga(), { appaltoId: 'g' }, valido)).toThrow(DomainError);
    expect(() => eventiImportazione('1234567ABC', riga({ dataPubblicazione: undefined }), { appaltoId: 'g' }, valido)).toThrow(/né data_pubblicazione/);
  });

  it('regime by family and date: X/Y/Z SmartCIG; letter codes PCP from 1/1/2024 (Rome), SIMOG before', () => {
    expect(regimeImportato('X123456789', new Date('2015-01-01'))).toBe('SMARTCIG');
    expect(regimeImportato('1234567ABC', new Date('2024-05-01'))).toBe('SIMOG');
    expect(regimeImportato('A000000001', new Date('2023-12-31T22:59:59.999Z'))).toBe('SIMOG');
    expect(regimeImportato('A000000001', new Date('2023-12-31T23:00:00.000Z'))).toBe('PCP');
  });
});
