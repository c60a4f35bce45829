import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks: the subscriptions of integrating apps, the outbox of deliveries (one row per
 * subscription and event, written in the transaction of the `webhook-outbox` checkpoint), the
 * log of every attempt, and the office and ordering key of each stream the outbox has seen.
 */
export class Webhook1732601100000 implements MigrationInterface {
  name = 'Webhook1732601100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE webhook_sottoscrizioni (
      id uuid PRIMARY KEY,
      url text NOT NULL,
      segreto text NOT NULL,
      eventi text[] NOT NULL,
      ufficio text,
      descrizione text,
      attiva boolean NOT NULL DEFAULT true,
      creata_il timestamptz NOT NULL,
      creata_da text NOT NULL,
      eliminata_il timestamptz
    )`);
    await q.query(`CREATE TABLE webhook_flussi (
      flusso text PRIMARY KEY,
      ufficio text,
      chiave text NOT NULL
    )`);
    await q.query(`CREATE TABLE webhook_consegne (
      id bigserial PRIMARY KEY,
      sottoscrizione_id uuid NOT NULL REFERENCES webhook_sottoscrizioni(id),
      evento_id uuid NOT NULL,
      tipo text NOT NULL,
      posizione text NOT NULL,
      chiave text NOT NULL,
      corpo jsonb NOT NULL,
      ripetizione boolean NOT NULL DEFAULT false,
      stato text NOT NULL DEFAULT 'IN_ATTESA',
      tentativi integer NOT NULL DEFAULT 0,
      prossimo_tentativo timestamptz NOT NULL,
      creata_il timestamptz NOT NULL,
      conclusa_il timestamptz,
      ultimo_errore text
    )`);
    // The outbox writes each (subscription, event) once; replays add rows of their own.
    await q.query('CREATE UNIQUE INDEX webhook_consegne_unica ON webhook_consegne (sottoscrizione_id, evento_id) WHERE NOT ripetizione');
    // The head of each queue (subscription, appalto or stream): the oldest row still to deliver.
    await q.query("CREATE INDEX webhook_consegne_code ON webhook_consegne (sottoscrizione_id, chiave, id) WHERE stato = 'IN_ATTESA'");
    await q.query('CREATE INDEX webhook_consegne_log ON webhook_consegne (sottoscrizione_id, id DESC)');
    await q.query(`CREATE TABLE webhook_tentativi (
      id bigserial PRIMARY KEY,
      consegna_id bigint NOT NULL REFERENCES webhook_consegne(id),
      numero integer NOT NULL,
      il timestamptz NOT NULL,
      esito text NOT NULL,
      stato_http integer,
      latenza_ms integer NOT NULL,
      errore text
    )`);
    await q.query('CREATE INDEX webhook_tentativi_consegna ON webhook_tentativi (consegna_id, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE webhook_tentativi');
    await q.query('DROP TABLE webhook_consegne');
    await q.query('DROP TABLE webhook_flussi');
    await q.query('DROP TABLE webhook_sottoscrizioni');
  }
}
