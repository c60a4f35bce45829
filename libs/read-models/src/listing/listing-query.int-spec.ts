import { randomBytes } from 'node:crypto';
import { CursoreFirmato } from '../cursore-firmato.js';
import { ambienteDiProva, richiesta, type AmbienteDiProva } from '../testing/ambiente-di-prova.js';
import { leggiFiltriListing, ORDINAMENTI } from './listing-filtri.js';
import { paginaListing } from './listing-query.js';
import { listingProjection } from './listing.projection.js';
import type { AmbitoVisibilita } from './listing-sql.js';

/**
 * Every filter of PARAMETRI DI RICERCA (manuale START Richiedi CIG §2.3) against real PostgreSQL, with rows that
 * must and rows that must not match; sorting and keyset pages; cursors; hostile input.
 */
describe('CIG listing: filters, sort, pages', () => {
  let t: AmbienteDiProva;
  const cursori = new CursoreFirmato(randomBytes(32));
  const nomi = new Map<string, string>();
  const id: Record<string, string> = {};
  const cig: Record<string, string[]> = {};

  const A = richiesta({ oggetto: 'Servizio di PULIZIA delle sedi regionali', creataIl: '2024-01-10T09:00:00.000Z', inviataIl: '2024-01-12T11:14:00.000Z', confermataIl: '2024-01-12T11:20:00.000Z', utilizzati: [0] });
  const B = richiesta({
    oggetto: "Attività didattiche per l'Università", tipo: 'APERTA', rup: { nome: 'Paola Neri', codiceFiscale: 'NREPLA80A41D612J' }, lotti: ['50000', '70000.50'],
    creataIl: '2024-02-01T10:00:00.000Z', inviataIl: '2024-02-03T10:00:00.000Z', confermataIl: '2024-02-05T10:00:00.000Z',
  });
  // Sent at 23:30 UTC on 2 March: 3 March in Italy.
  const C = richiesta({ oggetto: 'Lavori di manutenzione straordinaria', ufficio: 'UFF-B', lotti: ['300000'], creataIl: '2024-03-01T10:00:00.000Z', inviataIl: '2024-03-02T23:30:00.000Z', confermataIl: '2024-03-03T08:00:00.000Z', cancellataIl: '2024-03-10T08:00:00.000Z' });
  const D = richiesta({ oggetto: 'Servizio mensa 100% bio_logico', lotti: ['4999.99'], creataIl: '2024-04-01T10:00:00.000Z' });
  const E = richiesta({ oggetto: 'Cancelleria varia', regime: 'SMARTCIG', lotti: ['15000'], creataIl: '2023-06-01T10:00:00.000Z', inviataIl: '2023-06-02T10:00:00.000Z', confermataIl: '2023-06-02T11:00:00.000Z' });
  const F = richiesta({ oggetto: 'Servizio di vigilanza armata', tipo: 'APERTA', lotti: ['120000'], creataIl: '2024-05-01T10:00:00.000Z', inviataIl: '2024-05-02T10:00:00.000Z', confermataIl: '2024-05-03T10:00:00.000Z', pubblicataIl: '2024-05-10T10:00:00.000Z' });
  const G = richiesta({ oggetto: '=SOMMA(1;2) formula "tra virgolette"', lotti: ['800'], creataIl: '2024-06-01T10:00:00.000Z', inviataIl: '2024-06-02T10:00:00.000Z' });

  beforeAll(async () => {
    t = await ambienteDiProva();
    for (const [nome, r] of Object.entries({ A, B, C, D, E, F, G })) {
      nomi.set(r.id, nome);
      id[nome] = r.id;
      cig[nome] = r.cig;
      await t.scrivi(r.flussi);
    }
    await t.proietta(listingProjection);
  });
  afterAll(() => t?.close());

  /** Matching rows as "A1", "B2"… (appalto letter, lot number), sorted. */
  async function trova(query: Record<string, string>, ambito: AmbitoVisibilita = {}): Promise<string[]> {
    const pagina = await paginaListing(t.db.pool, leggiFiltriListing({ ...query, limite: '200' }, { pagine: true, limiteMax: 200 }), ambito, cursori);
    const righe = pagina.risultati.map((r) => `${nomi.get(String(r.idAppalto))}${Number(String(r.lotIdentifier).slice(4))}`);
    expect(pagina.totale).toBe(righe.length);
    return righe.sort();
  }
  const errore = async (query: Record<string, string>, opzioni = { pagine: true, limiteMax: 200 }) => {
    try {
      await paginaListing(t.db.pool, leggiFiltriListing(query, opzioni), {}, cursori);
    } catch (e) {
      return e as { code: string; kind: string; errors: Array<{ campo: string; codice: string }> };
    }
    throw new Error(`no error for ${JSON.stringify(query)}`);
  };

  it('without filters: one row per lot, every office for an oversight role', async () => {
    expect(await trova({})).toEqual(['A1', 'B1', 'B2', 'C1', 'D1', 'E1', 'F1', 'G1']);
  });

  it('visibility: an office sees only its rows, whatever the filters', async () => {
    expect(await trova({}, { ufficio: 'UFF-B' })).toEqual(['C1']);
    expect(await trova({ oggetto: 'servizio' }, { ufficio: 'UFF-B' })).toEqual([]);
    expect(await trova({ codice: id.A }, { ufficio: 'UFF-B' })).toEqual([]);
  });

  it('codice: the request id', async () => {
    expect(await trova({ codice: id.B })).toEqual(['B1', 'B2']);
    expect(await trova({ codice: '00000000-0000-4000-8000-000000000000' })).toEqual([]);
    expect((await errore({ codice: 'B-123' })).errors).toEqual([expect.objectContaining({ campo: 'query.codice', codice: 'CODICE_NON_VALIDO' })]);
  });

  it('oggetto procedura: contains, ignoring case and accents', async () => {
    expect(await trova({ oggetto: 'pulizia' })).toEqual(['A1']);
    expect(await trova({ oggetto: 'UNIVERSITA' })).toEqual(['B1', 'B2']);
    expect(await trova({ oggetto: 'attività' })).toEqual(['B1', 'B2']);
    expect(await trova({ oggetto: 'servizio' })).toEqual(['A1', 'D1', 'F1']);
    expect(await trova({ oggetto: 'pulizie' })).toEqual([]);
  });

  it('oggetto procedura: % and _ are literal characters, not wildcards', async () => {
    expect(await trova({ oggetto: '100%' })).toEqual(['D1']);
    expect(await trova({ oggetto: '_' })).toEqual(['D1']);
    expect(await trova({ oggetto: '%' })).toEqual(['D1']);
  });

  it('n. gara ANAC', async () => {
    const [riga] = (await paginaListing(t.db.pool, leggiFiltriListing({ codice: id.A }, { pagine: true, limiteMax: 10 }), {}, cursori)).risultati;
    expect(await trova({ numeroGara: String(riga.idAppaltoAnac) })).toEqual(['A1']);
    expect(await trova({ numeroGara: 'GARA-INESISTENTE' })).toEqual([]);
  });

  it('CIG / SmartCIG: the code of one lot, case-insensitive; a malformed code is a 400', async () => {
    expect(await trova({ cig: cig.B[1] })).toEqual(['B2']);
    expect(await trova({ cig: cig.A[0].toLowerCase() })).toEqual(['A1']);
    expect((await errore({ cig: 'B00012EADC' })).errors[0]).toMatchObject({ campo: 'query.cig', codice: 'CIG_NON_VALIDO' });
  });

  it('CIG utilizzato sì/no', async () => {
    expect(await trova({ cigUtilizzato: 'si' })).toEqual(['A1']);
    expect(await trova({ cigUtilizzato: 'no' })).toEqual(['B1', 'B2', 'C1', 'D1', 'E1', 'F1', 'G1']);
    expect((await errore({ cigUtilizzato: 'forse' })).errors[0].campo).toBe('query.cigUtilizzato');
  });

  it('stato della richiesta: one or more of Bozza, Richiesta, Perfezionata, Annullata, Scaduta', async () => {
    // B is an open procedure confirmed but not published: its CIGs are available (perfected) only at publication.
    expect(await trova({ statoRichiesta: 'Perfezionata' })).toEqual(['A1', 'E1', 'F1']);
    expect(await trova({ statoRichiesta: 'bozza,Richiesta' })).toEqual(['B1', 'B2', 'D1', 'G1']);
    expect(await trova({ statoRichiesta: 'Annullata' })).toEqual(['C1']);
    expect(await trova({ statoRichiesta: 'Scaduta' })).toEqual([]);
    expect(await trova({ stato: 'Annullata' })).toEqual(['C1']);
    expect((await errore({ statoRichiesta: 'Perfetta' })).errors[0]).toMatchObject({ campo: 'query.statoRichiesta', codice: 'VALORE_NON_AMMESSO' });
  });

  it('stato del lotto', async () => {
    expect(await trova({ statoLotto: 'CANCELLATO' })).toEqual(['C1']);
    expect(await trova({ statoLotto: 'IN_BOZZA' })).toEqual(['D1']);
    expect(await trova({ statoLotto: 'CIG_RICHIESTO' })).toEqual(['G1']);
    expect(await trova({ statoLotto: 'CIG_ASSEGNATO' })).toEqual(['A1', 'B1', 'B2', 'E1', 'F1']);
  });

  it('RUP: part of the name, or the exact codice fiscale', async () => {
    expect(await trova({ rup: 'neri' })).toEqual(['B1', 'B2']);
    expect(await trova({ rup: 'NREPLA80A41D612J' })).toEqual(['B1', 'B2']);
    expect(await trova({ rup: 'GIOVANNETTI' })).toEqual(['A1', 'C1', 'D1', 'E1', 'F1', 'G1']);
    expect(await trova({ rup: 'Bianchi' })).toEqual([]);
  });

  it('modalità: CIG or SmartCIG', async () => {
    expect(await trova({ modalita: 'SmartCIG' })).toEqual(['E1']);
    expect(await trova({ modalita: 'CIG' })).toEqual(['A1', 'B1', 'B2', 'C1', 'D1', 'F1', 'G1']);
  });

  it('data invio richiesta da–a: Italian calendar days, both ends included; drafts never match', async () => {
    expect(await trova({ dataInvioDa: '03/03/2024', dataInvioA: '03/03/2024' })).toEqual(['C1']);
    expect(await trova({ dataInvioDa: '2024-03-02', dataInvioA: '2024-03-02' })).toEqual([]);
    expect(await trova({ dataInvioDa: '01/02/2024' })).toEqual(['B1', 'B2', 'C1', 'F1', 'G1']);
    expect(await trova({ dataInvioA: '2024-01-12' })).toEqual(['A1', 'E1']);
  });

  it('data scadenza CIG da–a: confirmed open procedures not yet published (90 days to publish)', async () => {
    expect(await trova({ scadenzaDa: '2024-05-01', scadenzaA: '2024-05-31' })).toEqual(['B1', 'B2']);
    expect(await trova({ scadenzaDa: '2024-05-06' })).toEqual([]);
    expect(await trova({ scadenzaA: '2024-05-05' })).toEqual(['B1', 'B2']);
  });

  it('valore da–a: both ends included, comma or dot decimals', async () => {
    expect(await trova({ valoreDa: '50000', valoreA: '70000,50' })).toEqual(['B1', 'B2']);
    expect(await trova({ valoreDa: '70000.51' })).toEqual(['C1', 'F1']);
    expect(await trova({ valoreA: '800' })).toEqual(['G1']);
  });

  it('any combination: every condition must hold', async () => {
    expect(await trova({ statoRichiesta: 'Perfezionata', oggetto: 'servizio', valoreDa: '1000' })).toEqual(['A1', 'F1']);
    expect(await trova({ rup: 'giovannetti', dataInvioDa: '2024-01-01', cigUtilizzato: 'no', modalita: 'CIG' })).toEqual(['C1', 'F1', 'G1']);
    expect(await trova({ statoRichiesta: 'Perfezionata', oggetto: 'servizio', valoreDa: '1000' }, { ufficio: 'UFF-B' })).toEqual([]);
  });

  it('totals: exact for state filters (kept by triggers), capped on request for scans ("more than N")', async () => {
    const pagina = (query: Record<string, string>) => paginaListing(t.db.pool, leggiFiltriListing(query, { pagine: true, limiteMax: 200 }), {}, cursori, { limiteConteggio: 2 });
    expect(await pagina({ oggetto: 'servizio' })).toMatchObject({ totale: 2, totaleEsatto: false });
    expect(await pagina({ oggetto: 'pulizia' })).toMatchObject({ totale: 1, totaleEsatto: true });
    expect(await pagina({ statoRichiesta: 'Perfezionata', cigUtilizzato: 'no' })).toMatchObject({ totale: 2, totaleEsatto: true });
    const { rows } = await t.db.pool.query<{ n: string }>('SELECT sum(n)::text AS n FROM rm_cig_listing_conteggi');
    expect(Number(rows[0].n)).toBe(8);
  });

  it('criteri di ricerca selezionati: echoed with the labels of the page', async () => {
    const r = leggiFiltriListing({ oggetto: 'aperta', statoRichiesta: 'Perfezionata', valoreDa: '' }, { pagine: true, limiteMax: 10 });
    expect(r.criteri).toEqual([
      { parametro: 'oggetto', etichetta: 'Oggetto Procedura', valore: 'aperta' },
      { parametro: 'statoRichiesta', etichetta: 'Stato della Richiesta', valore: 'Perfezionata' },
    ]);
  });

  it('bad input is a 400 naming each parameter: unknown, repeated, inverted, malformed, oversized', async () => {
    expect((await errore({ colore: 'rosso' })).errors[0]).toMatchObject({ campo: 'query.colore', codice: 'FILTRO_SCONOSCIUTO' });
    const e = await errore({ dataInvioDa: '2024-03-10', dataInvioA: '2024-03-01', valoreDa: '1.234,56', scadenzaDa: '31/02/2024' });
    expect(e.errors.map((x) => `${x.campo}:${x.codice}`).sort()).toEqual([
      'query.dataInvioA:INTERVALLO_INVERTITO', 'query.dataInvioDa:INTERVALLO_INVERTITO', 'query.scadenzaDa:DATA_NON_VALIDA', 'query.valoreDa:IMPORTO_NON_VALIDO',
    ]);
    expect((await errore({ valoreDa: '100', valoreA: '99' })).errors.map((x) => x.campo)).toEqual(['query.valoreDa', 'query.valoreA']);
    expect((await errore({ limite: '201' })).errors[0]).toMatchObject({ campo: 'query.limite', codice: 'PAGINA_TROPPO_GRANDE' });
    expect((await errore({ ordina: 'oggetto' })).errors[0].campo).toBe('query.ordina');
    expect((await errore({ oggetto: ['a', 'b'] as unknown as string })).errors[0]).toMatchObject({ campo: 'query.oggetto', codice: 'PARAMETRO_RIPETUTO' });
    expect((await errore({ cursore: 'x' }, { pagine: false, limiteMax: 0 })).errors[0].codice).toBe('FILTRO_SCONOSCIUTO');
  });

  it('injection strings reach PostgreSQL as values: no error, no match, the table intact', async () => {
    const ostili = ["' OR '1'='1", "x'; DROP TABLE rm_cig_listing; --", 'a\\', "%' OR oggetto_norm LIKE '%", '$1', ')) OR true --'];
    for (const s of ostili) {
      for (const filtro of ['oggetto', 'numeroGara', 'rup']) expect([filtro, s, await trova({ [filtro]: s })]).toEqual([filtro, s, []]);
      await expect(errore({ codice: s })).resolves.toMatchObject({ kind: 'invalid' });
      await expect(errore({ cig: s })).resolves.toMatchObject({ kind: 'invalid' });
    }
    expect(await trova({})).toHaveLength(8);
  });

  it.each(ORDINAMENTI.flatMap((campo) => [[campo, 'asc', 0], [campo, 'desc', 0], [campo, 'asc', 100], [campo, 'desc', 100]]))('sort by %s %s (rows sorted in memory up to %d): keyset pages give every row once, in order', async (campo, verso, inMemoria) => {
    const visti: Array<Record<string, unknown>> = [];
    let cursore: string | undefined;
    let pagine = 0;
    do {
      const query: Record<string, string> = { ordina: campo, verso, limite: '3', ...(cursore ? { cursore } : {}) };
      const p = await paginaListing(t.db.pool, leggiFiltriListing(query, { pagine: true, limiteMax: 200 }), {}, cursori, { ordinaInMemoriaFinoA: inMemoria as number });
      expect(p.totale).toBe(8);
      visti.push(...p.risultati);
      cursore = p.pagina.successiva ?? undefined;
      pagine += 1;
    } while (cursore && pagine < 10);
    expect(visti).toHaveLength(8);
    const chiave = (r: Record<string, unknown>) => {
      const v = r[campo];
      if (v === null || v === undefined) return Number.POSITIVE_INFINITY;
      return v instanceof Date ? v.getTime() : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(v) : Number(v);
    };
    const atteso = [...visti].sort((x, y) => {
      const d = chiave(x) - chiave(y);
      const ordine = Number.isNaN(d) ? 0 : d !== 0 ? d : String(x.idAppalto).localeCompare(String(y.idAppalto)) || String(x.lotIdentifier).localeCompare(String(y.lotIdentifier));
      return verso === 'asc' ? ordine : -ordine;
    });
    expect(visti.map((r) => `${nomi.get(String(r.idAppalto))}${r.lotIdentifier}`)).toEqual(atteso.map((r) => `${nomi.get(String(r.idAppalto))}${r.lotIdentifier}`));
  });

  it('a cursor edited by hand, or reused with other criteria or another office, is a 400', async () => {
    const p1 = await paginaListing(t.db.pool, leggiFiltriListing({ limite: '2' }, { pagine: true, limiteMax: 200 }), {}, cursori);
    const c = p1.pagina.successiva!;
    const [corpo, firma] = c.split('.');
    const dati = JSON.parse(Buffer.from(corpo, 'base64url').toString());
    const alterato = `${Buffer.from(JSON.stringify({ ...dati, k: '1970-01-01 00:00:00+00' })).toString('base64url')}.${firma}`;
    for (const cursore of [alterato, `${c}x`, 'abc', `${corpo}.`]) {
      expect((await errore({ limite: '2', cursore })).errors[0]).toMatchObject({ campo: 'query.cursore', codice: 'CURSORE_NON_VALIDO' });
    }
    expect((await errore({ limite: '2', cursore: c, oggetto: 'servizio' })).errors[0].codice).toBe('CURSORE_NON_VALIDO');
    await expect(paginaListing(t.db.pool, leggiFiltriListing({ limite: '2', cursore: c }, { pagine: true, limiteMax: 200 }), { ufficio: 'UFF-B' }, cursori)).rejects.toMatchObject({ code: 'CURSORE_NON_VALIDO' });
    const p2 = await paginaListing(t.db.pool, leggiFiltriListing({ limite: '2', cursore: c }, { pagine: true, limiteMax: 200 }), {}, cursori);
    expect(p2.totale).toBe(8);
    expect(p2.risultati).toHaveLength(2);
  });
});
