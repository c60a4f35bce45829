import type { AppConfig } from '#platform';
import type { ContestoOffline, FirmaAudit } from '#read-models';
import type { Ambiente, CommandIo } from '../programma.js';

export type { Ambiente } from '../programma.js';

/**
 * Runs `lavoro` with the service's database and event store (its configuration from `env`); closes
 * them after. With the embedded PostgreSQL of DATA_DIR, a server the service runs there is joined
 * and left running; one started here is stopped at the end.
 */
export async function conContesto(env: Ambiente, io: CommandIo, lavoro: (c: ContestoOffline, config: AppConfig) => Promise<number>): Promise<number> {
  const { createLogger, loadConfig } = await import('#platform');
  const { apriContestoOffline } = await import('#read-models');
  const config = loadConfig(env);
  const contesto = await apriContestoOffline(config, createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL));
  try {
    return await lavoro(contesto, config);
  } finally {
    await contesto.close();
  }
}

/** The audit signing key of the configuration (AUDIT_SIGNING_KEY_FILE or the development key in DATA_DIR). */
export async function firmaDaConfig(config: AppConfig): Promise<FirmaAudit> {
  const { caricaFirmaAudit } = await import('#read-models');
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
