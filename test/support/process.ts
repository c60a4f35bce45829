import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const SERVICE_MAIN = resolve('dist/apps/cig-service/src/main.js');

/** The compiled service: process-level tests run what `npm start` runs. */
export function assertBuilt(): void {
  if (!existsSync(SERVICE_MAIN)) throw new Error(`${SERVICE_MAIN} is missing: run "npm run build" first (npm test does)`);
}

export interface ServiceProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the output once `pattern` appears in it; rejects on exit or timeout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited(): Promise<number | null>;
}

export function runService(env: Record<string, string>, main = SERVICE_MAIN, args: readonly string[] = []): ServiceProcess {
  const child = spawn(process.execPath, [main, ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return {
    child,
    output: () => text,
    exited: () => exit,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolveWait, reject) => {
        const check = () => {
          if (pattern.test(text)) {
            cleanup();
            resolveWait(text);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}; output:\n${text}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exit.then((code) => {
          if (listeners.has(check)) {
            cleanup();
            if (pattern.test(text)) resolveWait(text);
            else reject(new Error(`process exited (${code}) before ${pattern}; output:\n${text}`));
          }
        });
        check();
      });
    },
  };
}

/** A TCP port free on the loopback now (the scratch database's own look-up). */
export { freePort as portaLibera } from '../../libs/platform/src/testing/scratch-database.js';

/**
 * A TCP port free on the loopback now, below the range the kernel hands out on its own (to
 * servers on port 0 and to outgoing connections), for a server that stops and starts again on it:
 * in between, no other process's port-0 server or connection can take it. Ports of this
 * process's own block first (by pid), so that parallel test files do not try the same ones.
 */
export async function portaStabile(): Promise<number> {
  const [inizioEffimere] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  const fine = Math.min(inizioEffimere ?? 32_768, 32_768);
  const primo = 20_000 + (process.pid % 1_000) * 10;
  for (let i = 0; i < 2_000; i++) {
    const porta = 20_000 + ((primo - 20_000 + i) % (fine - 20_000));
    if (await libera(porta)) return porta;
  }
  throw new Error(`nessuna porta libera tra 20000 e ${fine}`);
}

function libera(porta: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(porta, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const IN_ASCOLTO = /listening on (http:\/\/\S+)/;

/** The base URL of a service process, once it says it is listening (rejects on exit or timeout). */
export async function inAscolto(proc: ServiceProcess, timeoutMs = 60_000): Promise<string> {
  return IN_ASCOLTO.exec(await proc.waitFor(IN_ASCOLTO, timeoutMs))![1]!;
}

/** Another compiled program (the CLI's long-running commands) as a process, watched as the service is. */
export function runProgram(main: string, args: readonly string[], env: Record<string, string>): ServiceProcess {
  return runService(env, main, args);
}
