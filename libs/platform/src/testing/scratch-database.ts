import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase } from '../database/embedded-database.js';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
interface Server {
  readonly url: string;
  /** Set for an embedded server started by this process: it stops when its last database is dropped. */
  readonly stop?: () => Promise<void>;
}
let server: Promise<Server> | undefined;
let openDatabases = 0;

/**
 * Throw-away databases for tests and benchmarks, never a developer's own.
 *
 * The PostgreSQL server they live on: TEST_DATABASE_URL if given (its database name must say
 * test), else the server on 127.0.0.1:5432 if it answers (unless TEST_DATABASE_EMBEDDED=1),
 * else an embedded server, started on demand and stopped (its folder removed) once the last
 * database created on it is dropped, so that no server outlives the tests.
 */
export async function adminUrl(): Promise<string> {
  server ??= chooseServer();
  return (await server).url;
}

async function chooseServer(): Promise<Server> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    assertTestDatabaseName(new URL(given).pathname.slice(1));
    return { url: given };
  }
  if (process.env.TEST_DATABASE_EMBEDDED !== '1' && (await answers(LOCAL_SERVER))) return { url: LOCAL_SERVER };
  const dataDir = mkdtempSync(join(tmpdir(), 'cig-test-pg-'));
  chmodSync(dataDir, 0o755);
  const embedded = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: 'cig_test' });
  return {
    url: embedded.url,
    stop: async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function released(): Promise<void> {
  openDatabases -= 1;
  const current = await server;
  if (openDatabases === 0 && current?.stop) {
    server = undefined;
    await current.stop();
  }
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
  openDatabases += 1;
  try {
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  } catch (error) {
    await released();
    throw error;
  }
  const url = withDatabase(await adminUrl(), name);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => undefined);
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end().catch(() => undefined);
      try {
        await withAdmin(async (admin) => {
          await attendiChiusura(admin, name);
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        });
      } finally {
        await released();
      }
    },
  };
}

/**
 * A pg pool's `end()` resolves once it has asked its connections to close, before their backends
 * have gone: a FORCE drop in that instant terminates them, and the "terminating connection" error
 * reaches a client whose pool no longer listens for it (an uncaught error in the test file that
 * ended its pools properly). So the drop waits, at most a second, for the database's backends to
 * leave; whatever is still connected after that (a pool a test forgot) is terminated by FORCE.
 */
async function attendiChiusura(admin: pg.Client, name: string, entroMs = 1000): Promise<void> {
  const fine = Date.now() + entroMs;
  while (Date.now() < fine) {
    const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if (rows[0]!.n === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
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

/** A TCP port free on the loopback now (for a program that must be told its port, e.g. an embedded PostgreSQL). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The first port of the range the kernel hands out on its own, to servers on port 0 and to outgoing
 * connections (Linux's ip_local_port_range; never above 32768, its usual start).
 */
export function ephemeralPortsStart(): number {
  const [start] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  return Math.min(start || 32_768, 32_768);
}

/**
 * A TCP port free on the loopback now, below `ephemeralPortsStart()`, for a server that stops and
 * starts again on it: in between, no other process's port-0 server or connection can take it. Ports
 * of this process's own block first (by pid), so that parallel test files do not try the same ones.
 */
export async function stablePort(): Promise<number> {
  const end = ephemeralPortsStart();
  const first = 20_000 + (process.pid % 1_000) * 10;
  for (let i = 0; i < 2_000; i++) {
    const port = 20_000 + ((first - 20_000 + i) % (end - 20_000));
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port between 20000 and ${end}`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
