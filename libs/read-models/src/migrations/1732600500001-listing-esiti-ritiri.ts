import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the listing must say of a request: ANAC's refusal (`esito_anac` KO and its codes, found by
 * the filter `esitoAnac=KO`, shown in the CSV), a pending withdrawal (`ritiro_richiesto_il`), the
 * CIGs of open, restricted and negotiated procedures "Perfezionata" only at publication, and no
 * deadline left on a cancelled CIG. The listing is replayed from the first event (its checkpoint
 * is forgotten) so that old requests read the same way.
 */
export class ListingEsitiRitiri1732600500001 implements MigrationInterface {
  name = 'ListingEsitiRitiri1732600500001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- TRUNCATE fires no trigger: the totals go with the rows.
      TRUNCATE rm_appalti, rm_cig_listing, rm_cig_listing_conteggi;
      DO $$ BEGIN
        IF to_regclass('es_checkpoints') IS NOT NULL THEN DELETE FROM es_checkpoints WHERE consumer = 'listing'; END IF;
      END $$;
      ALTER TABLE rm_appalti ADD COLUMN esito_anac text, ADD COLUMN errori_anac text, ADD COLUMN ritiro_richiesto_il timestamptz;
      ALTER TABLE rm_cig_listing ADD COLUMN esito_anac text, ADD COLUMN errori_anac text, ADD COLUMN ritiro_richiesto_il timestamptz;
      CREATE INDEX rm_cig_listing_esito_anac ON rm_cig_listing (esito_anac, data_creazione, appalto_id, lot_identifier) WHERE esito_anac IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX rm_cig_listing_esito_anac;
      ALTER TABLE rm_cig_listing DROP COLUMN ritiro_richiesto_il, DROP COLUMN errori_anac, DROP COLUMN esito_anac;
      ALTER TABLE rm_appalti DROP COLUMN ritiro_richiesto_il, DROP COLUMN errori_anac, DROP COLUMN esito_anac;
    `);
  }
}
