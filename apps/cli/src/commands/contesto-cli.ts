import { ConfigError, createLogger, loadConfig, type AppConfig } from '#platform';
import { apriContestoOffline, caricaFirmaAudit, type ContestoOffline, type FirmaAudit } from '#read-models';
import type { CommandIo } from './valida-cig.js';

export type Ambiente = Record<string, string | undefined>;

/** Runs `lavoro` with the service's database and event store (its configuration from `env`); closes them after. */
export async function conContesto(env: Ambiente, io: CommandIo, lavoro: (c: ContestoOffline, config: AppConfig) => Promise<number>): Promise<number> {
  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    io.err(error instanceof ConfigError ? error.message : String(error));
    return 2;
  }
  const contesto = await apriContestoOffline(config, createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL));
  try {
    return await lavoro(contesto, config);
  } finally {
    await contesto.close();
  }
}

/** The audit signing key of the configuration (AUDIT_SIGNING_KEY_FILE or the development key in DATA_DIR). */
export function firmaDaConfig(config: AppConfig): Promise<FirmaAudit> {
  return caricaFirmaAudit({
    file: config.AUDIT_SIGNING_KEY_FILE,
    dataDir: config.DATA_DIR,
    vietaChiaveDiSviluppo: config.NODE_ENV === 'production' && !config.AUTH_ALLOW_DEV_KEYS,
  });
}

/** Options of a command as a query (`--oggetto pulizia` → `{ oggetto: 'pulizia' }`). */
export function comeQuery(opzioni: ReadonlyMap<string, string>, escluse: readonly string[] = []): Record<string, string> {
  return Object.fromEntries([...opzioni].filter(([k]) => !escluse.includes(k)));
}
