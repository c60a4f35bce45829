import type pg from 'pg';

const rotti = new WeakSet<pg.PoolClient>();
const segnaRotto = function (this: pg.PoolClient): void {
  rotti.add(this);
};

/**
 * A pooled client held for a while (a transaction, a cursor, a lock). pg-pool removes its error
 * listener while a client is checked out, so a connection lost between two queries would be an
 * unhandled 'error' event that stops the process; this one makes it an error of the next query.
 */
export async function prendiClient(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  client.on('error', segnaRotto);
  return client;
}

/** Gives the client back; one whose connection broke is discarded, not pooled. */
export function rilasciaClient(client: pg.PoolClient): void {
  client.off('error', segnaRotto);
  client.release(rotti.has(client) ? true : undefined);
}
