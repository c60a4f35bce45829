import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SIMOG, SmartCIG and carnets: the carnet list and detail (nota SMART CIG 2011 "Lista CARNET",
 * "Dettaglio CARNET"). The deadline scheduler's table, created here at first, is its owner's
 * migration now (apps/cig-service/src/scadenze/migrazioni/): databases migrated before keep it.
 */
export class RegimiStorici1732600100000 implements MigrationInterface {
  name = 'RegimiStorici1732600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_carnet (
        numero                  text PRIMARY KEY,
        richiesta_id            text NOT NULL,
        stato                   text NOT NULL,
        data_creazione          timestamptz NOT NULL,
        data_scadenza           timestamptz NOT NULL,
        termine_rendicontazione timestamptz NOT NULL,
        dimensione              int NOT NULL,
        sa_cf                   text NOT NULL,
        sa_denominazione        text NOT NULL,
        cdc_codice              text NOT NULL,
        cdc_denominazione       text NOT NULL,
        ufficio                 text NOT NULL,
        rup_cf                  text NOT NULL,
        rup_nome                text NOT NULL,
        richiesto_da            text NOT NULL,
        non_rendicontati        int NOT NULL DEFAULT 0,
        comunicati              int NOT NULL DEFAULT 0,
        annullati               int NOT NULL DEFAULT 0
      );
      CREATE INDEX rm_carnet_ufficio ON rm_carnet (ufficio, data_creazione DESC);
      CREATE TABLE rm_carnet_cig (
        numero        text NOT NULL,
        ordine        int NOT NULL,
        cig           text NOT NULL,
        stato         text NOT NULL,
        oggetto       text,
        importo       numeric(15,2),
        comunicato_il timestamptz,
        tardiva       boolean NOT NULL DEFAULT false,
        PRIMARY KEY (numero, cig)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rm_carnet_cig; DROP TABLE rm_carnet;');
  }
}
