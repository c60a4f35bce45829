import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deadline scheduler's table: one row per deadline, claimed with leases like `anac_pratiche`;
 * `dovuta_il` is business time, leases are database time. Databases migrated before this
 * migration existed got the same table from RegimiStorici1732600100000: here it is then left as is.
 */
export class Scadenze1732601300300 implements MigrationInterface {
  name = 'Scadenze1732601300300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS scadenze (
        tipo          text NOT NULL,
        chiave        text NOT NULL,
        stream_id     text NOT NULL,
        dovuta_il     timestamptz NOT NULL,
        stato         text NOT NULL DEFAULT 'ATTESA',
        tentativi     int NOT NULL DEFAULT 0,
        lease_fino    timestamptz,
        lease_di      text,
        ultimo_errore text,
        eseguita_il   timestamptz,
        eseguita_da   text,
        registrata_il timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tipo, chiave)
      );
      CREATE INDEX IF NOT EXISTS scadenze_da_eseguire ON scadenze (dovuta_il) WHERE stato = 'ATTESA';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE scadenze');
  }
}
