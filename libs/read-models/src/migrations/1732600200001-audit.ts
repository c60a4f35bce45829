import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail (DESIGN §6): one record per event, chained by SHA-256 (`hash_precedente` →
 * `hash`), numbered without gaps by `seq`; signed checkpoints every AUDIT_CHECKPOINT_EVERY
 * records; the appalto of each CIG code, for CIG events that name only the code.
 * Indexes serve GET /audit's filters, each followed by `seq` (the page order).
 */
export class Audit1732600200001 implements MigrationInterface {
  name = 'Audit1732600200001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_audit (
        seq              bigint PRIMARY KEY,
        event_id         uuid NOT NULL,
        posizione        text NOT NULL,
        stream_id        text NOT NULL,
        revisione        bigint NOT NULL,
        tipo             text NOT NULL,
        appalto_id       text,
        cig              text,
        attore           text,
        ruolo            text,
        ufficio          text,
        codice_fiscale   text,
        effettivo_il     timestamptz,
        registrato_il    timestamptz,
        motivazione      text,
        correlation_id   text,
        causation_id     text,
        idempotency_key  text,
        dati_hash        text NOT NULL,
        hash_precedente  text NOT NULL,
        hash             text NOT NULL
      );
      CREATE INDEX rm_audit_per_cig ON rm_audit (cig, seq) WHERE cig IS NOT NULL;
      CREATE INDEX rm_audit_per_appalto ON rm_audit (appalto_id, seq) WHERE appalto_id IS NOT NULL;
      CREATE INDEX rm_audit_attore ON rm_audit (attore, seq);
      CREATE INDEX rm_audit_ufficio ON rm_audit (ufficio, seq);
      CREATE INDEX rm_audit_tipo ON rm_audit (tipo, seq);
      CREATE INDEX rm_audit_effettivo ON rm_audit (effettivo_il, seq);

      CREATE TABLE rm_audit_checkpoint (
        seq            bigint PRIMARY KEY,
        hash           text NOT NULL,
        registrato_il  timestamptz,
        chiave         text NOT NULL,
        firma          text NOT NULL
      );
      CREATE TABLE rm_audit_cig (
        cig         text PRIMARY KEY,
        appalto_id  text NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rm_audit_cig; DROP TABLE rm_audit_checkpoint; DROP TABLE rm_audit;');
  }
}
