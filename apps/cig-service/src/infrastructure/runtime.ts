import type { CheckpointStore, EventStore } from '#event-store';
import type { AppConfig, Clock, Database, IdGenerator, Logger, Metrics } from '#platform';
import type { DataSource } from 'typeorm';
import type { AnacGateway } from '#anac';
import type { Identity } from '../security/identity.js';
import type { StatoRegoleAnac } from '../regole/regole-anac.js';

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
  /** Real time, where business time must not count: caches of the directory, rate limits. */
  readonly wallClock: Clock;
  readonly ids: IdGenerator;
  /** Randomness (retry jitter), injected so that tests are repeatable. */
  readonly random: () => number;
  readonly metrics: Metrics;
  readonly identity: Identity;
  /** typeorm over the read models (schema owned by its migrations). */
  readonly readModels: DataSource;
  /** ANAC's PCP (or the simulator), as the process manager calls it. */
  readonly anac: AnacGateway;
  /** ANAC's rules of the schede loaded at start (ANAC_REGOLE_DIR), or why only the hand-written checks run. */
  readonly regoleAnac: StatoRegoleAnac;
}
