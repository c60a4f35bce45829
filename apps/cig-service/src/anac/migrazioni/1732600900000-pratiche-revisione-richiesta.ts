import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Redelivery changes nothing: a practice remembers the revision, in its appalto's stream, of the
 * request that opened it, so an older request delivered again (a replay from an earlier
 * checkpoint) never takes over the row of a newer one, nor reopens a finished practice.
 */
export class PraticheRevisioneRichiesta1732600900000 implements MigrationInterface {
  name = 'PraticheRevisioneRichiesta1732600900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE anac_pratiche ADD COLUMN richiesta_revisione bigint');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE anac_pratiche DROP COLUMN richiesta_revisione');
  }
}
