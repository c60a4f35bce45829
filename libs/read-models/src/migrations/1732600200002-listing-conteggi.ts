import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Totals of the listing without counting a million rows (docs/read-models.md): the number of rows
 * by office and by the values of the categorical filters (stato della richiesta, stato del lotto,
 * modalità, CIG utilizzato), kept by statement-level triggers whatever writes `rm_cig_listing`
 * (the projection's multi-row upserts or the historic regimes' updates). A total over those filters
 * only is a sum of at most a few thousand rows. Plus, for those filters, indexes ordered by
 * creation date (the default sort): the newest rows of a value without walking past the others,
 * which matters when a value is rare ("Scaduta") or belongs to a period (SmartCIG: before 2024).
 */
export class ListingConteggi1732600200002 implements MigrationInterface {
  name = 'ListingConteggi1732600200002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_cig_listing_conteggi (
        ufficio          text NOT NULL,
        stato_richiesta  text NOT NULL,
        stato_lotto      text NOT NULL,
        modalita         text NOT NULL,
        cig_utilizzato   boolean NOT NULL,
        n                bigint NOT NULL,
        PRIMARY KEY (ufficio, stato_richiesta, stato_lotto, modalita, cig_utilizzato)
      );

      -- One function for the three triggers: transition tables exist only for the trigger's own event,
      -- and PL/pgSQL plans a statement only when it runs it.
      CREATE OR REPLACE FUNCTION rm_cig_listing_conta() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO rm_cig_listing_conteggi AS c (ufficio, stato_richiesta, stato_lotto, modalita, cig_utilizzato, n)
          SELECT ufficio, stato_richiesta, stato_lotto, modalita, cig_utilizzato, -count(*) FROM vecchie GROUP BY 1, 2, 3, 4, 5
          ON CONFLICT (ufficio, stato_richiesta, stato_lotto, modalita, cig_utilizzato) DO UPDATE SET n = c.n + EXCLUDED.n;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          INSERT INTO rm_cig_listing_conteggi AS c (ufficio, stato_richiesta, stato_lotto, modalita, cig_utilizzato, n)
          SELECT ufficio, stato_richiesta, stato_lotto, modalita, cig_utilizzato, count(*) FROM nuove GROUP BY 1, 2, 3, 4, 5
          ON CONFLICT (ufficio, stato_richiesta, stato_lotto, modalita, cig_utilizzato) DO UPDATE SET n = c.n + EXCLUDED.n;
        END IF;
        RETURN NULL;
      END $$;

      INSERT INTO rm_cig_listing_conteggi
      SELECT ufficio, stato_richiesta, stato_lotto, modalita, cig_utilizzato, count(*) FROM rm_cig_listing GROUP BY 1, 2, 3, 4, 5;

      CREATE TRIGGER rm_cig_listing_conta_ins AFTER INSERT ON rm_cig_listing REFERENCING NEW TABLE AS nuove
        FOR EACH STATEMENT EXECUTE FUNCTION rm_cig_listing_conta();
      CREATE TRIGGER rm_cig_listing_conta_upd AFTER UPDATE ON rm_cig_listing REFERENCING OLD TABLE AS vecchie NEW TABLE AS nuove
        FOR EACH STATEMENT EXECUTE FUNCTION rm_cig_listing_conta();
      CREATE TRIGGER rm_cig_listing_conta_del AFTER DELETE ON rm_cig_listing REFERENCING OLD TABLE AS vecchie
        FOR EACH STATEMENT EXECUTE FUNCTION rm_cig_listing_conta();

      CREATE INDEX rm_cig_listing_stato_richiesta ON rm_cig_listing (stato_richiesta, data_creazione, appalto_id, lot_identifier);
      CREATE INDEX rm_cig_listing_stato_lotto ON rm_cig_listing (stato_lotto, data_creazione, appalto_id, lot_identifier);
      CREATE INDEX rm_cig_listing_modalita ON rm_cig_listing (modalita, data_creazione, appalto_id, lot_identifier);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX rm_cig_listing_modalita, rm_cig_listing_stato_lotto, rm_cig_listing_stato_richiesta;
      DROP TRIGGER rm_cig_listing_conta_del ON rm_cig_listing;
      DROP TRIGGER rm_cig_listing_conta_upd ON rm_cig_listing;
      DROP TRIGGER rm_cig_listing_conta_ins ON rm_cig_listing;
      DROP FUNCTION rm_cig_listing_conta();
      DROP TABLE rm_cig_listing_conteggi;
    `);
  }
}
