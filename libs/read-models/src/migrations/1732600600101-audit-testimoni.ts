import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The witnesses the service publishes its signed tree heads to (AUDIT_TESTIMONI, docs/audit.md
 * "Publishing to witnesses"). `audit_testimoni`: one row per witness, its key (trusted on first use),
 * the last size it countersigned, its refusal if any, the retry state. What is still to publish is
 * every head of `rm_audit_sth` beyond the last countersigned (or refused) size, so a crash loses
 * none. `audit_controfirme`: the countersignatures received, verified. Not read models: a rebuild
 * of the projections keeps them.
 */
export class AuditTestimoni1732600600101 implements MigrationInterface {
  name = 'AuditTestimoni1732600600101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_testimoni (
        testimone           text PRIMARY KEY,
        chiave              text,
        chiave_pubblica     text,
        ultima_dimensione   bigint NOT NULL DEFAULT 0,
        rifiutata_dimensione bigint NOT NULL DEFAULT 0,
        rifiuto             jsonb,
        tentativi           integer NOT NULL DEFAULT 0,
        prossimo_tentativo  timestamptz,
        ultimo_errore       text
      );
      CREATE TABLE audit_controfirme (
        dimensione   bigint NOT NULL,
        testimone    text NOT NULL,
        chiave       text NOT NULL,
        firma        text NOT NULL,
        ricevuta_il  timestamptz NOT NULL,
        PRIMARY KEY (dimensione, testimone)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_controfirme, audit_testimoni');
  }
}
