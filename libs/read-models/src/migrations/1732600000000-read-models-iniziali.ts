import type { MigrationInterface, QueryRunner } from 'typeorm';

/** First read models: appalti, the CIG listing (one row per lot) and the transmission log. */
export class ReadModelsIniziali1732600000000 implements MigrationInterface {
  name = 'ReadModelsIniziali1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_appalti (
        appalto_id           uuid PRIMARY KEY,
        regime               text NOT NULL,
        scheda               text NOT NULL,
        tipologia_procedura  text NOT NULL,
        oggetto_procedura    text NOT NULL,
        sa_cf                text NOT NULL,
        sa_denominazione     text NOT NULL,
        cdc_codice           text NOT NULL,
        cdc_denominazione    text NOT NULL,
        ufficio              text NOT NULL,
        rup_cf               text NOT NULL,
        rup_nome             text NOT NULL,
        creato_da            text NOT NULL,
        id_appalto_anac      text,
        id_procedura         text,
        stato_appalto        text NOT NULL,
        stato_richiesta      text NOT NULL,
        importo_complessivo  numeric(15,2),
        data_creazione       timestamptz NOT NULL,
        data_invio_richiesta timestamptz,
        data_ultima_modifica timestamptz NOT NULL,
        data_ultima_trasmissione timestamptz,
        data_conferma        timestamptz,
        data_pubblicazione   timestamptz
      );
      CREATE TABLE rm_cig_listing (
        appalto_id           uuid NOT NULL,
        lot_identifier       text NOT NULL,
        cig                  text,
        modalita             text NOT NULL DEFAULT 'CIG',
        regime               text NOT NULL,
        oggetto_procedura    text NOT NULL,
        oggetto_lotto        text NOT NULL,
        sa_cf                text NOT NULL,
        sa_denominazione     text NOT NULL,
        cdc_codice           text NOT NULL,
        cdc_denominazione    text NOT NULL,
        ufficio              text NOT NULL,
        id_appalto_anac      text,
        stato_appalto        text NOT NULL,
        stato_richiesta      text NOT NULL,
        stato_lotto          text NOT NULL,
        tipologia_procedura  text NOT NULL,
        importo_complessivo  numeric(15,2),
        valore               numeric(15,2) NOT NULL,
        rup_cf               text NOT NULL,
        rup_nome             text NOT NULL,
        creato_da            text NOT NULL,
        data_creazione       timestamptz NOT NULL,
        data_invio_richiesta timestamptz,
        data_ultima_modifica timestamptz NOT NULL,
        data_ultima_trasmissione timestamptz,
        cig_utilizzato       boolean NOT NULL DEFAULT false,
        cig_disponibile      boolean NOT NULL DEFAULT false,
        data_scadenza_cig    date,
        PRIMARY KEY (appalto_id, lot_identifier)
      );
      CREATE INDEX rm_cig_listing_cig ON rm_cig_listing (cig);
      CREATE INDEX rm_cig_listing_ufficio_creazione ON rm_cig_listing (ufficio, data_creazione DESC, appalto_id, lot_identifier);
      CREATE TABLE rm_trasmissioni (
        id              uuid PRIMARY KEY,
        appalto_id      uuid NOT NULL,
        pratica_id      uuid NOT NULL,
        il              timestamptz NOT NULL,
        operazione      text NOT NULL,
        contesto        text NOT NULL,
        esito           text NOT NULL,
        descrizione     text NOT NULL,
        http_status     int,
        request_id      text NOT NULL,
        durata_ms       int NOT NULL,
        tentativo       int NOT NULL,
        per_conto_di    text NOT NULL,
        message_id      text,
        transaction_id  text,
        errori          jsonb NOT NULL,
        richiesta       jsonb,
        risposta        jsonb,
        posizione       text NOT NULL
      );
      CREATE INDEX rm_trasmissioni_appalto ON rm_trasmissioni (appalto_id, il DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rm_trasmissioni; DROP TABLE rm_cig_listing; DROP TABLE rm_appalti;');
  }
}
