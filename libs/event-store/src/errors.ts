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
  /** A NUL character or a lone UTF-16 surrogate, or the `$` prefix reserved to the store. */
  | 'STREAM_ID_INVALID'
  | 'EVENT_ID_INVALID'
  | 'EVENT_ID_DUPLICATED'
  | 'EVENT_TYPE_INVALID'
  /** Not JSON, or JSON the store cannot hold (a NUL character, a lone surrogate): the message names the path. */
  | 'DATA_NOT_JSON'
  | 'METADATA_NOT_JSON'
  | 'EVENT_TOO_LARGE'
  /** The events of one append together exceed `MAX_APPEND_BYTES`. */
  | 'APPEND_TOO_LARGE'
  /** An expected or start revision that is not a revision of the store (negative, beyond 2^63 - 1). */
  | 'REVISION_INVALID'
  /** A position token this adapter did not produce, or beyond its range. */
  | 'POSITION_INVALID'
  /** A `maxCount` or `batchSize` that is not a non-negative whole number. */
  | 'COUNT_INVALID'
  /** A subscription filter with a value that is not a storable string. */
  | 'FILTER_INVALID';

/**
 * A call was refused before the store was touched (so an append wrote nothing); `reason`
 * names the problem and the message says where it is (event index, field path).
 */
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

/** Why a transaction has to run again. */
export type TransactionRetryReason =
  /** It is older than the last transaction that wrote the stream (see the PostgreSQL schema). */
  | 'order'
  /** PostgreSQL chose it as the victim of a deadlock (SQLSTATE 40P01). */
  | 'deadlock'
  /** It failed a serialization check (SQLSTATE 40001, under REPEATABLE READ or SERIALIZABLE). */
  | 'serialization';

/**
 * PostgreSQL only: the append's transaction lost to a concurrent one: it is older than the
 * last transaction that wrote the stream (committing it would put the stream out of order in
 * the global log), or PostgreSQL aborted it to break a deadlock or a serialization conflict.
 * Nothing was written; roll back and run the transaction again (`appendToStream` does so by
 * itself). `reason` says which.
 */
export class TransactionOrderError extends EventStoreError {
  readonly code = 'TRANSACTION_ORDER';
  constructor(
    readonly streamId: string,
    readonly reason: TransactionRetryReason = 'order',
  ) {
    super(
      reason === 'order'
        ? `stream ${streamId} was written by a newer transaction: retry`
        : `append to stream ${streamId} lost a ${reason === 'deadlock' ? 'deadlock' : 'serialization conflict'}: retry`,
    );
  }
}

/**
 * PostgreSQL only: an append in a transaction that declared itself a reader
 * (`PostgresEventStore.readerTransactionBegin`): such a transaction is left out of the read
 * horizon, so it must never write the log. Nothing was written.
 */
export class ReaderTransactionError extends EventStoreError {
  readonly code = 'READER_TRANSACTION';
  constructor(readonly streamId: string) {
    super(`append to stream ${streamId} refused: the transaction declared itself a reader of the log`);
  }
}
