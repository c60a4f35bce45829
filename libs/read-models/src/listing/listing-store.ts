import type { SqlExecutor } from '#event-store';
import { ListingBatch } from './listing-batch.js';
import { COLONNE_APPALTO, COLONNE_LOTTO, type RigaAppalto, type RigaLotto } from './listing-righe.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads and writes the listing rows of one batch: one query per table to load, one multi-row
 * upsert per table and one delete to write back. Table names are unqualified on purpose: a
 * rebuild runs the same code with `search_path` pointing at its shadow tables.
 */
export async function caricaBatch(tx: SqlExecutor, appalti: readonly string[], cig: readonly string[], carnet: readonly string[] = []): Promise<ListingBatch> {
  const batch = new ListingBatch();
  const ids = [...new Set(appalti)].filter((id) => UUID.test(id));
  const codici = [...new Set(cig)];
  const carnets = [...new Set(carnet)];
  if (ids.length > 0) {
    const { rows } = await tx.query<{ r: RigaAppalto }>(
      `SELECT to_jsonb(a) || jsonb_build_object('importo_complessivo', a.importo_complessivo::text, 'importo_dichiarato', a.importo_dichiarato::text) AS r
         FROM rm_appalti a WHERE a.appalto_id = ANY($1::uuid[])`,
      [ids],
    );
    for (const { r } of rows) batch.caricaAppalto(r);
  }
  if (ids.length > 0 || codici.length > 0 || carnets.length > 0) {
    const { rows } = await tx.query<{ r: RigaLotto }>(
      `SELECT (to_jsonb(l) - 'oggetto_norm' - 'rup_norm') || jsonb_build_object('valore', l.valore::text, 'importo_complessivo', l.importo_complessivo::text) AS r
         FROM rm_cig_listing l
        WHERE l.appalto_id = ANY($1::uuid[]) OR l.cig = ANY($2::text[])
           OR (l.id_appalto_anac = ANY($3::text[]) AND l.modalita = 'SMARTCIG' AND l.regime = 'SMARTCIG')
        ORDER BY l.appalto_id, l.lot_identifier`,
      [ids, codici, carnets],
    );
    for (const { r } of rows) batch.caricaLotto(r);
  }
  return batch;
}

export async function scriviBatch(tx: SqlExecutor, batch: ListingBatch): Promise<void> {
  if (!batch.haModifiche()) return;
  const { appalti, lotti, rimossi } = batch.modifiche();
  if (rimossi.length > 0) {
    await tx.query(
      `DELETE FROM rm_cig_listing l USING unnest($1::uuid[], $2::text[]) AS d(appalto_id, lot_identifier)
        WHERE l.appalto_id = d.appalto_id AND l.lot_identifier = d.lot_identifier`,
      [rimossi.map((r) => r.appalto_id), rimossi.map((r) => r.lot_identifier)],
    );
  }
  if (appalti.length > 0) await upsert(tx, 'rm_appalti', COLONNE_APPALTO, ['appalto_id'], appalti);
  if (lotti.length > 0) await upsert(tx, 'rm_cig_listing', COLONNE_LOTTO, ['appalto_id', 'lot_identifier'], lotti);
}

async function upsert(tx: SqlExecutor, tabella: string, colonne: readonly string[], chiave: readonly string[], righe: readonly object[]): Promise<void> {
  const lista = colonne.join(', ');
  const set = colonne.filter((c) => !chiave.includes(c)).map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  await tx.query(
    `INSERT INTO ${tabella} (${lista}) SELECT ${lista} FROM jsonb_populate_recordset(NULL::${tabella}, $1::jsonb)
     ON CONFLICT (${chiave.join(', ')}) DO UPDATE SET ${set}`,
    [JSON.stringify(righe)],
  );
}
