import { CheckpointStore, EsdbEventStore, PostgresEventStore, type EventStore } from '#event-store';
import type { AppConfig, Database, Metrics } from '#platform';

/**
 * The event store chosen by EVENT_STORE: PostgreSQL (default, same database as the read
 * models) or EventStoreDB. Checkpoints always live next to the read models, in PostgreSQL.
 */
export async function createEventStore(config: AppConfig, database: Database, metrics: Metrics): Promise<{ eventStore: EventStore; checkpoints: CheckpointStore }> {
  const checkpoints = new CheckpointStore(database.pool);
  await checkpoints.migrate();
  const onAppended = (streamId: string, count: number) => metrics.recordAppend(streamId, count);
  if (config.EVENT_STORE === 'esdb') {
    const store = new EsdbEventStore(config.ESDB_URL!, { onAppended });
    await store.headPosition(); // fails fast with EventStoreUnavailableError when the server is not there
    return { eventStore: store, checkpoints };
  }
  const store = new PostgresEventStore(database.pool, { pollIntervalMs: config.SUBSCRIPTION_POLL_MS, onAppended });
  await store.migrate();
  return { eventStore: store, checkpoints };
}
