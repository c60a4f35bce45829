import { InvalidEventError } from './errors.js';
import type { EventData, ExpectedRevision } from './types.js';

/** Longest accepted stream id, in characters. */
export const MAX_STREAM_ID_LENGTH = 255;
/** Largest accepted event: serialised data plus metadata, in bytes. */
export const MAX_EVENT_BYTES = 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event checked and serialised once, ready for any adapter to write. */
export interface SerialisedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
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
}

export function assertExpectedRevision(expected: ExpectedRevision): void {
  if (typeof expected === 'bigint') {
    if (expected < 0n) throw new InvalidEventError('REVISION_INVALID', 'expected revision must be >= 0');
    return;
  }
  if (expected !== 'any' && expected !== 'no_stream' && expected !== 'stream_exists') {
    throw new InvalidEventError('REVISION_INVALID', `unknown expected revision ${String(expected)}`);
  }
}

/**
 * Checks a whole batch and serialises it. Throws on the first bad event, so a batch is
 * written entirely or not at all.
 */
export function serialiseBatch(events: readonly EventData[]): SerialisedEvent[] {
  if (!Array.isArray(events)) throw new InvalidEventError('EVENT_TYPE_INVALID', 'events must be an array');
  const seen = new Set<string>();
  return events.map((event, index) => {
    if (typeof event?.id !== 'string' || !UUID.test(event.id)) {
      throw new InvalidEventError('EVENT_ID_INVALID', `event ${index}: id must be a UUID`, index);
    }
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new InvalidEventError('EVENT_ID_DUPLICATED', `event ${index}: id ${id} repeated in the batch`, index);
    seen.add(id);
    if (typeof event.type !== 'string' || event.type.trim().length === 0 || event.type.length > 200) {
      throw new InvalidEventError('EVENT_TYPE_INVALID', `event ${index}: type must be a non-empty string of at most 200 characters`, index);
    }
    const data = toJson(event.data, 'DATA_NOT_JSON', `event ${index}: data is not JSON-serialisable`, index);
    const metadata = toJson(event.metadata ?? {}, 'METADATA_NOT_JSON', `event ${index}: metadata is not JSON-serialisable`, index);
    const bytes = Buffer.byteLength(data) + Buffer.byteLength(metadata);
    if (bytes > MAX_EVENT_BYTES) {
      throw new InvalidEventError('EVENT_TOO_LARGE', `event ${index}: ${bytes} bytes, at most ${MAX_EVENT_BYTES} allowed`, index);
    }
    return { id, type: event.type, data, metadata };
  });
}

/**
 * Strict JSON: rejects values JSON.stringify would silently drop or distort (undefined,
 * functions, symbols, bigint, NaN/Infinity, cycles, non-plain objects such as Map).
 */
function toJson(value: unknown, reason: 'DATA_NOT_JSON' | 'METADATA_NOT_JSON', message: string, index: number): string {
  const problem = findNonJson(value, new Set());
  if (problem !== undefined) throw new InvalidEventError(reason, `${message} (${problem})`, index);
  return JSON.stringify(value);
}

function findNonJson(value: unknown, ancestors: Set<object>): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${value} is not a finite number`;
    case 'object': {
      if (value === null) return undefined;
      if (ancestors.has(value)) return 'circular reference';
      const proto = Object.getPrototypeOf(value);
      const isArray = Array.isArray(value);
      // A plain object's prototype is some realm's Object.prototype, whose own prototype is null.
      if (!isArray && proto !== null && Object.getPrototypeOf(proto) !== null) {
        return value instanceof Date ? 'Date: store an ISO string' : `${proto?.constructor?.name ?? 'object'} is not a plain object`;
      }
      ancestors.add(value);
      // JSON leaves out object members that are undefined; in arrays it would turn them into null.
      for (const child of isArray ? value : Object.values(value).filter((v) => v !== undefined)) {
        const problem = findNonJson(child, ancestors);
        if (problem !== undefined) return problem;
      }
      ancestors.delete(value);
      return undefined;
    }
    default:
      return `${typeof value} is not JSON`;
  }
}
