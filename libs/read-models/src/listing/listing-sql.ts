import { isCodiceFiscale } from '#domain';
import { giornoSuccessivo, inizioGiornoItaliano } from '../parametri.js';
import type { CampoOrdinamento, FiltriListing, Ordinamento } from './listing-filtri.js';

/** Who sees what: operational roles their office's rows, oversight roles every row (`ufficio` undefined). */
export interface AmbitoVisibilita {
  readonly ufficio?: string;
}

/** Collects bind parameters: every value reaches PostgreSQL as `$n`, never inside the SQL text. */
export class Parametri {
  readonly valori: unknown[] = [];
  p(valore: unknown): string {
    this.valori.push(valore);
    return `$${this.valori.length}`;
  }
}

/**
 * Sort keys. Nullable columns sort as if empty meant "infinitely late" (after every value in
 * ascending order, first in descending order, like PostgreSQL's default NULLS placement), through
 * the same COALESCE expression the indexes are built on, so that keyset pages are index scans.
 */
export const CHIAVI_ORDINAMENTO: Readonly<Record<CampoOrdinamento, { espressione: string; tipo: string }>> = {
  dataCreazione: { espressione: 'data_creazione', tipo: 'timestamptz' },
  dataInvioRichiesta: { espressione: "COALESCE(data_invio_richiesta, 'infinity'::timestamptz)", tipo: 'timestamptz' },
  dataUltimaModifica: { espressione: 'data_ultima_modifica', tipo: 'timestamptz' },
  dataUltimaTrasmissione: { espressione: "COALESCE(data_ultima_trasmissione, 'infinity'::timestamptz)", tipo: 'timestamptz' },
  dataScadenzaCig: { espressione: "COALESCE(data_scadenza_cig, 'infinity'::date)", tipo: 'date' },
  valore: { espressione: 'valore', tipo: 'numeric' },
  importoComplessivo: { espressione: "COALESCE(importo_complessivo, 'NaN'::numeric)", tipo: 'numeric' },
};

/** `LIKE` pattern "contains", escaped and normalised (case and accents) by the same function as the stored column. */
const contiene = (parametro: string) =>
  `('%' || replace(replace(replace(rm_normalizza(${parametro}::text), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')`;

/** The WHERE conditions of the filters and of the caller's visibility. */
export function condizioni(f: FiltriListing, ambito: AmbitoVisibilita, sql: Parametri): string[] {
  const where: string[] = [];
  if (ambito.ufficio !== undefined) where.push(`ufficio = ${sql.p(ambito.ufficio)}`);
  if (f.codice) where.push(`appalto_id = ${sql.p(f.codice)}::uuid`);
  if (f.oggetto) where.push(`oggetto_norm LIKE ${contiene(sql.p(f.oggetto))}`);
  if (f.numeroGara) where.push(`id_appalto_anac = ${sql.p(f.numeroGara)}`);
  if (f.cig) where.push(`cig = ${sql.p(f.cig)}`);
  if (f.cigUtilizzato !== undefined) where.push(`cig_utilizzato = ${sql.p(f.cigUtilizzato)}`);
  if (f.statoRichiesta) where.push(`stato_richiesta = ANY(${sql.p(f.statoRichiesta)}::text[])`);
  if (f.statoLotto) where.push(`stato_lotto = ANY(${sql.p(f.statoLotto)}::text[])`);
  if (f.rup) {
    where.push(isCodiceFiscale(f.rup.toUpperCase()) ? `rup_cf = ${sql.p(f.rup.toUpperCase())}` : `rup_norm LIKE ${contiene(sql.p(f.rup))}`);
  }
  if (f.modalita) where.push(`modalita = ${sql.p(f.modalita)}`);
  if (f.esitoAnac) where.push(`esito_anac = ${sql.p(f.esitoAnac)}`);
  intervallo(where, CHIAVI_ORDINAMENTO.dataInvioRichiesta.espressione, 'timestamptz', sql,
    f.dataInvioDa && inizioGiornoItaliano(f.dataInvioDa).toISOString(),
    f.dataInvioA && inizioGiornoItaliano(giornoSuccessivo(f.dataInvioA)).toISOString());
  intervallo(where, CHIAVI_ORDINAMENTO.dataScadenzaCig.espressione, 'date', sql, f.scadenzaDa, f.scadenzaA && giornoSuccessivo(f.scadenzaA));
  if (f.valoreDa) where.push(`valore >= ${sql.p(f.valoreDa)}::numeric`);
  if (f.valoreA) where.push(`valore <= ${sql.p(f.valoreA)}::numeric`);
  return where;
}

/**
 * `[da, a)` on a COALESCE'd key: both bounds are finite, so rows without the date (infinity)
 * never match, and the condition reads the same index as the sort.
 */
function intervallo(where: string[], espressione: string, tipo: string, sql: Parametri, da?: string, aEscluso?: string): void {
  if (!da && !aEscluso) return;
  where.push(`${espressione} >= ${da ? `${sql.p(da)}::${tipo}` : `'-infinity'::${tipo}`}`);
  where.push(`${espressione} < ${aEscluso ? `${sql.p(aEscluso)}::${tipo}` : `'infinity'::${tipo}`}`);
}

export function ordinePer(o: Ordinamento): string {
  const verso = o.verso === 'asc' ? 'ASC' : 'DESC';
  return `${CHIAVI_ORDINAMENTO[o.campo].espressione} ${verso}, appalto_id ${verso}, lot_identifier ${verso}`;
}

/** Rows after the cursor's (key, appalto, lot) in the page order: a row comparison the sort index serves. */
export function dopo(o: Ordinamento, chiave: { k: string; a: string; l: string }, sql: Parametri): string {
  const { espressione, tipo } = CHIAVI_ORDINAMENTO[o.campo];
  const op = o.verso === 'asc' ? '>' : '<';
  return `(${espressione}, appalto_id, lot_identifier) ${op} (${sql.p(chiave.k)}::${tipo}, ${sql.p(chiave.a)}::uuid, ${sql.p(chiave.l)}::text)`;
}

/** Columns of a listing row (manuale START Richiedi CIG §2.4 and DESIGN §6), as the JSON answer names them. */
export const COLONNE_JSON = `
  appalto_id AS "idAppalto", lot_identifier AS "lotIdentifier", cig, modalita, regime, oggetto_procedura AS "oggettoProcedura",
  oggetto_lotto AS "oggettoLotto", sa_denominazione AS "stazioneAppaltante", sa_cf AS "codiceFiscaleSa", cdc_denominazione AS "centroDiCosto",
  cdc_codice AS "codiceCentroDiCosto", ufficio, id_appalto_anac AS "idAppaltoAnac", id_procedura AS "idProcedura", stato_appalto AS "statoAppalto",
  stato_richiesta AS "statoRichiesta", stato_lotto AS "statoLotto", tipologia_procedura AS "tipologiaProcedura",
  importo_complessivo AS "importoComplessivo", valore, rup_nome AS "rup", rup_cf AS "rupCodiceFiscale", creato_da AS "creatoDa",
  data_creazione AS "dataCreazione", data_invio_richiesta AS "dataInvioRichiesta", data_ultima_modifica AS "dataUltimaModifica",
  data_ultima_trasmissione AS "dataUltimaTrasmissione", cig_utilizzato AS "cigUtilizzato", cig_utilizzato_in AS "cigUtilizzatoIn",
  cig_disponibile AS "cigDisponibile", data_scadenza_cig::text AS "dataScadenzaCig", esito_anac AS "esitoAnac", errori_anac AS "erroriAnac",
  ritiro_richiesto_il AS "ritiroRichiestoIl"`;
