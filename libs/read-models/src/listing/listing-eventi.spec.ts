import type { EventData } from '#event-store';
import { richiesta } from '../testing/ambiente-di-prova.js';
import { ListingBatch } from './listing-batch.js';
import { applica, delListing } from './listing-eventi.js';

/** The listing's fold, without a database: what each event does to the rows of its request. */
function piega(flussi: ReadonlyArray<{ streamId: string; eventi: readonly EventData[] }>, batch = new ListingBatch()) {
  for (const f of flussi) for (const e of f.eventi) if (delListing(batch, f.streamId, e)) applica(batch, f.streamId, e);
  return batch;
}

describe('listing fold', () => {
  it('a draft: one row per lot, in Bozza, the request columns copied, importo complessivo the sum of the lots', () => {
    const r = richiesta({ lotti: ['1000.5', '2000'], creataIl: '2024-01-10T09:00:00.000Z' });
    const b = piega(r.flussi);
    const { appalti, lotti } = b.modifiche();
    expect(appalti).toEqual([expect.objectContaining({ appalto_id: r.id, stato_richiesta: 'Bozza', importo_complessivo: '3000.50', data_ultima_modifica: '2024-01-10T09:00:00.000Z' })]);
    expect(lotti.map((l) => [l.lot_identifier, l.valore, l.stato_lotto, l.importo_complessivo, l.modalita, l.ufficio])).toEqual([
      ['LOT-0001', '1000.50', 'IN_BOZZA', '3000.50', 'CIG', 'UFF-A'],
      ['LOT-0002', '2000.00', 'IN_BOZZA', '3000.50', 'CIG', 'UFF-A'],
    ]);
  });

  it('sent, confirmed, used: Richiesta then Perfezionata, a CIG per lot, available at once for a direct award', () => {
    const r = richiesta({ creataIl: '2024-01-10T09:00:00.000Z', inviataIl: '2024-01-11T09:00:00.000Z', confermataIl: '2024-01-12T09:00:00.000Z', utilizzati: [0] });
    const [lotto] = piega(r.flussi).modifiche().lotti;
    expect(lotto).toMatchObject({
      cig: r.cig[0], stato_richiesta: 'Perfezionata', stato_appalto: 'CONF', stato_lotto: 'CIG_ASSEGNATO', cig_disponibile: true, cig_utilizzato: true,
      cig_utilizzato_in: 'PROC-0', data_invio_richiesta: '2024-01-11T09:00:00.000Z', data_ultima_trasmissione: '2024-01-11T09:00:00.000Z', data_scadenza_cig: null,
    });
  });

  it('an open procedure confirmed has 90 days (Italian calendar) to be published; publication makes the CIG available', () => {
    const confermata = richiesta({ tipo: 'APERTA', creataIl: '2024-01-10T09:00:00.000Z', inviataIl: '2024-01-11T09:00:00.000Z', confermataIl: '2024-03-30T23:30:00.000Z' });
    expect(piega(confermata.flussi).modifiche().lotti[0]).toMatchObject({ cig_disponibile: false, data_scadenza_cig: '2024-06-29' });
    const pubblicata = richiesta({ tipo: 'APERTA', creataIl: '2024-01-10T09:00:00.000Z', inviataIl: '2024-01-11T09:00:00.000Z', confermataIl: '2024-01-12T09:00:00.000Z', pubblicataIl: '2024-01-20T09:00:00.000Z' });
    expect(piega(pubblicata.flussi).modifiche().lotti[0]).toMatchObject({ cig_disponibile: true, data_scadenza_cig: null, stato_appalto: 'PUBB' });
  });

  it('cancelled: Annullata, lots CANCELLATO and not available', () => {
    const r = richiesta({ creataIl: '2024-01-10T09:00:00.000Z', inviataIl: '2024-01-11T09:00:00.000Z', confermataIl: '2024-01-12T09:00:00.000Z', cancellataIl: '2024-01-13T09:00:00.000Z' });
    expect(piega(r.flussi).modifiche().lotti[0]).toMatchObject({ stato_richiesta: 'Annullata', stato_lotto: 'CANCELLATO', cig_disponibile: false, data_ultima_modifica: '2024-01-13T09:00:00.000Z' });
  });

  it('SmartCIG regime: modalità SMARTCIG', () => {
    const r = richiesta({ regime: 'SMARTCIG', creataIl: '2023-01-10T09:00:00.000Z' });
    expect(piega(r.flussi).modifiche().lotti[0].modalita).toBe('SMARTCIG');
  });

  it('events of codes on its own rows are the listing\'s; codes it does not know go to the historic regimes', () => {
    const r = richiesta({ creataIl: '2024-01-10T09:00:00.000Z', inviataIl: '2024-01-11T09:00:00.000Z', confermataIl: '2024-01-12T09:00:00.000Z' });
    const b = piega(r.flussi);
    const perfezionato = { type: 'CigPerfezionato', data: { cig: r.cig[0], il: '2024-01-12T09:00:00.000Z' } };
    expect(delListing(b, `cig-${r.cig[0]}`, perfezionato)).toBe(true);
    expect(delListing(b, 'cig-A000000D3X', { ...perfezionato, data: { cig: 'A000000D3X' } })).toBe(false);
    expect(delListing(b, 'carnet-1', { type: 'CarnetRilasciato', data: {} })).toBe(false);
    expect(delListing(b, 'cig-A000000D3X', { type: 'CigUtilizzato', data: { cig: 'A000000D3X' } })).toBe(true);
  });
});
