import { ConfigError, loadConfig } from '#platform';
import { startService } from './bootstrap.js';

/** `npm start`: validate the configuration, start, print where the API is, stop cleanly on signals. */
async function main(): Promise<void> {
  const config = loadConfig();
  const service = await startService(config);
  const log = service.runtime.logger;
  log.info({ url: service.url }, 'CIG Ledger started');
  process.stdout.write(`\nCIG Ledger is listening on ${service.url}\n  API docs (OpenAPI): ${service.url}/docs\n  health: ${service.url}/health  ready: ${service.url}/ready\n\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    service.close().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`\nCIG Ledger could not start: ${message}\n`);
  process.exit(1);
});
