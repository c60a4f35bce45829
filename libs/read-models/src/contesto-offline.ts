import { CheckpointStore, EsdbEventStore, PostgresEventStore, type EventStore } from '#event-store';
import { openDatabase, type AppConfig, type Database, type Logger } from '#platform';
import { migraModelliDiLettura } from './data-source.js';

/** What a command-line tool needs of the service's state: its database, event store and checkpoints. */
export interface ContestoOffline {
  readonly database: Database;
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  close(): Promise<void>;
}

/**
 * Opens the service's database and event store without the HTTP service (CLI, benchmarks), with
 * the same configuration: DATABASE_URL, or the embedded PostgreSQL of DATA_DIR — joined if the
 * service is running on it (and then never stopped), started otherwise. Schemas are migrated like
 * at the service's start.
 */
export async function apriContestoOffline(config: AppConfig, logger: Logger): Promise<ContestoOffline> {
  const database = await openDatabase(config, logger);
  try {
    const checkpoints = new CheckpointStore(database.pool);
    await checkpoints.migrate();
    let store: EventStore;
    if (config.EVENT_STORE === 'esdb') store = new EsdbEventStore(config.ESDB_URL!);
    else {
      const postgres = new PostgresEventStore(database.pool, { pollIntervalMs: config.SUBSCRIPTION_POLL_MS });
      await postgres.migrate();
      store = postgres;
    }
    await migraModelliDiLettura(database.url);
    return {
      database,
      store,
      checkpoints,
      async close() {
        await store.close().catch(() => undefined);
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
