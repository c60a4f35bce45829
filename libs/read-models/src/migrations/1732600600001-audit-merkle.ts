import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Merkle tree of the audit trail (RFC 9162, docs/audit.md "Merkle tree"): the root of every
 * perfect subtree, `livello` = log2 of its size (0 = the leaf hash of record `indice + 1`),
 * `indice` = its position among the subtrees of that level. Written by the audit projection in the
 * transaction of the records; any root or proof is O(log n) primary-key reads. A trail recorded
 * before this table existed is caught up by the projection's next batch. `rm_audit_sth`: the signed
 * tree heads (audit-sth.ts), one every AUDIT_STH_EVERY records.
 */
export class AuditMerkle1732600600001 implements MigrationInterface {
  name = 'AuditMerkle1732600600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_audit_merkle (
        livello  smallint NOT NULL,
        indice   bigint NOT NULL,
        hash     bytea NOT NULL,
        PRIMARY KEY (livello, indice)
      );
      CREATE TABLE rm_audit_sth (
        dimensione  bigint PRIMARY KEY,
        radice      text NOT NULL,
        timestamp   text,
        chiave      text NOT NULL,
        firma       text NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rm_audit_sth, rm_audit_merkle');
  }
}
