import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reservation of an Idempotency-Key is a lease held by one running instance: `istanza` names
 * it and `lease_fino` says until when it holds, renewed while the request runs. A reservation
 * whose lease ran out belongs to an instance that died: a retry takes it over.
 */
export class IdempotenzaLease1732600400000 implements MigrationInterface {
  name = 'IdempotenzaLease1732600400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE idempotenza ADD COLUMN istanza text, ADD COLUMN lease_fino timestamptz;
      CREATE INDEX idempotenza_istanza_in_corso ON idempotenza (istanza) WHERE stato = 'IN_CORSO';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idempotenza_istanza_in_corso; ALTER TABLE idempotenza DROP COLUMN istanza, DROP COLUMN lease_fino');
  }
}
