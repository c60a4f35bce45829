import { BACKWARDS, END, FORWARDS, START, type AllStreamResolvedEvent, type EventStoreDBClient } from '@eventstore/db-client';
import type { Position, ReadAllOptions, RecordedEvent } from '../types.js';
import { decodeEsdbPosition, encodeEsdbPosition, fromResolvedEvent, isSystemEventType, toEventStoreError } from './esdb-mapping.js';

/** The part of the client that reads `$all`. */
export type AllLogReader = Pick<EventStoreDBClient, 'readAll'>;

/** Pages of `$all` are at least this long, since system events are skipped on the client. */
const MIN_PAGE = 100;
const MAX_PAGE = 4096;

interface Page {
  /** Non-system events of the page, without the one at the start position. */
  readonly kept: AllStreamResolvedEvent[];
  /** Records the server returned, to tell a short (last) page. */
  readonly read: number;
  /** Position of the last record returned, where the next page starts. */
  readonly last: Position | undefined;
}

/**
 * One page of `$all` after `after`. The client's start is inclusive forwards, so the event
 * at `after` itself is dropped (in both directions, which makes it exclusive either way).
 */
export async function readAllPage(client: AllLogReader, backwards: boolean, after: Position | undefined, size: number): Promise<Page> {
  const kept: AllStreamResolvedEvent[] = [];
  let read = 0;
  let last: Position | undefined;
  try {
    const events = client.readAll({
      direction: backwards ? BACKWARDS : FORWARDS,
      fromPosition: after !== undefined ? decodeEsdbPosition(after) : backwards ? END : START,
      maxCount: size,
    });
    for await (const resolved of events) {
      read++;
      const event = resolved.event;
      if (!event?.position) continue;
      last = encodeEsdbPosition(event.position);
      if (last !== after && !isSystemEventType(event.type)) kept.push(resolved);
    }
  } catch (error) {
    throw toEventStoreError(error);
  }
  return { kept, read, last };
}

/**
 * Walks `$all` page by page from an exclusive position, handing each kept event to `take`
 * until it returns false or the log ends. `wanted` sizes the pages.
 */
export async function walkAll(
  client: AllLogReader,
  backwards: boolean,
  from: Position | undefined,
  wanted: () => number,
  take: (resolved: AllStreamResolvedEvent) => boolean,
): Promise<void> {
  if (from !== undefined) decodeEsdbPosition(from);
  let after = from;
  for (;;) {
    const size = Math.min(Math.max(wanted() + 1, MIN_PAGE), MAX_PAGE);
    const page = await readAllPage(client, backwards, after, size);
    for (const resolved of page.kept) if (!take(resolved)) return;
    if (page.read < size || page.last === undefined) return;
    after = page.last;
  }
}

/** `readAll` of the port: no system events, `fromPosition` exclusive. */
export async function readAllEvents(client: AllLogReader, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
  const limit = Math.max(0, options.maxCount ?? 1000);
  const out: RecordedEvent[] = [];
  if (limit === 0) return out;
  await walkAll(client, options.direction === 'backwards', options.fromPosition, () => limit - out.length, (resolved) => {
    const event = fromResolvedEvent(resolved);
    if (event) out.push(event);
    return out.length < limit;
  });
  return out;
}

/** Counts the non-system events after `position`, stopping at `cap` (no event is parsed). */
export async function countEventsAfter(client: AllLogReader, position: Position | undefined, cap: number): Promise<number> {
  let count = 0;
  if (cap <= 0) return 0;
  await walkAll(client, false, position, () => cap - count, () => ++count < cap);
  return count;
}
