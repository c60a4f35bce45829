import { InvalidEventError, type InvalidEventReason } from './errors.js';
import type { EventData, ExpectedRevision, SubscriptionFilter } from './types.js';

/** Longest accepted stream id, in characters. */
export const MAX_STREAM_ID_LENGTH = 255;
/** Largest accepted event: serialised data plus metadata, in bytes. */
export const MAX_EVENT_BYTES = 1024 * 1024;
/**
 * Largest accepted append, all its events together, measured as EventStoreDB measures it
 * (its `MaxAppendSize`, 1 MiB by default): serialised data and metadata in bytes plus two
 * bytes per character of the event type.
 */
export const MAX_APPEND_BYTES = 1024 * 1024;
/** Largest stream revision: revisions and global positions are signed 64-bit integers. */
export const MAX_REVISION = 2n ** 63n - 1n;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event checked and serialised once, ready for any adapter to write. */
export interface SerialisedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/**
 * What makes a string impossible to store as it was given: PostgreSQL `text` and `jsonb` hold
 * no NUL character, and a lone UTF-16 surrogate has no UTF-8 form (the driver would silently
 * write U+FFFD instead, so two different names would meet in one stream).
 */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) return 'contains a lone UTF-16 surrogate';
  return undefined;
}

export function assertStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidEventError('STREAM_ID_EMPTY', 'stream id must be a non-empty string');
  }
  if (streamId.length > MAX_STREAM_ID_LENGTH) {
    throw new InvalidEventError(
      'STREAM_ID_TOO_LONG',
      `stream id is ${streamId.length} characters, at most ${MAX_STREAM_ID_LENGTH} allowed`,
    );
  }
  const problem = textProblem(streamId);
  if (problem) throw new InvalidEventError('STREAM_ID_INVALID', `stream id ${problem}`);
  if (streamId.startsWith('$')) {
    throw new InvalidEventError('STREAM_ID_INVALID', 'stream id must not start with $: that prefix is reserved to the store (EventStoreDB system streams)');
  }
}

export function assertExpectedRevision(expected: ExpectedRevision): void {
  if (typeof expected === 'bigint') {
    assertRevision(expected, 'expected revision');
    return;
  }
  if (expected !== 'any' && expected !== 'no_stream' && expected !== 'stream_exists') {
    throw new InvalidEventError('REVISION_INVALID', `unknown expected revision ${String(expected)}`);
  }
}

/** A stream revision given by a caller: a bigint in 0 .. 2^63 - 1. */
export function assertRevision(revision: unknown, what: string): asserts revision is bigint {
  if (typeof revision !== 'bigint') throw new InvalidEventError('REVISION_INVALID', `${what} must be a bigint`);
  if (revision < 0n || revision > MAX_REVISION) {
    throw new InvalidEventError('REVISION_INVALID', `${what} ${revision} is outside 0 .. ${MAX_REVISION}`);
  }
}

/**
 * A `maxCount` or `batchSize`: a whole number >= `min`, or undefined (the caller's default).
 * Infinity reads as "no limit".
 */
export function assertCount(count: unknown, what: string, min = 0): void {
  if (count === undefined || count === Number.POSITIVE_INFINITY) return;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < min) {
    throw new InvalidEventError('COUNT_INVALID', `${what} must be a whole number >= ${min}, not ${String(count)}`);
  }
}

/** Subscription filters: arrays of storable strings (a prefix may be empty: it matches every stream). */
export function assertFilter(filter: SubscriptionFilter | undefined): void {
  for (const [key, values] of Object.entries({ streamPrefixes: filter?.streamPrefixes, eventTypes: filter?.eventTypes })) {
    if (values === undefined) continue;
    if (!Array.isArray(values)) throw new InvalidEventError('FILTER_INVALID', `filter.${key} must be an array of strings`);
    values.forEach((value: unknown, i) => {
      const problem = typeof value === 'string' ? textProblem(value) : 'is not a string';
      if (problem) throw new InvalidEventError('FILTER_INVALID', `filter.${key}[${i}] ${problem}`);
    });
  }
}

/**
 * Checks a whole batch and serialises it. Throws on the first bad event, so a batch is
 * written entirely or not at all.
 */
export function serialiseBatch(events: readonly EventData[]): SerialisedEvent[] {
  if (!Array.isArray(events)) throw new InvalidEventError('EVENT_TYPE_INVALID', 'events must be an array');
  const seen = new Set<string>();
  let total = 0;
  const batch = events.map((event, index) => {
    if (typeof event?.id !== 'string' || !UUID.test(event.id)) {
      throw new InvalidEventError('EVENT_ID_INVALID', `event ${index}: id must be a UUID`, index);
    }
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new InvalidEventError('EVENT_ID_DUPLICATED', `event ${index}: id ${id} repeated in the batch`, index);
    seen.add(id);
    assertEventType(event.type, index);
    const data = toJson(event.data, 'DATA_NOT_JSON', `event ${index}: data`, index);
    const metadata = toJson(event.metadata ?? {}, 'METADATA_NOT_JSON', `event ${index}: metadata`, index);
    const bytes = Buffer.byteLength(data) + Buffer.byteLength(metadata);
    if (bytes > MAX_EVENT_BYTES) {
      throw new InvalidEventError('EVENT_TOO_LARGE', `event ${index}: ${bytes} bytes, at most ${MAX_EVENT_BYTES} allowed`, index);
    }
    total += appendSize(event.type, data, metadata);
    return { id, type: event.type, data, metadata };
  });
  assertAppendSize(total, batch.length);
  return batch;
}

/** One event's share of an append, as EventStoreDB counts it (`Event.SizeOnDisk`). */
export function appendSize(type: string, data: string, metadata: string): number {
  return Buffer.byteLength(data) + Buffer.byteLength(metadata) + 2 * type.length;
}

export function assertAppendSize(total: number, events: number): void {
  if (total > MAX_APPEND_BYTES) {
    throw new InvalidEventError(
      'APPEND_TOO_LARGE',
      `the ${events} events of the append take ${total} bytes together, at most ${MAX_APPEND_BYTES} allowed: append them in smaller batches`,
    );
  }
}

function assertEventType(type: unknown, index: number): asserts type is string {
  if (typeof type !== 'string' || type.trim().length === 0 || type.length > 200) {
    throw new InvalidEventError('EVENT_TYPE_INVALID', `event ${index}: type must be a non-empty string of at most 200 characters`, index);
  }
  const problem = textProblem(type);
  if (problem) throw new InvalidEventError('EVENT_TYPE_INVALID', `event ${index}: type ${problem}`, index);
  if (type.startsWith('$')) {
    throw new InvalidEventError('EVENT_TYPE_INVALID', `event ${index}: type must not start with $: that prefix is reserved to the store (EventStoreDB system events)`, index);
  }
}

/**
 * Strict JSON: rejects values JSON.stringify would silently drop or distort (undefined,
 * functions, symbols, bigint, NaN/Infinity, cycles, non-plain objects such as Map), and
 * strings or keys the store cannot hold (see `textProblem`).
 */
function toJson(value: unknown, reason: 'DATA_NOT_JSON' | 'METADATA_NOT_JSON', what: string, index: number): string {
  const problem = findNonJson(value, new Set());
  if (problem !== undefined) {
    const root = reason === 'DATA_NOT_JSON' ? 'data' : 'metadata';
    const path = problem.path.reduceRight<string>((out, step) => out + (typeof step === 'number' ? `[${step}]` : `.${step}`), root);
    const subject = problem.inKey ? `a key of ${path}` : path;
    throw new InvalidEventError(reason, `${what} cannot be stored: ${subject} ${problem.what}`, index);
  }
  return JSON.stringify(value);
}

/** Where a value fails: the path is collected innermost first, only on failure. */
interface NonJson {
  readonly path: Array<string | number>;
  readonly what: string;
  readonly inKey?: boolean;
}

function findNonJson(value: unknown, ancestors: Set<object>): NonJson | undefined {
  switch (typeof value) {
    case 'string': {
      const problem = textProblem(value);
      return problem ? { path: [], what: problem } : undefined;
    }
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : { path: [], what: `is ${value}, not a finite number` };
    case 'object': {
      if (value === null) return undefined;
      if (ancestors.has(value)) return { path: [], what: 'is a circular reference' };
      const proto = Object.getPrototypeOf(value);
      const isArray = Array.isArray(value);
      // A plain object's prototype is some realm's Object.prototype, whose own prototype is null.
      if (!isArray && proto !== null && Object.getPrototypeOf(proto) !== null) {
        return { path: [], what: value instanceof Date ? 'is a Date: store an ISO string' : `is a ${proto?.constructor?.name ?? 'object'}, not a plain object` };
      }
      ancestors.add(value);
      const problem = isArray ? findInArray(value, ancestors) : findInObject(value as Record<string, unknown>, ancestors);
      ancestors.delete(value);
      return problem;
    }
    default:
      return { path: [], what: `is a ${typeof value}, not JSON` };
  }
}

function findInArray(array: readonly unknown[], ancestors: Set<object>): NonJson | undefined {
  for (let i = 0; i < array.length; i++) {
    const problem = findNonJson(array[i], ancestors);
    if (problem !== undefined) {
      problem.path.push(i);
      return problem;
    }
  }
  return undefined;
}

function findInObject(object: Record<string, unknown>, ancestors: Set<object>): NonJson | undefined {
  for (const key of Object.keys(object)) {
    const child = object[key];
    // JSON leaves out object members that are undefined; in arrays it would turn them into null.
    if (child === undefined) continue;
    const keyProblem = textProblem(key);
    if (keyProblem) return { path: [], what: keyProblem, inKey: true };
    const problem = findNonJson(child, ancestors);
    if (problem !== undefined) {
      problem.path.push(key);
      return problem;
    }
  }
  return undefined;
}
