import { isCodiceFiscale } from '#domain';
import type { SqlExecutor } from '#event-store';
import { impronta, type CursoreFirmato } from '../cursore-firmato.js';
import { ParametroNonValido } from '../parametro-non-valido.js';
import type { CriterioSelezionato, Ordinamento, RichiestaListing } from './listing-filtri.js';
import { CHIAVI_ORDINAMENTO, COLONNE_JSON, condizioni, dopo, ordinePer, Parametri, type AmbitoVisibilita } from './listing-sql.js';

/** What a signed cursor carries: the query's fingerprint, the last row's key and the first page's total. */
interface DatiCursore {
  readonly f: string;
  readonly k: string;
  readonly a: string;
  readonly l: string;
  readonly t: number;
  /** The total is exact (false: at least `t`). */
  readonly e: boolean;
}

export interface PaginaListing {
  readonly criteri: readonly CriterioSelezionato[];
  readonly ordinamento: Ordinamento;
  /** Rows matching the filters (counted at the first page, carried by the cursor on the next ones). */
  readonly totale: number;
  /** False when counting stopped at the limit: there are at least `totale` rows. */
  readonly totaleEsatto: boolean;
  readonly risultati: ReadonlyArray<Record<string, unknown>>;
  readonly pagina: { readonly limite: number; readonly successiva: string | null };
}

/**
 * One keyset page of the listing: the rows after the cursor in the chosen order, plus the total.
 * The cursor is bound to the filters, the sort and the caller's office: any other use is a 400.
 */
export interface OpzioniPagina {
  /**
   * Counting stops after this many rows when the filters need a scan (text, dates, amounts,
   * codes); 0 counts everything. Totals over the categorical filters alone are always exact.
   */
  readonly limiteConteggio?: number;
  /** Exact totals up to this many rows are sorted in memory instead of walking the sort index (default 10,000). */
  readonly ordinaInMemoriaFinoA?: number;
}

/** Text searches count at most this many rows (each candidate is rechecked on the table). */
const TETTO_TESTO = 1_000;

/** At most this many matching rows are sorted in memory (see `paginaListing`). */
const POCHE_RIGHE = 10_000;

/** Filters whose totals come from `rm_cig_listing_conteggi` (one row per combination of their values and the office). */
const CATEGORICI = new Set(['statoRichiesta', 'statoLotto', 'modalita', 'cigUtilizzato']);

export async function paginaListing(
  db: SqlExecutor,
  richiesta: RichiestaListing,
  ambito: AmbitoVisibilita,
  cursori: CursoreFirmato,
  opzioni: OpzioniPagina = {},
): Promise<PaginaListing> {
  const { filtri, ordinamento, limite } = richiesta;
  const firma = impronta({ filtri, ordinamento, ufficio: ambito.ufficio ?? null });
  const precedente = richiesta.cursore === undefined ? undefined : leggiCursore(cursori, richiesta.cursore, firma);
  const { totale, esatto } = precedente ? { totale: precedente.t, esatto: precedente.e !== false } : await conta(db, richiesta, ambito, opzioni.limiteConteggio ?? 0);
  const sql = new Parametri();
  const where = condizioni(filtri, ambito, sql);
  if (precedente) where.push(dopo(ordinamento, precedente, sql));
  const selezione = `SELECT ${COLONNE_JSON}, ${CHIAVI_ORDINAMENTO[ordinamento.campo].espressione}::text AS _k
       FROM rm_cig_listing ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  // Few matching rows: read them by the filters' own indexes and sort them, rather than walk the
  // sort index hoping to meet them soon (a bad bet when they sit far down that index).
  // Except the office's whole listing in its default order: the index (ufficio, data_creazione, …) holds it in
  // that order, so its first rows are read at once instead of all of the office's (1M lots: 0.2 ms against 100-270 ms).
  const dallIndiceUfficio = ambito.ufficio !== undefined && Object.keys(filtri).length === 0 && ordinamento.campo === 'dataCreazione';
  const pochi = esatto && totale <= (opzioni.ordinaInMemoriaFinoA ?? POCHE_RIGHE) && !dallIndiceUfficio;
  const verso = ordinamento.verso === 'asc' ? 'ASC' : 'DESC';
  const { rows } = await db.query<Record<string, unknown> & { _k: string }>(
    pochi
      ? `WITH candidate AS MATERIALIZED (${selezione.replace('SELECT ', `SELECT ${CHIAVI_ORDINAMENTO[ordinamento.campo].espressione} AS _s, appalto_id AS _a, lot_identifier AS _l, `)})
         SELECT * FROM candidate ORDER BY _s ${verso}, _a ${verso}, _l ${verso} LIMIT ${sql.p(limite + 1)}`
      : `${selezione} ORDER BY ${ordinePer(ordinamento)} LIMIT ${sql.p(limite + 1)}`,
    sql.valori,
  );
  const pagina = rows.slice(0, limite);
  const ultima = pagina.at(-1);
  const successiva = rows.length > limite && ultima
    ? cursori.firma<DatiCursore>({ f: firma, k: ultima._k, a: String(ultima.idAppalto), l: String(ultima.lotIdentifier), t: totale, e: esatto })
    : null;
  return {
    criteri: richiesta.criteri,
    ordinamento,
    totale,
    totaleEsatto: esatto,
    risultati: pagina.map(({ _k, _s, _a, _l, ...riga }) => riga),
    pagina: { limite, successiva },
  };
}

async function conta(db: SqlExecutor, richiesta: RichiestaListing, ambito: AmbitoVisibilita, limite: number): Promise<{ totale: number; esatto: boolean }> {
  const sql = new Parametri();
  const where = condizioni(richiesta.filtri, ambito, sql);
  const filtro = where.length ? `WHERE ${where.join(' AND ')}` : '';
  if (Object.keys(richiesta.filtri).every((f) => CATEGORICI.has(f))) {
    const { rows } = await db.query<{ n: string }>(`SELECT coalesce(sum(n), 0)::text AS n FROM rm_cig_listing_conteggi ${filtro}`, sql.valori);
    return { totale: Number(rows[0].n), esatto: true };
  }
  // A text search pays a recheck of every candidate row (trigram index): it counts less far.
  const testo = richiesta.filtri.oggetto !== undefined || (richiesta.filtri.rup !== undefined && !isCodiceFiscale(richiesta.filtri.rup.toUpperCase()));
  if (testo && limite > 0) limite = Math.min(limite, TETTO_TESTO);
  const tetto = limite > 0 ? `LIMIT ${sql.p(limite + 1)}` : '';
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM rm_cig_listing ${filtro} ${tetto}) x`, sql.valori);
  const n = Number(rows[0].n);
  return limite > 0 && n > limite ? { totale: limite, esatto: false } : { totale: n, esatto: true };
}

function leggiCursore(cursori: CursoreFirmato, cursore: string, firma: string): DatiCursore {
  const dati = cursori.verifica<DatiCursore>(cursore);
  const valido = dati && typeof dati.k === 'string' && typeof dati.a === 'string' && typeof dati.l === 'string' && typeof dati.t === 'number';
  if (!valido) throw ParametroNonValido.di('paginazione', [{ parametro: 'cursore', messaggio: 'cursore non valido o alterato', codice: 'CURSORE_NON_VALIDO' }]);
  if (dati.f !== firma) {
    throw ParametroNonValido.di('paginazione', [{ parametro: 'cursore', messaggio: 'il cursore appartiene a una ricerca con altri criteri, ordinamento o ambito', codice: 'CURSORE_NON_VALIDO' }]);
  }
  return dati;
}
