import type { CheckpointStore, EventStore } from '#event-store';
import type { AppConfig, Clock, Database, IdGenerator, Logger, Metrics } from '#platform';
import type { Identity } from '../security/identity.js';

/**
 * Everything the service builds before NestJS starts: configuration, database, event store.
 * Tests build it with their own clock, ids and database.
 */
export interface Runtime {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly database: Database;
  readonly eventStore: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly metrics: Metrics;
  readonly identity: Identity;
}
