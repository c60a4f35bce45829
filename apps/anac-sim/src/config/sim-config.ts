import { readFileSync } from 'node:fs';
import { leggiRupRegistry } from '../identity/rup-registry.js';
import type { SimulatorOptions } from '../simulator.js';

/** A wrong variable stops the simulator at start with a message naming it. */
export class SimConfigError extends Error {
  override readonly name = 'SimConfigError';
}

/**
 * The simulator's own small configuration (the service's `loadConfig` is not for it).
 *
 * | variable | default | meaning |
 * | SIM_PORT | 3100 | HTTP port (0: any free port) |
 * | SIM_HOST | 127.0.0.1 | interface |
 * | SIM_STATE_FILE | unset | JSON file the state is written through to (kept across restarts) |
 * | SIM_RUP_REGISTRY | unset | JSON file: `[{ codiceFiscale, sa: { codiceFiscale, codiceAusa, denominazione? } }]` |
 * | SIM_LOG_LEVEL | info | pino level |
 * | SIM_VOUCHER | unset | PDND voucher the Bearer token must equal |
 * | SIM_JWS_PUBLIC_KEY_FILE | unset | SPKI PEM: verify the JWS signature (RS256) |
 * | SIM_TIMINGS | unset | JSON of SimTimings overrides, e.g. {"confermaMs":0} |
 * | SIM_REGOLE_DIR | unset | folder of ANAC's DMN tables (`modello-dati` or `regole`): verifica/conferma evaluate them |
 */
export function leggiConfigurazione(env: Readonly<Record<string, string | undefined>> = process.env): SimulatorOptions {
  const valore = (nome: string) => (env[nome]?.trim() ? env[nome]!.trim() : undefined);
  const porta = valore('SIM_PORT') ?? '3100';
  if (!/^\d+$/.test(porta) || Number(porta) > 65_535) throw new SimConfigError(`SIM_PORT non valido: ${porta}`);
  const registro = valore('SIM_RUP_REGISTRY');
  const chiave = valore('SIM_JWS_PUBLIC_KEY_FILE');
  const timings = valore('SIM_TIMINGS');
  const voucher = valore('SIM_VOUCHER');
  const stateFile = valore('SIM_STATE_FILE');
  const regoleDir = valore('SIM_REGOLE_DIR');
  return {
    port: Number(porta),
    host: valore('SIM_HOST') ?? '127.0.0.1',
    logLevel: valore('SIM_LOG_LEVEL') ?? 'info',
    ...(stateFile ? { stateFile } : {}),
    ...(regoleDir ? { regoleDir } : {}),
    ...(voucher ? { voucher } : {}),
    ...(registro ? { rupRegistry: leggiJson('SIM_RUP_REGISTRY', registro, leggiRupRegistry) } : {}),
    ...(chiave ? { jwsPublicKey: leggiFile('SIM_JWS_PUBLIC_KEY_FILE', chiave) } : {}),
    ...(timings ? { timings: analizza('SIM_TIMINGS', timings) as SimulatorOptions['timings'] } : {}),
  };
}

function leggiFile(nome: string, percorso: string): string {
  try {
    return readFileSync(percorso, 'utf8');
  } catch (error) {
    throw new SimConfigError(`${nome}: impossibile leggere ${percorso} (${(error as Error).message})`);
  }
}

function analizza(nome: string, testo: string): unknown {
  try {
    return JSON.parse(testo);
  } catch {
    throw new SimConfigError(`${nome}: JSON non valido`);
  }
}

function leggiJson<T>(nome: string, percorso: string, converti: (v: unknown) => T): T {
  try {
    return converti(analizza(nome, leggiFile(nome, percorso)));
  } catch (error) {
    throw error instanceof SimConfigError ? error : new SimConfigError(`${nome}: ${(error as Error).message}`);
  }
}
