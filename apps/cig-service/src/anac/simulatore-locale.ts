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
 * The local simulator's environment: its state in DATA_DIR/anac-sim, the service's development key,
 * and, when the service loads ANAC's rules (ANAC_REGOLE_DIR), the same folder as SIM_REGOLE_DIR, so
 * the simulator refuses with ANAC's codes what the service checks locally.
 */
export function ambienteSimulatoreLocale(config: Pick<AppConfig, 'DATA_DIR' | 'ANAC_REGOLE_DIR'>, chiavePubblica: string, path = ''): Record<string, string> {
  return {
    PATH: path,
    SIM_PORT: '0',
    SIM_HOST: '127.0.0.1',
    SIM_STATE_FILE: join(config.DATA_DIR, 'anac-sim', 'stato.json'),
    SIM_JWS_PUBLIC_KEY_FILE: chiavePubblica,
    SIM_LOG_LEVEL: 'warn',
    SIM_EXIT_WITH_PARENT: '1',
    ...(config.ANAC_REGOLE_DIR ? { SIM_REGOLE_DIR: config.ANAC_REGOLE_DIR } : {}),
  };
}

/**
 * With no ANAC_PCP_URL, `npm start` runs the ANAC simulator as a child process (its state kept in
 * DATA_DIR/anac-sim, ANAC's rules from ANAC_REGOLE_DIR when set, the tracking JWS checked with the service's development key) and talks to it
 * over HTTP, exactly as it would to ANAC. The child leaves with the service, even a killed one.
 */
export async function avviaSimulatoreLocale(config: AppConfig, logger: Logger, simulatore = SIMULATORE): Promise<SimulatoreLocale> {
  const cartella = join(config.DATA_DIR, 'anac-sim');
  mkdirSync(cartella, { recursive: true });
  const chiave = await chiaveDiSviluppo(config.DATA_DIR);
  const child: ChildProcess = spawn(process.execPath, [simulatore], {
    env: ambienteSimulatoreLocale(config, chiave.publicKeyFile, process.env.PATH),
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
