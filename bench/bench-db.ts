import pg from 'pg';
import { join } from 'node:path';
import { startEmbeddedDatabase, type Database } from '#platform';
import { adminUrl, withAdmin, withDatabase } from '../libs/platform/src/testing/scratch-database.js';

export const NOME_DB_BENCH = 'cig_bench';

/**
 * The benchmark database, kept between `bench:seed` and `bench:read`: BENCH_DATABASE_URL, else a
 * `cig_bench` database on the server the tests use (127.0.0.1:5432 when it answers), else an
 * embedded server in `.data/bench-postgres` (kept, so the seeded data survive). Never the
 * service's own database.
 */
export async function apriDbBench(poolSize = 16): Promise<Database> {
  const dato = process.env.BENCH_DATABASE_URL;
  if (dato) return pool(dato, poolSize, async () => undefined);
  if (process.env.TEST_DATABASE_EMBEDDED !== '1' && (await risponde('postgres://postgres@127.0.0.1:5432/postgres'))) {
    const admin = await adminUrl();
    await withAdmin(async (c) => {
      const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [NOME_DB_BENCH]);
      if (rowCount === 0) await c.query(`CREATE DATABASE ${NOME_DB_BENCH}`);
    });
    return pool(withDatabase(admin, NOME_DB_BENCH), poolSize, async () => undefined);
  }
  const embedded = await startEmbeddedDatabase({ dataDir: join('.data', 'bench-postgres'), port: 54399, database: NOME_DB_BENCH });
  return pool(embedded.url, poolSize, () => embedded.stop());
}

async function pool(url: string, max: number, ferma: () => Promise<void>): Promise<Database> {
  const p = new pg.Pool({ connectionString: url, max });
  p.on('error', () => undefined);
  await p.query('SELECT 1');
  return {
    url,
    pool: p,
    embedded: false,
    async close() {
      await p.end().catch(() => undefined);
      await ferma();
    },
  };
}

async function risponde(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}
