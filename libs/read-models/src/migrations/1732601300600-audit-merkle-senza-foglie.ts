import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail's Merkle tree without its leaves and smallest subtrees (docs/audit.md, "Merkle
 * tree"): a leaf is the RFC 9162 leaf hash of its record, which `rm_audit` holds, so
 * `rm_audit_merkle` keeps the roots of the perfect subtrees of 16 leaves or more (level 4 and up;
 * a smaller one is hashed from its records when a proof needs it) and, of the leaves, only the last
 * one of each append, which gives the tree's size. Existing trees keep those rows; the table is
 * rewritten rather than mostly deleted (no dead rows, a compact key).
 */
export class AuditMerkleSenzaFoglie1732601300600 implements MigrationInterface {
  name = 'AuditMerkleSenzaFoglie1732601300600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_audit_merkle_nuova (
        livello  smallint NOT NULL,
        indice   bigint NOT NULL,
        hash     bytea NOT NULL
      )`);
    await q.query(`
      INSERT INTO rm_audit_merkle_nuova (livello, indice, hash)
      SELECT livello, indice, hash FROM rm_audit_merkle
       WHERE livello >= 4 OR (livello = 0 AND indice = (SELECT max(indice) FROM rm_audit_merkle WHERE livello = 0))
       ORDER BY livello, indice`);
    await q.query('DROP TABLE rm_audit_merkle');
    await q.query('ALTER TABLE rm_audit_merkle_nuova RENAME TO rm_audit_merkle');
    await q.query('ALTER TABLE rm_audit_merkle ADD CONSTRAINT rm_audit_merkle_pkey PRIMARY KEY (livello, indice)');
  }

  async down(q: QueryRunner): Promise<void> {
    // The earlier code reads every leaf from the table and fills an empty tree from the records on its next batch.
    await q.query('TRUNCATE rm_audit_merkle');
  }
}
