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
export async function prendiClient(pool: Pick<pg.Pool, 'connect'>): Promise<pg.PoolClient> {
  const client = await pool.connect();
  client.on('error', segnaRotto);
  return client;
}

/** Gives the client back; one whose connection broke is discarded, not pooled. */
export function rilasciaClient(client: pg.PoolClient): void {
  client.off('error', segnaRotto);
  client.release(rotti.has(client) ? true : undefined);
}

export interface OpzioniTransazione {
  /** The statement that opens the transaction (default `BEGIN`), e.g. `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`. */
  readonly inizio?: string;
  /**
   * Whether a failed attempt (already rolled back) runs again from its BEGIN on the same client:
   * given the error and the attempt's number (1 for the first). Without it, nothing is retried.
   */
  readonly ripeti?: (errore: unknown, tentativo: number) => boolean;
}

/**
 * Runs `lavoro` in one transaction on a client of its own: BEGIN, COMMIT if it resolves, ROLLBACK
 * if it throws (the error goes on to the caller), and the client released in both cases (discarded
 * if its connection broke). The one way the service's code opens a transaction on a pool.
 */
export async function inTransazione<T>(pool: Pick<pg.Pool, 'connect'>, lavoro: (client: pg.PoolClient) => Promise<T>, opzioni: OpzioniTransazione = {}): Promise<T> {
  const client = await prendiClient(pool);
  try {
    for (let tentativo = 1; ; tentativo++) {
      try {
        return await transazioneSu(client, lavoro, opzioni.inizio);
      } catch (error) {
        if (!opzioni.ripeti?.(error, tentativo)) throw error;
      }
    }
  } finally {
    rilasciaClient(client);
  }
}

/**
 * The same transaction on a client the caller holds (and releases itself). `fine` is the text
 * that ends it (`COMMIT` by default; one that does more must end with `COMMIT`, and an error of
 * it rolls back as one of `lavoro` does).
 */
export async function transazioneSu<C extends Pick<pg.ClientBase, 'query'>, T>(
  client: C,
  lavoro: (client: C) => Promise<T>,
  inizio = 'BEGIN',
  fine = 'COMMIT',
): Promise<T> {
  await client.query(inizio);
  try {
    const esito = await lavoro(client);
    await client.query(fine);
    return esito;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * A transaction around a stream (a cursor read block by block): committed once `blocchi` is
 * exhausted, rolled back if it throws or if the reader stops early.
 */
export async function* flussoInTransazione<C extends Pick<pg.ClientBase, 'query'>, T>(client: C, blocchi: (client: C) => AsyncIterable<T>, inizio = 'BEGIN'): AsyncGenerator<T> {
  await client.query(inizio);
  let chiusa = false;
  try {
    yield* blocchi(client);
    await client.query('COMMIT');
    chiusa = true;
  } finally {
    if (!chiusa) await client.query('ROLLBACK').catch(() => undefined);
  }
}
