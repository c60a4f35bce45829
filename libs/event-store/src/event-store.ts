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
 * (`runEventStoreContract`), which is the definition of "faithful" here. The rules follow
 * EventStoreDB; where an adapter's engine answers otherwise, the adapter translates, and what
 * remains different is said below.
 *
 * Bad input never reaches the engine: every method refuses it with `InvalidEventError`
 * (its `reason` names the problem, its message where it is), and an append writes nothing.
 * That covers stream ids, event types, data and metadata holding a NUL character or a lone
 * UTF-16 surrogate (PostgreSQL cannot store the first and would silently replace the second),
 * stream ids and event types starting with `$` (reserved to the store: EventStoreDB's system
 * streams and events, which reads would hide), revisions outside 0 .. 2^63 - 1, counts that are
 * not whole numbers, and position tokens the adapter did not produce or beyond its range.
 */
export interface EventStore {
  /**
   * Appends a batch atomically. Throws `WrongExpectedVersionError` (with the actual revision)
   * when the expectation fails, `StreamDeletedError` on a tombstoned stream and
   * `InvalidEventError` for a bad batch, writing nothing in each case.
   *
   * Size: one event's data and metadata at most `MAX_EVENT_BYTES`, and the whole append at most
   * `MAX_APPEND_BYTES` counted as EventStoreDB counts it (data and metadata bytes, plus two
   * bytes per character of each type, plus the metadata the EventStoreDB adapter adds):
   * larger is `InvalidEventError` APPEND_TOO_LARGE on every adapter.
   *
   * Idempotency, decided by the batch's first event id as EventStoreDB decides it:
   * re-appending events already written together (the same batch, or a consecutive part of
   * it) with an expectation they satisfied returns the result of their last event and writes
   * nothing. With `any`, `stream_exists` or a stale exact revision, a batch whose first event
   * is already in the stream but which is not such a part (it overlaps the stream only in
   * part, e.g. `[e1, e2]` then `[e2, e3]`) is `WrongExpectedVersionError`, so a retry never
   * stores an event twice. A batch whose first event is new is appended whole (so is any
   * batch with the stream's current exact revision). With `any` and `stream_exists` the
   * search covers the stream's last 1,000 events on PostgreSQL and the server's cache of
   * recent event ids on EventStoreDB.
   *
   * On a soft-deleted stream (see `deleteStream`) the stream keeps its last revision:
   * `any`, `no_stream` and that exact revision append after it (recreating the stream), an
   * older exact revision fails with that revision as actual, and `stream_exists` fails with
   * actual `no_stream` (EventStoreDB itself answers StreamDeleted there; the adapter maps it).
   *
   * An empty batch writes nothing and only checks the expectation; on EventStoreDB it reads
   * the stream to do so, so there the exact last revision of a soft-deleted stream fails.
   */
  appendToStream(streamId: string, events: readonly EventData[], options?: AppendOptions): Promise<AppendResult>;

  /**
   * Reads one stream. Throws `StreamNotFoundError` if it has no readable event and
   * `StreamDeletedError` if it is tombstoned.
   */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Reads the global log in commit order (the order subscriptions deliver). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * Catch-up subscription to the global log, from an exclusive position. A bad start
   * position, batch size or filter is refused when called. `caughtUp` is reported only once
   * every event committed before it was delivered: on PostgreSQL, only transactions of the
   * store's own database can hold the log back, not those of other databases of the server.
   */
  subscribe(options?: SubscribeOptions): Subscription;

  /**
   * Soft delete: the stream reads as not found, its events stay in the global log, and a
   * later append recreates it with revisions continuing after the deleted ones (see
   * `appendToStream` for the expectations). Deleting a stream that was never written, or is
   * already soft-deleted, does nothing; a tombstoned one throws `StreamDeletedError`.
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
