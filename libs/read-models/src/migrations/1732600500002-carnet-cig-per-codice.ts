import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `GET /cig/:cig` and its history find the carnet of a SmartCIG code by the code alone. */
export class CarnetCigPerCodice1732600500002 implements MigrationInterface {
  name = 'CarnetCigPerCodice1732600500002';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX rm_carnet_cig_cig ON rm_carnet_cig (cig)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX rm_carnet_cig_cig');
  }
}
