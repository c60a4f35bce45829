import { randomBytes } from 'node:crypto';
import { CursoreFirmato } from '../cursore-firmato.js';
import { leggiCsv } from '../testing/csv.js';
import { ambienteDiProva, richiesta, type AmbienteDiProva } from '../testing/ambiente-di-prova.js';
import { esportaCsv, BOM } from './listing-csv.js';
import { leggiFiltriListing } from './listing-filtri.js';
import { paginaListing } from './listing-query.js';
import { listingProjection } from './listing.projection.js';

/**
 * What the listing says of a request must be true: ANAC's refusal is visible (and found by a
 * filter, and in the CSV), a pending withdrawal too, an open procedure is "Perfezionata" only once
 * published, and a cancelled CIG has no deadline left.
 */
describe('CIG listing: refusals, withdrawals, availability, deadlines', () => {
  let t: AmbienteDiProva;
  const cursori = new CursoreFirmato(randomBytes(32));
  const respinta = richiesta({ oggetto: 'Respinta da ANAC', creataIl: '2024-02-01T10:00:00.000Z', inviataIl: '2024-02-02T10:00:00.000Z', respintaIl: '2024-02-02T10:05:00.000Z' });
  const ritirata = richiesta({ oggetto: 'Ritirata', creataIl: '2024-02-01T10:00:00.000Z', inviataIl: '2024-02-02T10:00:00.000Z', ritiroRichiestoIl: '2024-02-02T12:00:00.000Z' });
  const aperta = richiesta({ oggetto: 'Aperta confermata', tipo: 'APERTA', creataIl: '2024-02-01T10:00:00.000Z', inviataIl: '2024-02-02T10:00:00.000Z', confermataIl: '2024-02-03T10:00:00.000Z' });
  const pubblicata = richiesta({ oggetto: 'Aperta pubblicata', tipo: 'APERTA', creataIl: '2024-02-01T10:00:00.000Z', inviataIl: '2024-02-02T10:00:00.000Z', confermataIl: '2024-02-03T10:00:00.000Z', pubblicataIl: '2024-02-10T10:00:00.000Z' });
  const cancellata = richiesta({ oggetto: 'Aperta cancellata', tipo: 'APERTA', creataIl: '2024-02-01T10:00:00.000Z', inviataIl: '2024-02-02T10:00:00.000Z', confermataIl: '2024-02-03T10:00:00.000Z', cancellataIl: '2024-02-04T10:00:00.000Z' });

  beforeAll(async () => {
    t = await ambienteDiProva();
    for (const r of [respinta, ritirata, aperta, pubblicata, cancellata]) await t.scrivi(r.flussi);
    await t.proietta(listingProjection);
  });
  afterAll(() => t?.close());

  const righe = async (query: Record<string, string> = {}) =>
    (await paginaListing(t.db.pool, leggiFiltriListing({ ...query, limite: '100' }, { pagine: true, limiteMax: 100 }), {}, cursori)).risultati;
  const riga = async (id: string) => (await righe()).find((r) => r.idAppalto === id)!;

  it("a request ANAC refused shows it, with ANAC's codes, and the filter esitoAnac=KO finds it", async () => {
    expect(await riga(respinta.id)).toMatchObject({ statoRichiesta: 'Bozza', esitoAnac: 'KO', erroriAnac: 'REG99: Importo non valido (LOT-0001)' });
    expect((await righe({ esitoAnac: 'KO' })).map((r) => r.idAppalto)).toEqual([respinta.id]);
    expect((await riga(aperta.id)).esitoAnac).toBeNull();
  });

  it('the CSV says "Respinta da ANAC" with the codes, and "ritiro richiesto" with its day', async () => {
    const client = await t.db.pool.connect();
    let testo = '';
    try {
      for await (const blocco of esportaCsv(client, leggiFiltriListing({}, { pagine: false, limiteMax: 0 }), {})) testo += blocco;
    } finally {
      client.release();
    }
    const [intestazione, ...dati] = leggiCsv(testo.slice(BOM.length));
    const colonna = (nome: string) => intestazione.indexOf(nome);
    const di = (oggetto: string) => dati.find((r) => r[0] === oggetto)!;
    expect(di('Respinta da ANAC')[colonna('Esito ANAC')]).toBe('Respinta da ANAC');
    expect(di('Respinta da ANAC')[colonna('Errori ANAC')]).toBe('REG99: Importo non valido (LOT-0001)');
    expect(di('Ritirata')[colonna('Ritiro richiesto il')]).toBe('02/02/2024');
  });

  it('a request being withdrawn reads "Richiesta" with the day of the withdrawal', async () => {
    expect(await riga(ritirata.id)).toMatchObject({ statoRichiesta: 'Richiesta' });
    expect(new Date(String((await riga(ritirata.id)).ritiroRichiestoIl)).toISOString()).toBe('2024-02-02T12:00:00.000Z');
  });

  it('an open procedure is "Perfezionata" only once published', async () => {
    expect(await riga(aperta.id)).toMatchObject({ statoRichiesta: 'Richiesta', statoAppalto: 'CONF', cigDisponibile: false });
    expect(await riga(pubblicata.id)).toMatchObject({ statoRichiesta: 'Perfezionata', statoAppalto: 'PUBB', cigDisponibile: true });
  });

  it('a cancelled CIG keeps no deadline', async () => {
    expect(await riga(cancellata.id)).toMatchObject({ statoRichiesta: 'Annullata', statoLotto: 'CANCELLATO', dataScadenzaCig: null });
  });
});
