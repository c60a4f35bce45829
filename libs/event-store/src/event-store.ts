import type {
  AppendOptions,
  AppendResult,
  EventData,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from './types.js';

/**
 * The event store port. Every adapter passes the same contract suite
 * (`runEventStoreContract`), which is the definition of "faithful" here.
 */
export interface EventStore {
  /**
   * Appends a batch atomically. Throws `WrongExpectedVersionError` (with the actual revision)
   * when the expectation fails, `StreamDeletedError` on a tombstoned stream and
   * `InvalidEventError` for a bad batch, writing nothing in each case. Re-appending the same
   * event ids with the same expectation returns the first result and writes nothing.
   */
  appendToStream(streamId: string, events: readonly EventData[], options?: AppendOptions): Promise<AppendResult>;

  /** Reads one stream. Throws `StreamNotFoundError` if it has no readable event. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Reads the global log in commit order (the order subscriptions deliver). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Catch-up subscription to the global log, from an exclusive position. */
  subscribe(options?: SubscribeOptions): Subscription;

  /**
   * Soft delete: the stream reads as not found, its events stay in the global log, and a
   * later append recreates it with revisions continuing after the deleted ones.
   */
  deleteStream(streamId: string): Promise<void>;

  /** Hard delete: the stream can never be read or appended to again. */
  tombstoneStream(streamId: string): Promise<void>;

  /** Total order of this adapter's positions: negative, zero or positive like a comparator. */
  comparePositions(a: Position, b: Position): number;

  /** Position of the newest event committed so far, or undefined when the log is empty. */
  headPosition(): Promise<Position | undefined>;

  /** Approximate number of events committed after `position` (for lag metrics). */
  eventsAfter(position: Position | undefined): Promise<number>;

  close(): Promise<void>;
}
