import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
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
 * A TCP port free on the loopback now, below the range the kernel hands out on its own, for a server
 * that stops and starts again on it (the scratch database's own look-up).
 */
export { stablePort as portaStabile } from '../../libs/platform/src/testing/scratch-database.js';

const IN_ASCOLTO = /listening on (http:\/\/\S+)/;

/** The base URL of a service process, once it says it is listening (rejects on exit or timeout). */
export async function inAscolto(proc: ServiceProcess, timeoutMs = 60_000): Promise<string> {
  return IN_ASCOLTO.exec(await proc.waitFor(IN_ASCOLTO, timeoutMs))![1]!;
}

/** Another compiled program (the CLI's long-running commands) as a process, watched as the service is. */
export function runProgram(main: string, args: readonly string[], env: Record<string, string>): ServiceProcess {
  return runService(env, main, args);
}
