import type { Position, RecordedEvent, SubscriptionFilter } from '../types.js';

/** The part of a database transaction a consumer writes through (a `pg` client fits). */
export interface SqlExecutor {
  query<R extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

/**
 * A checkpointed consumer of the global log: a projection, a process manager, a scheduler.
 *
 * `handle` runs inside the transaction that also stores the consumer's checkpoint, so a
 * crash either keeps both the writes and the checkpoint or neither: no event is lost and
 * none is applied twice.
 */
export interface Consumer {
  /** Stable name; the checkpoint and the single-runner lock are keyed by it. */
  readonly name: string;
  readonly filter?: SubscriptionFilter;
  readonly batchSize?: number;
  handle(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void>;
  /**
   * Called, outside any transaction, after a batch committed. Side effects that cannot be
   * part of the transaction (HTTP calls) belong to the events the consumer appends, not here.
   */
  afterCommit?(events: readonly RecordedEvent[]): Promise<void> | void;
  /**
   * The batch's COMMIT does not wait for PostgreSQL to flush it to disk (`synchronous_commit`
   * off for that transaction only; off by default). For a consumer whose writes are all rebuilt
   * from the log: a crash of the database can lose its last batches (at most a fraction of a
   * second of them) together with their checkpoint, and they are applied again from the log.
   * Nothing outside the database may act on those writes before a later synchronous commit
   * (each one flushes all the log of changes written before it): a worker that claims a row with
   * an UPDATE before calling out qualifies. Not for writes handed out as final before then, such
   * as the audit log's signed heads.
   */
  readonly asyncCommit?: boolean;
  /**
   * A process waits on this consumer's batches (the ANAC practices: the worker runs them): each is
   * taken as soon as its events are read, never held back by the runner's `batchWindowMs`.
   */
  readonly immediate?: boolean;
}

/** Snapshot of a runner's progress, for `/ready`, metrics and the CLI. */
export interface ConsumerStatus {
  readonly name: string;
  readonly running: boolean;
  readonly active: boolean;
  readonly caughtUp: boolean;
  readonly position: Position | undefined;
  readonly lastError: string | undefined;
}
