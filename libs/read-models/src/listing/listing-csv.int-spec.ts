import { randomBytes } from 'node:crypto';
import { CursoreFirmato } from '../cursore-firmato.js';
import { comeCsv, leggiCsv } from '../testing/csv.js';
import { ambienteDiProva, richiesta, type AmbienteDiProva } from '../testing/ambiente-di-prova.js';
import { BOM, esportaCsv, INTESTAZIONE_CSV } from './listing-csv.js';
import { leggiFiltriListing } from './listing-filtri.js';
import { paginaListing } from './listing-query.js';
import { listingProjection } from './listing.projection.js';
import type { AmbitoVisibilita } from './listing-sql.js';

/** ESPORTA CSV (manuale START Richiedi CIG): the same rows as the listing, parsed back and compared cell by cell. */
describe('CIG listing: CSV export', () => {
  let t: AmbienteDiProva;
  const cursori = new CursoreFirmato(randomBytes(32));

  beforeAll(async () => {
    t = await ambienteDiProva();
    const richieste = [
      richiesta({ oggetto: 'Servizio; con "virgolette" e punto e virgola', creataIl: '2024-01-10T23:30:00.000Z', inviataIl: '2024-01-12T11:14:00.000Z', confermataIl: '2024-01-12T11:20:00.000Z', utilizzati: [0] }),
      richiesta({ oggetto: '=HYPERLINK("http://esempio.it")', tipo: 'APERTA', lotti: ['50000', '1234.5'], creataIl: '2024-07-01T22:30:00.000Z', inviataIl: '2024-07-03T10:00:00.000Z', confermataIl: '2024-07-05T10:00:00.000Z' }),
      richiesta({ oggetto: 'Righe\r\nsu più righe, àèìòù', ufficio: 'UFF-B', creataIl: '2024-03-01T10:00:00.000Z' }),
      ...Array.from({ length: 40 }, (_, i) => richiesta({ oggetto: `Fornitura ${i}`, lotti: [`${100 + i}.0${i % 10}`], creataIl: new Date(Date.UTC(2024, 0, 1 + i, 12)).toISOString() })),
    ];
    for (const r of richieste) await t.scrivi(r.flussi);
    await t.proietta(listingProjection);
  });
  afterAll(() => t?.close());

  async function csv(query: Record<string, string>, ambito: AmbitoVisibilita = {}, righePerBlocco = 7): Promise<{ testo: string; blocchi: number }> {
    const client = await t.db.pool.connect();
    try {
      let testo = '';
      let blocchi = 0;
      for await (const b of esportaCsv(client, leggiFiltriListing(query, { pagine: false, limiteMax: 0 }), ambito, { righePerBlocco })) {
        testo += b;
        blocchi += 1;
      }
      return { testo, blocchi };
    } finally {
      client.release();
    }
  }
  const json = async (query: Record<string, string>, ambito: AmbitoVisibilita = {}) =>
    (await paginaListing(t.db.pool, leggiFiltriListing({ ...query, limite: '1000' }, { pagine: true, limiteMax: 1000 }), ambito, cursori)).risultati;

  it('round-trips: parsed back, the CSV is the JSON listing in Italian formats, row by row', async () => {
    const ricerche: Array<Record<string, string>> = [{}, { ordina: 'valore', verso: 'asc' }, { oggetto: 'fornitura', valoreDa: '120' }, { statoRichiesta: 'Perfezionata' }];
    for (const query of ricerche) {
      const { testo, blocchi } = await csv(query);
      expect(testo.startsWith(BOM)).toBe(true);
      const [intestazione, ...righe] = leggiCsv(testo.slice(BOM.length));
      expect(intestazione).toEqual(INTESTAZIONE_CSV);
      const attese = (await json(query)).map(comeCsv);
      expect(righe).toEqual(attese);
      expect(blocchi).toBe(1 + Math.ceil((righe.length + 1) / 7));
    }
  });

  it('uses ; as separator, dd/mm/yyyy Italian days, comma decimals, Sì/No, and quotes what needs quoting', async () => {
    const { testo } = await csv({ oggetto: 'virgolette' });
    const riga = testo.split('\r\n')[1];
    expect(riga.startsWith('"Servizio; con ""virgolette"" e punto e virgola";')).toBe(true);
    // Created 23:30 UTC on 10 January: 11 January in Italy.
    expect(riga).toContain(';11/01/2024;12/01/2024;');
    // … valore, data scadenza CIG, then esito ANAC, errori ANAC, ritiro richiesto il (all empty here).
    expect(riga).toMatch(/;Sì;1250,00;;;;$/);
  });

  it('neutralises spreadsheet formulas and keeps line breaks inside a quoted cell', async () => {
    const { testo } = await csv({ oggetto: 'hyperlink' });
    expect(testo).toContain('"\'=HYPERLINK(""http://esempio.it"")"');
    const multilinea = leggiCsv((await csv({ oggetto: 'righe' })).testo.slice(1));
    expect(multilinea[1][0]).toBe('Righe\r\nsu più righe, àèìòù');
  });

  it('applies the office visibility and the filters like the listing', async () => {
    const { testo } = await csv({}, { ufficio: 'UFF-B' });
    expect(leggiCsv(testo.slice(1))).toHaveLength(2);
    expect(leggiCsv((await csv({ oggetto: 'nessuna corrispondenza' })).testo.slice(1))).toEqual([INTESTAZIONE_CSV]);
  });

  it('a consumer that stops early leaves no transaction open on the client', async () => {
    const client = await t.db.pool.connect();
    try {
      const g = esportaCsv(client, leggiFiltriListing({}, { pagine: false, limiteMax: 0 }), {}, { righePerBlocco: 5 });
      await g.next();
      await g.next();
      await g.return(undefined);
      const { rows } = await client.query<{ stato: string }>('SELECT pg_current_xact_id_if_assigned() IS NULL AS libera, current_setting(\'transaction_isolation\') AS stato');
      expect(rows[0]).toMatchObject({ libera: true, stato: 'read committed' });
    } finally {
      client.release();
    }
  });
});
