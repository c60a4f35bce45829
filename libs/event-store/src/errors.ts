import type { ActualRevision, ExpectedRevision } from './types.js';

/** Base of every error the event store raises on purpose; `code` is stable. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream was not at the revision the append expected. Carries what it actually was. */
export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/** The stream has no readable event (never written, or soft-deleted). */
export class StreamNotFoundError extends EventStoreError {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
  }
}

/** The stream was tombstoned: it can never be read or written again. */
export class StreamDeletedError extends EventStoreError {
  readonly code = 'STREAM_DELETED';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} is deleted permanently`);
  }
}

export type InvalidEventReason =
  | 'STREAM_ID_EMPTY'
  | 'STREAM_ID_TOO_LONG'
  | 'EVENT_ID_INVALID'
  | 'EVENT_ID_DUPLICATED'
  | 'EVENT_TYPE_INVALID'
  | 'DATA_NOT_JSON'
  | 'METADATA_NOT_JSON'
  | 'EVENT_TOO_LARGE'
  | 'REVISION_INVALID';

/** An append was refused before anything was written; `reason` names the problem. */
export class InvalidEventError extends EventStoreError {
  readonly code = 'INVALID_EVENT';
  constructor(
    readonly reason: InvalidEventReason,
    message: string,
    /** Index of the offending event in the batch, when the problem is one event's. */
    readonly index?: number,
  ) {
    super(message);
  }
}

/** The store could not be reached or failed; the operation may be retried. */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'EVENT_STORE_UNAVAILABLE';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}

/**
 * PostgreSQL only: the append's transaction is older than the last one that wrote the
 * stream, so committing it would put the stream out of order in the global log. Nothing was
 * written; run the transaction again (`appendToStream` does so by itself).
 */
export class TransactionOrderError extends EventStoreError {
  readonly code = 'TRANSACTION_ORDER';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} was written by a newer transaction: retry`);
  }
}
