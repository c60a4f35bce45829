import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig, Logger } from '#platform';
import { chiaveDiSviluppo } from './anac-gateway.factory.js';

export interface SimulatoreLocale {
  readonly url: string;
  stop(): void;
}

/** The compiled simulator, next to the compiled service in dist/. */
const SIMULATORE = fileURLToPath(new URL('../../../anac-sim/src/main.js', import.meta.url));

/**
 * With no ANAC_PCP_URL, `npm start` runs the ANAC simulator as a child process (its state kept in
 * DATA_DIR/anac-sim, the tracking JWS checked with the service's development key) and talks to it
 * over HTTP, exactly as it would to ANAC. The child leaves with the service, even a killed one.
 */
export async function avviaSimulatoreLocale(config: AppConfig, logger: Logger): Promise<SimulatoreLocale> {
  const cartella = join(config.DATA_DIR, 'anac-sim');
  mkdirSync(cartella, { recursive: true });
  const chiave = await chiaveDiSviluppo(config.DATA_DIR);
  const child: ChildProcess = spawn(process.execPath, [SIMULATORE], {
    env: {
      PATH: process.env.PATH ?? '',
      SIM_PORT: '0',
      SIM_HOST: '127.0.0.1',
      SIM_STATE_FILE: join(cartella, 'stato.json'),
      SIM_JWS_PUBLIC_KEY_FILE: chiave.publicKeyFile,
      SIM_LOG_LEVEL: 'warn',
      SIM_EXIT_WITH_PARENT: '1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => logger.warn({ component: 'anac-sim' }, chunk.toString().trim()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error('the ANAC simulator did not start within 20 s')), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ANAC simulator listening on (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the ANAC simulator exited (${code}) before starting: ${output.trim()}`));
    });
  });
  logger.info({ url }, 'ANAC_PCP_URL not set: started the ANAC simulator');
  return { url, stop: () => child.kill('SIGTERM') };
}
