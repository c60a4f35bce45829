import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full START listing (manuale START Richiedi CIG §2.3–2.4): every filter of PARAMETRI DI RICERCA, sorting by
 * any date or amount, keyset pages. Indexes chosen from EXPLAIN at 1,000,000 lots
 * (docs/read-models.md says which query uses which).
 *
 * Text searches are case and accent insensitive through `rm_normalizza`, an IMMUTABLE function
 * (lower + a fixed accent table, not the `unaccent` extension, which not every server has) that
 * fills two generated columns: rows written by any projection get them for free. With `pg_trgm`
 * available (it is a trusted extension since PostgreSQL 13), they get trigram indexes; without
 * it the searches still work, by scanning. The listing is replayed from the first event (its
 * checkpoint is forgotten) so that the new columns are filled for old requests too.
 */
export class ListingCompleto1732600200000 implements MigrationInterface {
  name = 'ListingCompleto1732600200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION rm_normalizza(t text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT lower(translate(t,
          'ÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖòóôõöÙÚÛÜùúûüÇçÑñÝýÿ',
          'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuCcNnYyy'))
      $$;

      -- New columns are filled by replaying the events: empty the tables, forget the checkpoint.
      TRUNCATE rm_appalti, rm_cig_listing;
      DO $$ BEGIN
        IF to_regclass('es_checkpoints') IS NOT NULL THEN DELETE FROM es_checkpoints WHERE consumer = 'listing'; END IF;
      END $$;

      ALTER TABLE rm_appalti ADD COLUMN importo_dichiarato numeric(15,2);

      ALTER TABLE rm_cig_listing
        ADD COLUMN id_procedura text,
        ADD COLUMN cig_utilizzato_in text,
        ADD COLUMN data_conferma timestamptz,
        ADD COLUMN oggetto_norm text GENERATED ALWAYS AS (rm_normalizza(oggetto_procedura)) STORED,
        ADD COLUMN rup_norm text GENERATED ALWAYS AS (rm_normalizza(rup_nome || ' ' || rup_cf)) STORED;

      CREATE INDEX rm_cig_listing_appalto_anac ON rm_cig_listing (id_appalto_anac);
      CREATE INDEX rm_cig_listing_rup_cf ON rm_cig_listing (rup_cf);
      CREATE INDEX rm_cig_listing_creazione ON rm_cig_listing (data_creazione, appalto_id, lot_identifier);
      CREATE INDEX rm_cig_listing_invio ON rm_cig_listing ((COALESCE(data_invio_richiesta, 'infinity')), appalto_id, lot_identifier);
      CREATE INDEX rm_cig_listing_modifica ON rm_cig_listing (data_ultima_modifica, appalto_id, lot_identifier);
      CREATE INDEX rm_cig_listing_trasmissione ON rm_cig_listing ((COALESCE(data_ultima_trasmissione, 'infinity')), appalto_id, lot_identifier);
      CREATE INDEX rm_cig_listing_scadenza ON rm_cig_listing ((COALESCE(data_scadenza_cig, 'infinity')), appalto_id, lot_identifier);
      CREATE INDEX rm_cig_listing_valore ON rm_cig_listing (valore, appalto_id, lot_identifier);
      CREATE INDEX rm_cig_listing_importo ON rm_cig_listing ((COALESCE(importo_complessivo, 'NaN')), appalto_id, lot_identifier);

      DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm non disponibile: ricerche per testo senza indice';
      END $$;
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
          CREATE INDEX rm_cig_listing_oggetto_trgm ON rm_cig_listing USING gin (oggetto_norm gin_trgm_ops);
          CREATE INDEX rm_cig_listing_rup_trgm ON rm_cig_listing USING gin (rup_norm gin_trgm_ops);
        END IF;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS rm_cig_listing_oggetto_trgm, rm_cig_listing_rup_trgm, rm_cig_listing_appalto_anac, rm_cig_listing_rup_cf,
        rm_cig_listing_creazione, rm_cig_listing_invio, rm_cig_listing_modifica, rm_cig_listing_trasmissione, rm_cig_listing_scadenza,
        rm_cig_listing_valore, rm_cig_listing_importo;
      ALTER TABLE rm_cig_listing DROP COLUMN rup_norm, DROP COLUMN oggetto_norm, DROP COLUMN data_conferma, DROP COLUMN cig_utilizzato_in, DROP COLUMN id_procedura;
      ALTER TABLE rm_appalti DROP COLUMN importo_dichiarato;
      DROP FUNCTION rm_normalizza(text);
    `);
  }
}
