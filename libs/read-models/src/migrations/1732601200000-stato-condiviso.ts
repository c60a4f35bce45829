import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * State the instances share through the database instead of each keeping its own in memory:
 * - `limiti_richieste`: one token bucket per caller (`utente:<id>`, `indirizzo:<ip>`), so the rate
 *   limit is the same whichever instance a request reaches;
 * - `audit_verifiche`: the verifications of the audit trail, their progress and outcome, readable
 *   from any instance; one runs at a time across instances (the partial unique index), and one
 *   whose instance stopped renewing it (`rinnovata_il`) is closed as interrupted.
 */
export class StatoCondiviso1732601200000 implements MigrationInterface {
  name = 'StatoCondiviso1732601200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE limiti_richieste (
        chiave text PRIMARY KEY,
        gettoni double precision NOT NULL,
        al_ms bigint NOT NULL,
        ammessa boolean NOT NULL
      )`);
    await q.query(`
      CREATE TABLE audit_verifiche (
        id uuid PRIMARY KEY,
        stato text NOT NULL CHECK (stato IN ('IN_CORSO', 'CONCLUSA', 'FALLITA')),
        avviata_il timestamptz NOT NULL,
        rinnovata_il timestamptz NOT NULL,
        conclusa_il timestamptz,
        record_controllati bigint NOT NULL DEFAULT 0,
        record_totali bigint NOT NULL DEFAULT 0,
        esito jsonb,
        errore text
      )`);
    await q.query(`CREATE UNIQUE INDEX audit_verifiche_una_in_corso ON audit_verifiche ((true)) WHERE stato = 'IN_CORSO'`);
    await q.query('CREATE INDEX audit_verifiche_avviata ON audit_verifiche (avviata_il DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_verifiche');
    await q.query('DROP TABLE limiti_richieste');
  }
}
