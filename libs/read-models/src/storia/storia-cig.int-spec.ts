import { isCigValido } from '#anac';
import { eventiImportazione, type DatiImportati } from '#domain';
import { randomUUID } from 'node:crypto';
import { ambienteDiProva, type AmbienteDiProva } from '../testing/ambiente-di-prova.js';
import { storiaCig } from './storia-cig.js';

/**
 * History "as of" never shows a CIG perfected before it exists. 43 of 1,068 rows of a real ANAC
 * open data file have DATA_ULTIMO_PERFEZIONAMENTO before data_pubblicazione.
 */
describe('history of an imported CIG as of a date', () => {
  let t: AmbienteDiProva;
  const riga = (riga: number): DatiImportati => ({
    numeroGara: '7654321', oggettoLotto: 'Pulizia', importoLotto: '1000', ufficio: 'UFF-A', origine: { file: 'cig_2019.csv', riga },
    dataPubblicazione: '2019-03-20T23:00:00.000Z', dataUltimoPerfezionamento: '2019-03-10T23:00:00.000Z',
  });
  const scrivi = async (cig: string, eventi: ReadonlyArray<{ type: string; data: unknown; effectiveAt: string }>) =>
    t.scrivi([{ streamId: `cig-${cig}`, eventi: eventi.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata: { effectiveAt: e.effectiveAt, recordedAt: '2024-05-01T10:00:00.000Z' } })) }]);

  beforeAll(async () => {
    t = await ambienteDiProva();
  });
  afterAll(() => t?.close());

  it('as imported now: the code exists from its earliest date, so between perfection and publication it is perfected', async () => {
    await scrivi('1234567CE7', eventiImportazione('1234567CE7', riga(2), { appaltoId: randomUUID() }, isCigValido));
    const s = await storiaCig(t.store, '1234567CE7', { asOf: new Date('2019-03-15T12:00:00.000Z') });
    expect(s?.stato.cig).toMatchObject({ stato: 'PERFEZIONATO', perfezionato: true });
    expect(s?.eventi.map((e) => e.tipo)).toEqual(['CigImportato', 'CigPerfezionato']);
  });

  it('as imported before (import dated at publication, perfection earlier): the state is still the code, never null', async () => {
    const dati = riga(3);
    await scrivi('7654321183', [
      { type: 'CigImportato', data: { cig: '7654321183', regime: 'SIMOG', appaltoId: randomUUID(), lotIdentifier: '7654321183', dati, il: dati.dataPubblicazione }, effectiveAt: dati.dataPubblicazione! },
      { type: 'CigPerfezionato', data: { cig: '7654321183', il: dati.dataUltimoPerfezionamento }, effectiveAt: dati.dataUltimoPerfezionamento! },
    ]);
    const s = await storiaCig(t.store, '7654321183', { asOf: new Date('2019-03-15T12:00:00.000Z') });
    expect(s?.stato.cig).toMatchObject({ cig: '7654321183', stato: 'PERFEZIONATO' });
  });
});
