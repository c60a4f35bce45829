import pg from 'pg';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';
import { CatalogoIstruzioni, clientConIstruzioniPreparate } from './istruzioni-preparate.js';


export interface Database {
  readonly url: string;
  readonly pool: pg.Pool;
  readonly embedded: boolean;
  close(): Promise<void>;
}

export class DatabaseUnreachableError extends Error {
  constructor(target: string, cause: string, seconds: number) {
    super(`PostgreSQL is not reachable at ${target} after ${seconds} s (${cause}). Check DATABASE_URL, or unset it to use the embedded server.`);
    this.name = 'DatabaseUnreachableError';
  }
}

/**
 * The database of the service: DATABASE_URL when given, otherwise an embedded PostgreSQL in
 * DATA_DIR/postgres. Waits a bounded time for it to answer, then fails with a clear message.
 */
export async function openDatabase(config: AppConfig, logger: Logger): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    const dataDir = join(config.DATA_DIR, 'postgres');
    logger.info({ dataDir, port: config.EMBEDDED_PG_PORT }, 'DATABASE_URL not set: starting embedded PostgreSQL');
    embedded = await startEmbeddedDatabase({
      dataDir,
      port: config.EMBEDDED_PG_PORT,
      database: 'cig_ledger',
      log: (line) => logger.debug({ component: 'embedded-postgres' }, line),
    });
    url = embedded.url;
  }
  const pool = nuovoPool(url, { max: config.DATABASE_POOL_SIZE, connectionTimeoutMillis: 5_000, preparate: config.DATABASE_PREPARED_STATEMENTS });
  tollerante(pool, logger);
  try {
    await waitForDatabase(pool, url, config.DATABASE_CONNECT_TIMEOUT_MS);
  } catch (error) {
    await pool.end().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  return {
    url,
    pool,
    embedded: embedded !== undefined,
    async close() {
      await pool.end().catch(() => undefined);
      await embedded?.stop();
    },
  };
}

/**
 * The service's pool on `url`: with `preparate`, its repeated statements go out named, each
 * parsed and planned once per connection (istruzioni-preparate.ts).
 */
export function nuovoPool(url: string, opzioni: { max: number; connectionTimeoutMillis?: number; preparate: boolean }): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: opzioni.max,
    ...(opzioni.connectionTimeoutMillis !== undefined ? { connectionTimeoutMillis: opzioni.connectionTimeoutMillis } : {}),
    ...(opzioni.preparate ? { Client: clientConIstruzioniPreparate(new CatalogoIstruzioni()) } : {}),
  });
}

async function waitForDatabase(pool: pg.Pool, url: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (let delay = 200; ; delay = Math.min(delay * 2, 2_000)) {
    try {
      await pool.query('SELECT 1');
      return;
    } catch (error) {
      const elapsed = Date.now() - started;
      if (elapsed + delay > timeoutMs) {
        const target = safeTarget(url);
        const cause = (error as { code?: string; message?: string }).code ?? (error as Error).message;
        throw new DatabaseUnreachableError(target, String(cause), Math.round(elapsed / 1000));
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * A connection that dies (database restarted, network cut) must not crash the process: pg emits
 * 'error' on idle clients (the pool's listener) and on checked-out ones (a listener on every
 * client). The query in progress fails on its own; the pool reconnects for the next one.
 */
export function tollerante(pool: pg.Pool, logger: Logger): pg.Pool {
  const log = (error: Error) => {
    const adminShutdown = (error as { code?: string }).code === '57P01';
    logger[adminShutdown ? 'debug' : 'warn']({ err: error }, 'database connection lost');
  };
  pool.on('error', log);
  pool.on('connect', (client) => client.on('error', log));
  return pool;
}

/** host:port/database, without credentials. */
export function safeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'the configured database';
  }
}
