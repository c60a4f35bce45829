import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase } from '../../libs/platform/src/database/embedded-database.js';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
let server: Promise<string> | undefined;

/**
 * The PostgreSQL server the tests use: TEST_DATABASE_URL if given (its database name must say
 * test), else the server on 127.0.0.1:5432 if it answers, else an embedded server started for
 * this test worker. Chosen once per worker.
 */
export function adminUrl(): Promise<string> {
  server ??= chooseServer();
  return server;
}

async function chooseServer(): Promise<string> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    assertTestDatabaseName(new URL(given).pathname.slice(1));
    return given;
  }
  if (await answers(LOCAL_SERVER)) return LOCAL_SERVER;
  const worker = Number(process.env.JEST_WORKER_ID ?? 1);
  const dataDir = mkdtempSync(join(tmpdir(), 'cig-test-pg-'));
  chmodSync(dataDir, 0o755);
  const embedded = await startEmbeddedDatabase({ dataDir, port: 54400 + worker, database: 'cig_test' });
  return embedded.url;
}

/** Refuses any database whose name does not say it is for tests. */
export function assertTestDatabaseName(name: string): void {
  if (!/test/i.test(name)) throw new Error(`refusing to use database "${name}": its name does not say test`);
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly pool: pg.Pool;
  drop(): Promise<void>;
}

/** Creates a fresh database for one test file; `drop` closes the pool and removes it. */
export async function createTestDatabase(poolSize = 10): Promise<TestDatabase> {
  const name = `cig_test_${randomBytes(5).toString('hex')}`;
  assertTestDatabaseName(name);
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(await adminUrl(), name);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => undefined);
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end().catch(() => undefined);
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export async function withAdmin(work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: await adminUrl() });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
