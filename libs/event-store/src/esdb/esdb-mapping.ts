/**
 * Pure translations between the event store port and `@eventstore/db-client`: no network
 * call happens here, so every rule of the EventStoreDB adapter that does not need a server
 * is unit-tested (`esdb-mapping.spec.ts`).
 */
import {
  ANY as CLIENT_ANY,
  NO_STREAM as CLIENT_NO_STREAM,
  STREAM_EXISTS as CLIENT_STREAM_EXISTS,
  ErrorType,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData as ClientEventData,
  type Filter,
  type Position as EsdbPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { EventStoreError, EventStoreUnavailableError, InvalidEventError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../errors.js';
import type { ActualRevision, EventMetadata, ExpectedRevision, Position, RecordedEvent, SubscriptionFilter } from '../types.js';
import { appendSize, type SerialisedEvent } from '../validation.js';

export type { EsdbPosition };

/** Port expectation to the client's; the names match but the mapping stays explicit. */
export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (typeof expected === 'bigint') return expected;
  return expected === 'no_stream' ? CLIENT_NO_STREAM : expected === 'stream_exists' ? CLIENT_STREAM_EXISTS : CLIENT_ANY;
}

/**
 * Client expectation back to the port's. Errors built from gRPC trailers carry the legacy
 * numeric form (-1 no stream, -2 any, -4 stream exists), so those are mapped too.
 */
export function fromClientExpectedRevision(expected: AppendExpectedRevision | bigint): ExpectedRevision {
  if (typeof expected !== 'bigint') return expected;
  if (expected >= 0n) return expected;
  return expected === -1n ? 'no_stream' : expected === -4n ? 'stream_exists' : 'any';
}

/** The client's current revision ('no_stream' or a bigint, possibly -1) to the port's. */
export function toActualRevision(current: CurrentRevision | undefined): ActualRevision {
  return typeof current === 'bigint' && current >= 0n ? current : 'no_stream';
}

const WIDTH = 20;
const FORMAT = /^(\d{20})\/(\d{20})$/;
const MAX_U64 = 2n ** 64n - 1n;

/**
 * A position is the pair (commit, prepare) of the transaction file, unsigned 64-bit each.
 * Both parts are zero-padded to 20 digits so that string order is position order.
 */
export function encodeEsdbPosition(position: EsdbPosition): Position {
  for (const part of [position.commit, position.prepare]) {
    if (typeof part !== 'bigint' || part < 0n || part > MAX_U64) {
      throw new RangeError(`not an EventStoreDB log position: ${String(part)}`);
    }
  }
  return `${position.commit.toString().padStart(WIDTH, '0')}/${position.prepare.toString().padStart(WIDTH, '0')}` as Position;
}

/**
 * Inverse of `encodeEsdbPosition`: anything it did not produce, or beyond 64 bits, is
 * `InvalidEventError` POSITION_INVALID, before any call to the server.
 */
export function decodeEsdbPosition(position: Position | string): EsdbPosition {
  const match = typeof position === 'string' ? FORMAT.exec(position) : null;
  if (!match) throw new InvalidEventError('POSITION_INVALID', `not an EventStoreDB event store position: ${String(position).slice(0, 100)}`);
  const commit = BigInt(match[1]);
  const prepare = BigInt(match[2]);
  if (commit > MAX_U64 || prepare > MAX_U64) throw new InvalidEventError('POSITION_INVALID', `EventStoreDB position out of range: ${position}`);
  return { commit, prepare };
}

/** Total order of encoded positions: the fixed width makes it a plain string comparison. */
export function compareEsdbPositions(a: Position, b: Position): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ErrorContext {
  /** Stream of the failed operation; preferred to the name the client reports. */
  readonly streamId?: string;
  /** Expectation the caller gave; exact, unlike the client's legacy numeric form. */
  readonly expected?: ExpectedRevision;
}

/** Client error types of a transient failure: the operation may be retried. */
const UNAVAILABLE_TYPES = new Set<string>([ErrorType.UNAVAILABLE, ErrorType.DEADLINE_EXCEEDED, ErrorType.TIMEOUT, ErrorType.CANCELLED, ErrorType.NOT_LEADER]);
/** gRPC status codes of a transient failure: CANCELLED, DEADLINE_EXCEEDED, ABORTED, UNAVAILABLE. */
const UNAVAILABLE_GRPC_CODES = new Set<unknown>([1, 4, 10, 14]);
const UNAVAILABLE_NODE_CODES = new Set<unknown>(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE = /Failed to discover|No connection established|ECONNREFUSED|ECONNRESET|socket hang up/i;

interface ClientErrorShape {
  type?: unknown;
  code?: unknown;
  message?: unknown;
  streamName?: string;
  expectedVersion?: AppendExpectedRevision;
  actualVersion?: CurrentRevision;
}

/**
 * Client error to the port's error. Matches on the client's `type` field (set by every
 * client error class, and stable across client versions) rather than on `instanceof`, so
 * errors from a second copy of the client package map too. Unknown errors pass unchanged.
 */
export function toEventStoreError(error: unknown, context: ErrorContext = {}): Error {
  if (error instanceof EventStoreError) return error;
  if (typeof error !== 'object' || error === null) return new Error(String(error));
  const e = error as ClientErrorShape;
  const streamId = context.streamId ?? e.streamName ?? '';
  switch (e.type) {
    case ErrorType.WRONG_EXPECTED_VERSION:
      return new WrongExpectedVersionError(
        streamId,
        context.expected ?? fromClientExpectedRevision(e.expectedVersion ?? CLIENT_ANY),
        toActualRevision(e.actualVersion),
      );
    case ErrorType.STREAM_NOT_FOUND:
      return new StreamNotFoundError(streamId);
    case ErrorType.STREAM_DELETED:
      return new StreamDeletedError(streamId);
    case ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED:
      return new InvalidEventError('APPEND_TOO_LARGE', `append larger than the server accepts: ${String(e.message)}`);
  }
  const transient =
    (typeof e.type === 'string' && UNAVAILABLE_TYPES.has(e.type)) ||
    (e.type === undefined && UNAVAILABLE_GRPC_CODES.has(e.code)) ||
    UNAVAILABLE_NODE_CODES.has(e.code) ||
    (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message));
  if (transient) return new EventStoreUnavailableError(`event store unavailable: ${String(e.message ?? e.type)}`, error);
  return error instanceof Error ? error : new Error(String(e.message ?? 'unknown EventStoreDB error'));
}

/**
 * EventStoreDB's own projections (by category, correlation) read `$correlationId` and
 * `$causationId`: ours are mirrored there, unless the caller set those keys itself.
 */
const MIRRORED = [
  ['correlationId', '$correlationId'],
  ['causationId', '$causationId'],
] as const;

export function toClientMetadata(metadata: EventMetadata | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { ...metadata };
  for (const [ours, system] of MIRRORED) {
    if (typeof out[ours] === 'string' && !(system in out)) out[system] = out[ours];
  }
  return out;
}

/**
 * Client metadata back to ours. A mirror key equal to our key is dropped; when our key is
 * missing (event written by another EventStoreDB client) the mirror becomes our key. A
 * mirror with a value of its own was set by the caller and is kept, so it round-trips.
 * Metadata that is not a JSON object was not written by this adapter and reads as `{}`.
 */
export function fromClientMetadata(raw: unknown): EventMetadata {
  const parsed = raw instanceof Uint8Array ? parseJsonBytes(raw) : raw;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const out: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
  for (const [ours, system] of MIRRORED) {
    if (out[ours] === undefined && typeof out[system] === 'string') out[ours] = out[system];
    if (system in out && out[system] === out[ours]) delete out[system];
  }
  return out;
}

/**
 * What the server counts against its `MaxAppendSize` for these events once they carry the
 * metadata this adapter adds (`toClientMetadata`): data and metadata bytes plus two bytes per
 * character of the type, as its `Event.SizeOnDisk` does.
 */
export function clientAppendSize(events: readonly SerialisedEvent[]): number {
  let total = 0;
  for (const event of events) {
    const metadata = JSON.stringify(toClientMetadata(JSON.parse(event.metadata) as EventMetadata));
    total += appendSize(event.type, event.data, metadata);
  }
  return total;
}

/** One checked event of `serialiseBatch` as the client's JSON event, with our id. */
export function toClientEvent(event: SerialisedEvent): ClientEventData {
  // Parsed from the checked serialisation, so exactly what was validated is sent.
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: JSON.parse(event.data),
    metadata: toClientMetadata(JSON.parse(event.metadata) as EventMetadata),
  });
}

/** EventStoreDB's own events (`$metadata`, `$streamDeleted`, links `$>`, statistics...). */
export function isSystemEventType(type: string): boolean {
  return type.startsWith('$');
}

/**
 * A read or subscribed event as ours; undefined when the record has no event (an
 * unresolved link). Throws when the server sends no position: servers before 22.6 omit it
 * on stream reads, and this adapter cannot work without it.
 */
export function fromResolvedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  if (!event.position) throw new Error(`EventStoreDB sent event ${event.id} without its position: server 22.6 or newer is required`);
  const data: unknown = event.data instanceof Uint8Array ? (parseJsonBytes(event.data) ?? event.data) : event.data;
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: encodeEsdbPosition(event.position),
    id: event.id,
    type: event.type,
    data,
    metadata: fromClientMetadata(event.metadata),
    created: event.created,
  };
}

function parseJsonBytes(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** How a port filter runs on EventStoreDB. */
export interface EsdbFilterPlan {
  /** Server-side filter; always present so that the server sends checkpoints. */
  readonly filter: Filter;
  /** Event types to keep on the client, when the server could not filter on them. */
  readonly clientSideTypes?: ReadonlySet<string>;
}

export interface FilterHooks {
  readonly checkpointReached?: Filter['checkpointReached'];
  readonly maxSearchWindow?: number;
}

/**
 * Port filter to the client's. EventStoreDB filters on ONE of stream name or event type:
 * with both, the server filters by stream prefix and the event types are checked here, on
 * the client (the returned `clientSideTypes`). Event types become an anchored regex of
 * exact names. Without any filter, system events are excluded server-side.
 */
export function toClientFilter(filter: SubscriptionFilter | undefined, hooks: FilterHooks = {}): EsdbFilterPlan {
  const prefixes = [...(filter?.streamPrefixes ?? [])];
  const types = [...(filter?.eventTypes ?? [])];
  const options = { checkpointReached: hooks.checkpointReached, maxSearchWindow: hooks.maxSearchWindow };
  if (prefixes.length > 0) {
    return { filter: streamNameFilter({ ...options, prefixes }), clientSideTypes: types.length > 0 ? new Set(types) : undefined };
  }
  if (types.length > 0) return { filter: eventTypeFilter({ ...options, regex: exactTypesRegex(types) }) };
  return { filter: excludeSystemEvents(options) };
}

/** Anchored regex matching exactly the given event types (escaped: they are names, not patterns). */
export function exactTypesRegex(types: readonly string[]): string {
  return `^(?:${types.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`)).join('|')})$`;
}
