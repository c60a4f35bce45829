/**
 * Event store port: the types shared by every adapter.
 *
 * Semantics follow EventStoreDB: stream revisions are 0-based `bigint`s, the global log
 * is read with opaque positions, and appends are guarded by an expected revision.
 */

/** Who caused an event: taken from the caller's verified identity, never from a request body. */
export interface Actor {
  readonly userId: string;
  readonly role?: string;
  readonly ufficio?: string;
  readonly codiceFiscale?: string;
}

/**
 * Metadata stored with every event. The known keys are typed; adapters keep any other
 * JSON-serialisable key as it was given.
 */
export interface EventMetadata {
  readonly actor?: Actor;
  /** Groups every event caused by one user request or one process. */
  readonly correlationId?: string;
  /** Id of the event or command that directly caused this event. */
  readonly causationId?: string;
  /** ISO-8601 instant at which the fact is legally effective (may be in the past: imports, sandbox clock). */
  readonly effectiveAt?: string;
  /** ISO-8601 instant at which the service recorded the fact (service clock). */
  readonly recordedAt?: string;
  readonly idempotencyKey?: string;
  readonly motivazione?: string;
  readonly [key: string]: unknown;
}

/** An event to append. `id` makes re-appends idempotent; use a UUID. */
export interface EventData<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata?: EventMetadata;
}

/**
 * Opaque, totally ordered position in the global log. Positions of one adapter compare
 * with `comparePositions`; their string form is stable and safe to store as a checkpoint.
 */
export type Position = string & { readonly __position: unique symbol };

/** An event as stored. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly id: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
  /** When the store committed the event (store clock). */
  readonly created: Date;
}

export const ANY = 'any' as const;
export const NO_STREAM = 'no_stream' as const;
export const STREAM_EXISTS = 'stream_exists' as const;

/** Optimistic concurrency guard of an append. */
export type ExpectedRevision = typeof ANY | typeof NO_STREAM | typeof STREAM_EXISTS | bigint;

/** What a stream's revision was found to be when an expectation failed. */
export type ActualRevision = bigint | typeof NO_STREAM;

export interface AppendOptions {
  /** Defaults to `any`. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event written; pass it as `expectedRevision` of the next append. */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event written. */
  readonly position: Position;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly direction?: Direction;
  /** Inclusive start revision; defaults to the first (forwards) or last (backwards) event. */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  readonly direction?: Direction;
  /** Exclusive start position; defaults to the start (forwards) or end (backwards) of the log. */
  readonly fromPosition?: Position;
  readonly maxCount?: number;
}

/** Server-side filter of a subscription. All given conditions must hold. */
export interface SubscriptionFilter {
  /** Stream id prefixes (e.g. `appalto-`); an event matches if its stream starts with any. */
  readonly streamPrefixes?: readonly string[];
  /** Event types; an event matches if its type is one of them. */
  readonly eventTypes?: readonly string[];
}

export interface SubscribeOptions {
  /** Exclusive start: deliver what comes after it. `start` delivers everything, `end` only new events. */
  readonly from?: Position | 'start' | 'end';
  readonly filter?: SubscriptionFilter;
  /** Largest number of events per delivered batch. */
  readonly batchSize?: number;
}

/**
 * What a subscription delivers. Events arrive in batches in log order; `checkpoint` says the
 * subscription has looked at everything up to `position` (also when no event matched the
 * filter), so a consumer can save it; `caughtUp` says every committed event was delivered.
 */
export type SubscriptionMessage =
  | { readonly kind: 'events'; readonly events: readonly RecordedEvent[]; readonly position: Position }
  | { readonly kind: 'checkpoint'; readonly position: Position }
  | { readonly kind: 'caughtUp'; readonly position: Position | undefined };

/** A running catch-up subscription; iterate it and call `close` to stop. */
export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  close(): Promise<void>;
}
