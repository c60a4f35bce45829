import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * State of the ANAC process manager: one row per appalto and operation (at most one in flight
 * per appalto and operation type; a new request of the same type takes the row over). Every
 * call it makes is an event; this table only says what to do next and when.
 */
export class PraticheAnac1732600000001 implements MigrationInterface {
  name = 'PraticheAnac1732600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE anac_pratiche (
        appalto_id          uuid NOT NULL,
        operazione          text NOT NULL,
        richiesta_id        text NOT NULL,
        passo               text NOT NULL,
        stato               text NOT NULL,
        tentativi           int NOT NULL DEFAULT 0,
        tentativi_passo     int NOT NULL DEFAULT 0,
        interrogazioni      int NOT NULL DEFAULT 0,
        in_volo             boolean NOT NULL DEFAULT false,
        prossimo_tentativo  timestamptz NOT NULL,
        lease_fino          timestamptz,
        lease_di            text,
        dati                jsonb NOT NULL DEFAULT '{}',
        ultimo_errore       text,
        in_attesa_dal       timestamptz,
        creata_il           timestamptz NOT NULL,
        aggiornata_il       timestamptz NOT NULL,
        PRIMARY KEY (appalto_id, operazione)
      );
      CREATE INDEX anac_pratiche_da_fare ON anac_pratiche (prossimo_tentativo) WHERE stato = 'ATTIVA';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE anac_pratiche');
  }
}
