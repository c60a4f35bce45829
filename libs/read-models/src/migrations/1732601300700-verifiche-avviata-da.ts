import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who started each verification of the audit trail (`avviata_da`, the userId; null for the
 * verifications recorded before this column and for those started without a caller), shown with
 * the trail's state (GET /audit/stato).
 */
export class VerificheAvviataDa1732601300700 implements MigrationInterface {
  name = 'VerificheAvviataDa1732601300700';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_verifiche ADD COLUMN avviata_da text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_verifiche DROP COLUMN avviata_da');
  }
}
