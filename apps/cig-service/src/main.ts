import { ConfigError, createLogger, isDatabaseUnavailable, loadConfig, type Logger } from '#platform';
import { avviaSimulatoreLocale, type SimulatoreLocale } from './anac/simulatore-locale.js';
import type { RunningService } from './bootstrap.js';

/**
 * How long a stop may take after SIGTERM/SIGINT before the process exits anyway: draining requests
 * and workers must not keep it alive when the database is gone or a request hangs. Well below the 10 s
 * that process supervisors commonly allow before SIGKILL, leaving room for a busy machine.
 */
const ARRESTO_MAX_MS = 6_000;

/** `npm start`: validate the configuration, start, print where the API is, stop cleanly on signals. */
async function main(): Promise<void> {
  const loaded = loadConfig();
  const logger = createLogger(loaded.LOG_LEVEL);
  let simulatore: SimulatoreLocale | undefined;
  let service: RunningService | undefined;
  let arresto: string | undefined;
  // Signals are handled from the first moment: a stop asked during start-up ends the start-up.
  const stop = (signal: string) => {
    if (arresto) return;
    arresto = signal;
    logger.info({ signal }, 'stopping');
    setTimeout(() => {
      logger.error({ signal, ms: ARRESTO_MAX_MS }, 'stop did not finish in time: exiting');
      process.exit(1);
    }, ARRESTO_MAX_MS).unref();
    if (service) void chiudi(service, simulatore, logger);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Last line of defence: a lost database connection surfacing as an unhandled error is not a
  // reason to die (the service reports not ready and recovers); anything else is.
  process.on('uncaughtException', (error) => {
    if (isDatabaseUnavailable(error)) return logger.warn({ err: error }, 'database connection lost outside a request');
    logger.fatal({ err: error }, 'unexpected error: stopping');
    process.exit(1);
  });

  // The simulator (a process of its own) starts while this one loads the service and opens the
  // database: the service waits for its URL only when it builds the ANAC client.
  const avvioSimulatore = loaded.ANAC_PCP_URL ? undefined : avviaSimulatoreLocale(loaded, logger);
  avvioSimulatore?.then((s) => (simulatore = s), () => undefined);
  const urlSimulatore = avvioSimulatore?.then((s) => s.url);
  urlSimulatore?.catch(() => undefined); // awaited (and reported) by startService
  const { startService } = await import('./bootstrap.js');
  service = await startService(loaded, { logger, ...(urlSimulatore ? { anacUrl: urlSimulatore } : {}) }).catch(async (error: unknown) => {
    (await avvioSimulatore?.catch(() => undefined))?.stop();
    throw error;
  });
  const config = service.runtime.config;
  if (arresto) return chiudi(service, simulatore, logger);
  const log = service.runtime.logger;
  log.info({ url: service.url }, 'CIG Ledger started');
  process.stdout.write(
    `\nCIG Ledger is listening on ${service.url}\n  Console (web): ${service.url}/\n  API docs (OpenAPI): ${service.url}/docs\n  health: ${service.url}/health  ready: ${service.url}/ready\n` +
      `  ANAC: ${config.ANAC_PCP_URL}${simulatore ? ' (simulator)' : ''}\n\n`,
  );
}

async function chiudi(service: RunningService, simulatore: SimulatoreLocale | undefined, logger: Logger): Promise<never> {
  try {
    await service.close();
    simulatore?.stop();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'error while stopping');
    simulatore?.stop();
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`\nCIG Ledger could not start: ${message}\n`);
  process.exit(1);
});
