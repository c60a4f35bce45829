import { InvalidEventError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../errors.js';
import type { EventStore } from '../event-store.js';
import { PostgresSubscription, type PageReader } from '../postgres/postgres-subscription.js';
import type {
  AppendOptions,
  AppendResult,
  EventData,
  ExpectedRevision,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionFilter,
} from '../types.js';
import { assertCount, assertExpectedRevision, assertFilter, assertRevision, assertStreamId, serialiseBatch } from '../validation.js';

export interface InMemoryEventStoreOptions {
  /** Store clock, for `RecordedEvent.created`; `new Date()` by default. */
  readonly clock?: () => Date;
  /** Fallback pause of an idle subscription (ms); appends wake it at once, so it rarely matters. */
  readonly pollIntervalMs?: number;
}

interface StreamState {
  /** Revision of the stream's last event, -1 before the first; kept after a soft delete. */
  revision: bigint;
  /** Events below this revision were soft-deleted. */
  truncateBefore: bigint;
  tombstoned: boolean;
  /** Every event of the stream, index = revision. */
  readonly events: RecordedEvent[];
}

/** Events an `any` / `stream_exists` re-append is looked for among, as on PostgreSQL. */
const DUPLICATE_WINDOW = 1000n;
const TOKEN = /^mem:(\d{20})$/;

/**
 * The event store in this process's memory: the same port and the same contract suite as the
 * PostgreSQL and EventStoreDB adapters (`in-memory-event-store.spec.ts`), for tests of command
 * handlers and process-manager steps that need no database. An append is atomic because it runs
 * without an `await` between its checks and its writes; commits are in log order, so there is
 * no out-of-order commit to wait for. Nothing survives the process.
 */
export class InMemoryEventStore implements EventStore {
  private readonly streams = new Map<string, StreamState>();
  private readonly log: RecordedEvent[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: InMemoryEventStoreOptions = {}) {}

  async appendToStream(streamId: string, events: readonly EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    assertStreamId(streamId);
    const expected = options.expectedRevision ?? 'any';
    assertExpectedRevision(expected);
    const batch = serialiseBatch(events);
    if (batch.length === 0) return this.checkExpectation(streamId, expected);

    const existing = this.streams.get(streamId);
    if (!existing && (expected === 'stream_exists' || typeof expected === 'bigint')) {
      throw new WrongExpectedVersionError(streamId, expected, 'no_stream');
    }
    if (existing?.tombstoned) throw new StreamDeletedError(streamId);
    if (existing) {
      const current = existing.revision;
      const visible = isVisible(existing);
      // Idempotent re-append: the batch's first event is already where this expectation put it.
      let duplicateAt: bigint | undefined;
      if (typeof expected === 'bigint' && expected < current) duplicateAt = expected + 1n;
      else if (expected === 'no_stream' && visible) duplicateAt = existing.truncateBefore;
      else if (expected === 'any' || expected === 'stream_exists') {
        const found = existing.events.find((e) => e.revision > current - DUPLICATE_WINDOW && e.id === batch[0].id);
        duplicateAt = found?.revision;
      }
      if (duplicateAt !== undefined) {
        const at = duplicateAt;
        if (batch.every((e, i) => existing.events[Number(at) + i]?.id === e.id)) {
          const last = existing.events[Number(at) + batch.length - 1];
          return { nextExpectedRevision: last.revision, position: last.position };
        }
        // The first event is written, but not with this batch: appending would store it twice.
        if (expected === 'any' || expected === 'stream_exists') throw new WrongExpectedVersionError(streamId, expected, current);
      }
      if (expected === 'no_stream' && visible) throw new WrongExpectedVersionError(streamId, expected, current);
      if (expected === 'stream_exists' && !visible) throw new WrongExpectedVersionError(streamId, expected, 'no_stream');
      if (typeof expected === 'bigint' && current !== expected) {
        throw new WrongExpectedVersionError(streamId, expected, current < 0n ? 'no_stream' : current);
      }
    }

    const state = existing ?? { revision: -1n, truncateBefore: 0n, tombstoned: false, events: [] };
    this.streams.set(streamId, state);
    const created = this.options.clock?.() ?? new Date();
    for (const e of batch) {
      state.revision += 1n;
      const recorded: RecordedEvent = {
        streamId,
        revision: state.revision,
        position: encode(this.log.length + 1),
        id: e.id,
        type: e.type,
        data: JSON.parse(e.data),
        metadata: JSON.parse(e.metadata),
        created: new Date(created.getTime()),
      };
      state.events.push(recorded);
      this.log.push(recorded);
    }
    this.wake();
    const last = state.events.at(-1)!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    if (options.fromRevision !== undefined) assertRevision(options.fromRevision, 'fromRevision');
    assertCount(options.maxCount, 'maxCount');
    const state = this.streams.get(streamId);
    if (state?.tombstoned) throw new StreamDeletedError(streamId);
    if (!state || !isVisible(state)) throw new StreamNotFoundError(streamId);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision;
    let events = state.events.filter((e) => e.revision >= state.truncateBefore && (from === undefined || (backwards ? e.revision <= from : e.revision >= from)));
    if (backwards) events = events.reverse();
    return events.slice(0, options.maxCount ?? events.length).map(copy);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertCount(options.maxCount, 'maxCount');
    const limit = options.maxCount ?? 1000;
    const from = options.fromPosition !== undefined ? decode(options.fromPosition) : undefined;
    if (options.direction === 'backwards') {
      const end = from === undefined ? this.log.length : Math.max(0, Math.min(from - 1, this.log.length));
      return this.log.slice(Math.max(0, end - limit), end).reverse().map(copy);
    }
    const start = Math.min(from ?? 0, this.log.length);
    return this.log.slice(start, start + limit).map(copy);
  }

  /** The same catch-up loop as PostgreSQL's, over pages of the in-memory log. */
  subscribe(options: SubscribeOptions = {}): Subscription {
    if (options.from !== undefined && options.from !== 'start' && options.from !== 'end') decode(options.from);
    assertCount(options.batchSize, 'batchSize', 1);
    assertFilter(options.filter);
    const reader: PageReader = {
      page: async (after, size, filter) => this.page(after, size, filter),
      head: () => this.headPosition(),
      waitForAppend: (ms) => this.waitForAppend(ms),
    };
    return new PostgresSubscription(reader, options, this.options.pollIntervalMs ?? 1000);
  }

  async deleteStream(streamId: string): Promise<void> {
    assertStreamId(streamId);
    const state = this.streams.get(streamId);
    if (!state) return;
    if (state.tombstoned) throw new StreamDeletedError(streamId);
    state.truncateBefore = state.revision + 1n;
  }

  async tombstoneStream(streamId: string): Promise<void> {
    assertStreamId(streamId);
    const state = this.streams.get(streamId) ?? { revision: -1n, truncateBefore: 0n, tombstoned: false, events: [] };
    state.tombstoned = true;
    this.streams.set(streamId, state);
  }

  comparePositions(a: Position, b: Position): number {
    return decode(a) - decode(b);
  }

  async headPosition(): Promise<Position | undefined> {
    return this.log.at(-1)?.position;
  }

  async eventsAfter(position: Position | undefined): Promise<number> {
    return Math.max(0, this.log.length - (position === undefined ? 0 : decode(position)));
  }

  async close(): Promise<void> {
    this.wake();
  }

  /** Same rules as PostgreSQL's empty append: only the expectation is checked. */
  private checkExpectation(streamId: string, expected: ExpectedRevision): AppendResult {
    const state = this.streams.get(streamId);
    if (state?.tombstoned) throw new StreamDeletedError(streamId);
    const revision = state?.revision ?? -1n;
    const visible = state !== undefined && isVisible(state);
    const ok = expected === 'any' || (expected === 'no_stream' ? !visible : expected === 'stream_exists' ? visible : revision === expected);
    if (!ok) {
      const actual = (typeof expected === 'bigint' || expected === 'no_stream') && revision >= 0n ? revision : 'no_stream';
      throw new WrongExpectedVersionError(streamId, expected, actual);
    }
    const head = visible ? state!.events.at(-1) : undefined;
    return { nextExpectedRevision: revision, position: head?.position ?? encode(0) };
  }

  private page(after: Position | undefined, size: number, filter: SubscriptionFilter | undefined): { events: RecordedEvent[]; scannedTo: Position | undefined; full: boolean } {
    const start = after === undefined ? 0 : decode(after);
    const events: RecordedEvent[] = [];
    let index = start;
    while (index < this.log.length && events.length < size) {
      const e = this.log[index++];
      if (matches(e, filter)) events.push(copy(e));
    }
    return { events, scannedTo: index > start ? encode(index) : after, full: index < this.log.length };
  }

  private wake(): void {
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  private waitForAppend(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }
}

function isVisible(state: StreamState): boolean {
  return state.revision >= 0n && state.revision >= state.truncateBefore;
}

function matches(e: RecordedEvent, filter: SubscriptionFilter | undefined): boolean {
  if (filter?.streamPrefixes?.length && !filter.streamPrefixes.some((p) => e.streamId.startsWith(p))) return false;
  if (filter?.eventTypes?.length && !filter.eventTypes.includes(e.type)) return false;
  return true;
}

/** A reader gets its own copy: changing it must not change the log. */
function copy(e: RecordedEvent): RecordedEvent {
  return { ...e, data: structuredClone(e.data), metadata: structuredClone(e.metadata), created: new Date(e.created.getTime()) };
}

/** Position = number of events in the log up to and including this one, as `mem:` + 20 digits. */
function encode(seq: number): Position {
  return `mem:${String(seq).padStart(20, '0')}` as Position;
}

function decode(position: Position | string): number {
  const match = typeof position === 'string' ? TOKEN.exec(position) : null;
  const seq = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(seq)) throw new InvalidEventError('POSITION_INVALID', `not an in-memory event store position: ${String(position).slice(0, 100)}`);
  return seq;
}
