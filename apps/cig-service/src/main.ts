import { ConfigError, createLogger, isDatabaseUnavailable, loadConfig } from '#platform';
import { avviaSimulatoreLocale } from './anac/simulatore-locale.js';
import { startService } from './bootstrap.js';

/** `npm start`: validate the configuration, start, print where the API is, stop cleanly on signals. */
async function main(): Promise<void> {
  const loaded = loadConfig();
  const logger = createLogger(loaded.LOG_LEVEL);
  const simulatore = loaded.ANAC_PCP_URL ? undefined : await avviaSimulatoreLocale(loaded, logger);
  const config = simulatore ? { ...loaded, ANAC_PCP_URL: simulatore.url } : loaded;
  const service = await startService(config, { logger }).catch((error: unknown) => {
    simulatore?.stop();
    throw error;
  });
  const log = service.runtime.logger;
  log.info({ url: service.url }, 'CIG Ledger started');
  process.stdout.write(
    `\nCIG Ledger is listening on ${service.url}\n  API docs (OpenAPI): ${service.url}/docs\n  health: ${service.url}/health  ready: ${service.url}/ready\n` +
      `  ANAC: ${config.ANAC_PCP_URL}${simulatore ? ' (simulator)' : ''}\n\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    service.close().finally(() => simulatore?.stop()).then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  // Last line of defence: a lost database connection surfacing as an unhandled error is not a
  // reason to die (the service reports not ready and recovers); anything else is.
  process.on('uncaughtException', (error) => {
    if (isDatabaseUnavailable(error)) return log.warn({ err: error }, 'database connection lost outside a request');
    log.fatal({ err: error }, 'unexpected error: stopping');
    process.exit(1);
  });
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`\nCIG Ledger could not start: ${message}\n`);
  process.exit(1);
});
