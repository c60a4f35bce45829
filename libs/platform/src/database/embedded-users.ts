import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A PostgreSQL server running on a data folder, as its lock file `postmaster.pid` tells. */
export interface RunningServer {
  readonly pid: number;
  readonly port: number;
}

/**
 * The server running on `dataDir`, if any. PostgreSQL writes its pid on the first line of
 * postmaster.pid and its port on the fourth ("Server Applications: postgres", lock file layout).
 */
export function runningServer(dataDir: string): RunningServer | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  let lines: string[];
  try {
    lines = readFileSync(pidFile, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return undefined;
  return { pid, port: Number.isInteger(port) && port > 0 ? port : 0 };
}

/**
 * The processes using the embedded server of a data folder: one file per process (named by its
 * pid) in a folder beside it. The service and the command-line tools share one server: a process
 * joins a server that others use, stops only the server it started, and only when no other live
 * process uses it; a server whose users are all gone was left by a killed process.
 */
export class EmbeddedUsers {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = `${dataDir}.users`;
  }

  register(role: 'started' | 'joined'): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, String(process.pid)), `${role}\n`);
  }

  release(): void {
    rmSync(join(this.dir, String(process.pid)), { force: true });
  }

  /** Live processes other than this one; files of processes that died are removed. */
  others(): number[] {
    if (!existsSync(this.dir)) return [];
    const live: number[] = [];
    for (const name of readdirSync(this.dir)) {
      const pid = Number(name);
      if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
      if (alive(pid)) live.push(pid);
      else rmSync(join(this.dir, name), { force: true });
    }
    return live;
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the server run as "postgres").
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
