import type pg from 'pg';
import { flussoInTransazione } from '#platform';
import type { RichiestaListing } from './listing-filtri.js';
import { condizioni, ordinePer, Parametri, type AmbitoVisibilita } from './listing-sql.js';

/** Spreadsheets (Excel in Italian) read `;`-separated UTF-8 with a BOM as their own CSV. */
export const BOM = '\uFEFF';
const SEPARATORE = ';';
const FINE_RIGA = '\r\n';

/**
 * Header and SQL of each column: Italian formats computed by PostgreSQL (dates as the Italian
 * calendar day). Free text goes through `rm_csv` (quoting, formula guard); the other columns hold
 * codes, dates and amounts that need neither.
 */
const COLONNE: ReadonlyArray<readonly [string, string]> = [
  ['Oggetto procedura', testo('oggetto_procedura')],
  ['Oggetto lotto', testo('oggetto_lotto')],
  ['Lotto', testo('lot_identifier')],
  ['Stazione appaltante', testo('sa_denominazione')],
  ['Centro di costo', testo('cdc_denominazione')],
  ['ID appalto', 'appalto_id::text'],
  ['N° gara ANAC', testo('id_appalto_anac')],
  ['Stato richiesta', testo('stato_richiesta')],
  ['Stato appalto', testo('stato_appalto')],
  ['Stato lotto', testo('stato_lotto')],
  ['Tipologia procedura', testo('tipologia_procedura')],
  ['Importo complessivo', "coalesce(replace(importo_complessivo::text, '.', ','), '')"],
  ['RUP', testo('rup_nome')],
  ['Creato da', testo('creato_da')],
  ['Data creazione', giorno('data_creazione')],
  ['Data invio richiesta', giorno('data_invio_richiesta')],
  ['Data ultima modifica', giorno('data_ultima_modifica')],
  ['Data ultima trasmissione', giorno('data_ultima_trasmissione')],
  ['CIG', "coalesce(cig, '')"],
  ['Modalità', testo('modalita')],
  ['CIG utilizzato', "CASE WHEN cig_utilizzato THEN 'Sì' ELSE 'No' END"],
  ['Valore', "replace(valore::text, '.', ',')"],
  ['Data scadenza CIG', "coalesce(to_char(data_scadenza_cig, 'DD/MM/YYYY'), '')"],
  ['Esito ANAC', "CASE WHEN esito_anac = 'KO' THEN 'Respinta da ANAC' ELSE '' END"],
  ['Errori ANAC', testo('errori_anac')],
  ['Ritiro richiesto il', giorno('ritiro_richiesto_il')],
];

/** One CSV line per row, built by PostgreSQL. */
const RIGA_SQL = COLONNE.map(([, espressione]) => espressione).join(" || ';' || ");

export const INTESTAZIONE_CSV = COLONNE.map(([titolo]) => titolo);

function giorno(colonna: string): string {
  return `coalesce(to_char(${colonna} AT TIME ZONE 'Europe/Rome', 'DD/MM/YYYY'), '')`;
}

function testo(colonna: string): string {
  return `rm_csv(${colonna})`;
}

/**
 * One CSV cell: quoted when it holds the separator, a quote or a line break; a leading = + - @
 * gets an apostrophe so that a spreadsheet shows the text instead of running it as a formula
 * (OWASP "CSV injection"). The rows use the same rules in SQL (`rm_csv`); this writes the header.
 */
export function cella(valore: string | null): string {
  if (valore === null || valore === '') return '';
  const testo = /^[=+\-@\t\r]/.test(valore) ? `'${valore}` : valore;
  return /[";\r\n]/.test(testo) ? `"${testo.replace(/"/g, '""')}"` : testo;
}

export const rigaCsv = (valori: ReadonlyArray<string | null>): string => valori.map(cella).join(SEPARATORE) + FINE_RIGA;

/** ~250 lines of ~450 bytes: each block stays a regular heap string (V8 puts larger ones in the large-object space, freed only by full collections). */
const RIGHE_PER_BLOCCO = 250;

export interface OpzioniEsportazione {
  /** Rows per FETCH: memory holds at most this many rows at a time. */
  readonly righePerBlocco?: number;
}

/**
 * The CSV of the listing, in blocks of text: BOM and header first, then the lines PostgreSQL
 * writes (one string per row), read from a server-side cursor (`DECLARE … CURSOR`, `FETCH n`) in
 * a read-only, repeatable-read transaction on the given client, so the export is one consistent
 * snapshot and memory stays flat however many rows match. The caller pulls the next block only
 * when it has written the previous one (backpressure); stopping early rolls the transaction back.
 */
export async function* esportaCsv(client: pg.ClientBase, richiesta: RichiestaListing, ambito: AmbitoVisibilita, opzioni: OpzioniEsportazione = {}): AsyncGenerator<string> {
  const n = opzioni.righePerBlocco ?? RIGHE_PER_BLOCCO;
  const sql = new Parametri();
  const where = condizioni(richiesta.filtri, ambito, sql);
  yield* flussoInTransazione(
    client,
    async function* (tx) {
      await tx.query(
        `DECLARE esporta_listing NO SCROLL CURSOR FOR
         SELECT ${RIGA_SQL} FROM rm_cig_listing
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${ordinePer(richiesta.ordinamento)}`,
        sql.valori,
      );
      yield BOM + rigaCsv(INTESTAZIONE_CSV);
      for (;;) {
        const { rows } = await tx.query<[string]>({ text: `FETCH FORWARD ${n} FROM esporta_listing`, rowMode: 'array' });
        if (rows.length === 0) break;
        yield `${rows.map((r) => r[0]).join(FINE_RIGA)}${FINE_RIGA}`;
        if (rows.length < n) break;
      }
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  );
}
