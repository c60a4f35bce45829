import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transmission log shows ANAC's esito as ANAC sent it (a KO carried by an esito-operazione
 * answer is a KO with its errors) and numbers the attempts of each ANAC operation of a practice.
 * Rows are replayed from the first event (the checkpoint is forgotten) so that old exchanges are
 * shown the same way; the index serves the numbering.
 */
export class TrasmissioniEsiti1732600500000 implements MigrationInterface {
  name = 'TrasmissioniEsiti1732600500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      TRUNCATE rm_trasmissioni;
      DO $$ BEGIN
        IF to_regclass('es_checkpoints') IS NOT NULL THEN DELETE FROM es_checkpoints WHERE consumer = 'trasmissioni'; END IF;
      END $$;
      CREATE INDEX rm_trasmissioni_pratica ON rm_trasmissioni (pratica_id, operazione);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX rm_trasmissioni_pratica');
  }
}
