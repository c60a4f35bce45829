import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Answers of commands sent with an Idempotency-Key, per caller, so that a repeat returns the
 * first answer without doing the work again. Kept 24 hours.
 */
export class Idempotenza1732600300000 implements MigrationInterface {
  name = 'Idempotenza1732600300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotenza (
        utente        text NOT NULL,
        chiave        text NOT NULL,
        impronta      text NOT NULL,
        stato         text NOT NULL,
        http_status   int,
        risposta      jsonb,
        creata_il     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (utente, chiave)
      );
      CREATE INDEX idempotenza_creata ON idempotenza (creata_il);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotenza');
  }
}
