import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const CLI_MAIN = resolve('dist/apps/cli/src/main.js');

export interface EsitoCli {
  readonly codice: number | null;
  readonly out: string;
  readonly err: string;
}

/** The compiled CLI as a process, as `npm run cli --` runs it: its exit code, stdout and stderr. */
export function cli(args: readonly string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<EsitoCli> {
  if (!existsSync(CLI_MAIN)) throw new Error(`${CLI_MAIN} is missing: run "npm run build" first (npm test does)`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cli ${args.join(' ')} still running after ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`));
    }, timeoutMs);
    child.on('close', (codice) => {
      clearTimeout(timer);
      resolvePromise({ codice, out, err });
    });
  });
}
