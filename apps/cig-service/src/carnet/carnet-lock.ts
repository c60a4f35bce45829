import type pg from 'pg';
import { conflitto } from '#domain';

const ATTESA_MASSIMA_MS = 30_000;

/**
 * Runs `lavoro` holding a PostgreSQL session advisory lock named `nome`: across every instance
 * on the database, one carnet request per RUP and CdC at a time, from the checks to ANAC's
 * answer and the append (the registry's expected revision would catch a race anyway, but only
 * after ANAC had issued a carnet). A crashed holder's lock ends with its connection.
 */
export async function conLock<T>(pool: pg.Pool, nome: string, lavoro: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const fine = Date.now() + ATTESA_MASSIMA_MS;
    for (;;) {
      const { rows } = await client.query<{ preso: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS preso', [nome]);
      if (rows[0].preso) break;
      if (Date.now() > fine) throw conflitto('RICHIESTA_CARNET_IN_CORSO', 'Un\'altra richiesta di carnet per lo stesso RUP e centro di costo è in corso: riprova');
      await new Promise((r) => setTimeout(r, 15));
    }
    try {
      return await lavoro();
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [nome]);
    }
  } finally {
    client.release();
  }
}
