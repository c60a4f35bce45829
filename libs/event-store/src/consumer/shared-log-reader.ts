import type { EventStore } from '../event-store.js';
import type { AppendSignal } from '../postgres/append-listener.js';
import { PostgresSubscription, type PageReader } from '../postgres/postgres-subscription.js';
import type { Position, RecordedEvent, SubscribeOptions, Subscription, SubscriptionFilter } from '../types.js';

export interface SharedLogReaderOptions {
  /** Events read from the log per shared read; default 500. */
  readonly pageSize?: number;
  /** Most recent events kept for the consumers that are a little behind; default 5000. */
  readonly bufferSize?: number;
  /**
   * Fallback poll of idle consumers (ms; default 5000): with a signal, appends wake them at once
   * and this only covers what no signal announces (an older append rolled back while a newer one
   * waited behind it). Without a signal it is the poll interval.
   */
  readonly fallbackPollMs?: number;
  /** Wakes idle consumers after an append (PostgreSQL: `PostgresAppendListener`). */
  readonly signal?: AppendSignal;
  /**
   * Whether events are committed after a position but not readable yet (PostgreSQL:
   * `heldBackAfter`, the read horizon behind an older transaction that may never notify). Asked
   * after a shared read that found less than a page; while it holds, the reader reads again
   * every `heldBackPollMs` (default 50).
   */
  readonly heldBack?: (after: Position | undefined) => Promise<boolean>;
  readonly heldBackPollMs?: number;
  /**
   * Least time between two shared reads (ms; default 0): a read asked for sooner waits for the
   * rest. Under load each read then brings the appends of that interval at once, and every
   * consumer commits one batch for them instead of one per append or two; an idle reader is not
   * delayed (its last read is older than this), and a full page is followed at once.
   */
  readonly minReadIntervalMs?: number;
}

/** How often the log was read: by the shared head, and by consumers catching up on their own. */
export interface LogReadCounts {
  readonly sharedReads: number;
  readonly catchUpReads: number;
}

interface Page {
  events: RecordedEvent[];
  scannedTo: Position | undefined;
  full: boolean;
}

/** Rows a filtered catch-up read scans at once. */
const CATCH_UP_WINDOW = 2000;

/**
 * One read of the log per instance. The consumers of an instance subscribe here instead of to
 * the store: the reader reads each page of the log once (`readAll`, which keeps the store's
 * commit-order guarantee) into a window of recent events, and every consumer takes its events
 * from that window with its own cursor and filter. Each consumer still keeps its own checkpoint,
 * transaction and lock (`ConsumerRunner`); nobody waits for anybody: a consumer behind the
 * window (slow, failed and restarted from its checkpoint, just started) reads the log on its own
 * until it reaches the window, then shares it again. Idle consumers wake on the append signal.
 */
export class SharedLogReader {
  private events: RecordedEvent[] = [];
  /** Exclusive start of the window (undefined: the start of the log). */
  private from: Position | undefined;
  /** Last position read by the shared head. */
  private to: Position | undefined;
  private initialised: Promise<void> | undefined;
  private advancing: Promise<void> | undefined;
  /** Whether the last shared read filled its page (more is there to read at once). */
  private lastFull = false;
  /** Signal generation when the data in the window was last read; and when (ms). */
  private readGeneration = -1;
  private readAt = 0;
  private generation = 0;
  private readonly waiters = new Set<() => void>();
  private recheck: ReturnType<typeof setTimeout> | undefined;
  private readonly stopSignal: (() => void) | undefined;
  private sharedReads = 0;
  private catchUpReads = 0;

  constructor(
    private readonly store: EventStore,
    private readonly options: SharedLogReaderOptions = {},
  ) {
    this.stopSignal = options.signal?.onAppend(() => this.signalled());
  }

  counts(): LogReadCounts {
    return { sharedReads: this.sharedReads, catchUpReads: this.catchUpReads };
  }

  /** Same messages and rules as `EventStore.subscribe`, served from the shared reads. */
  subscribe(options: SubscribeOptions = {}): Subscription {
    let seen = -1;
    const reader: PageReader = {
      page: async (after, size, filter) => {
        const { page, generation } = await this.page(after, size, filter);
        seen = generation;
        return page;
      },
      head: () => this.store.headPosition(),
      waitForAppend: (ms) => (this.generation !== seen ? Promise.resolve() : this.waitForSignal(ms)),
    };
    return new PostgresSubscription(reader, options, this.options.fallbackPollMs ?? 5000);
  }

  async close(): Promise<void> {
    if (this.recheck) clearTimeout(this.recheck);
    this.recheck = undefined;
    this.stopSignal?.();
    this.signalled();
  }

  private async page(after: Position | undefined, size: number, filter: SubscriptionFilter | undefined): Promise<{ page: Page; generation: number }> {
    await (this.initialised ??= this.initialise());
    for (;;) {
      if (this.compare(after, this.from) < 0) return this.catchUp(after, size, filter, this.to);
      if (this.compare(after, this.to) < 0) return { page: this.serve(after, size, filter), generation: this.readGeneration };
      if (this.compare(after, this.to) > 0) return this.catchUp(after, size, filter, undefined);
      const head = this.to;
      await this.advance();
      if (this.compare(this.to, head) === 0) return { page: { events: [], scannedTo: after, full: false }, generation: this.readGeneration };
    }
  }

  /** The window starts at the head of the log when the first consumer asks. */
  private async initialise(): Promise<void> {
    const generation = this.generation;
    this.from = this.to = await this.store.headPosition();
    this.readGeneration = generation;
    this.readAt = Date.now();
  }

  /** The next page of the log, read once for every consumer waiting at the head. */
  private advance(): Promise<void> {
    if (this.advancing) return this.advancing;
    const fresh = this.readGeneration === this.generation && Date.now() - this.readAt < (this.options.fallbackPollMs ?? 5000);
    if (!this.lastFull && fresh) return Promise.resolve();
    this.advancing = (async () => {
      const attesa = this.lastFull ? 0 : (this.options.minReadIntervalMs ?? 0) - (Date.now() - this.readAt);
      if (attesa > 0) await new Promise((resolve) => setTimeout(resolve, attesa));
      const generation = this.generation;
      const pageSize = this.options.pageSize ?? 500;
      const read = await this.store.readAll({ fromPosition: this.to, maxCount: pageSize });
      this.sharedReads++;
      this.readGeneration = generation;
      this.readAt = Date.now();
      this.lastFull = read.length === pageSize;
      if (read.length > 0) {
        this.events.push(...read);
        this.to = read.at(-1)!.position;
      }
      if (!this.lastFull && this.options.heldBack && !this.recheck && (await this.options.heldBack(this.to))) {
        this.recheck = setTimeout(() => {
          this.recheck = undefined;
          this.signalled();
        }, this.options.heldBackPollMs ?? 50);
      }
      if (read.length === 0) return;
      const excess = this.events.length - (this.options.bufferSize ?? 5000);
      if (excess > 0) {
        this.from = this.events[excess - 1].position;
        this.events = this.events.slice(excess);
      }
    })().finally(() => {
      this.advancing = undefined;
    });
    return this.advancing;
  }

  /** Events of the window after `after` (which is inside it). */
  private serve(after: Position | undefined, size: number, filter: SubscriptionFilter | undefined): Page {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compare(this.events[mid].position, after) <= 0) low = mid + 1;
      else high = mid;
    }
    const matched: RecordedEvent[] = [];
    for (let i = low; i < this.events.length && matched.length < size; i++) if (matches(this.events[i], filter)) matched.push(this.events[i]);
    if (matched.length === size) return { events: matched, scannedTo: matched.at(-1)!.position, full: true };
    // Scanned to the shared head: `full` so that the next page asks the head for more.
    return { events: matched, scannedTo: this.to, full: true };
  }

  /** A consumer outside the window reads the log itself, no further than `cap` (the window's end). */
  private async catchUp(after: Position | undefined, size: number, filter: SubscriptionFilter | undefined, cap: Position | undefined): Promise<{ page: Page; generation: number }> {
    const generation = this.generation;
    const window = filter ? Math.max(size, CATCH_UP_WINDOW) : size;
    let rows = await this.store.readAll({ fromPosition: after, maxCount: window });
    this.catchUpReads++;
    let capped = false;
    if (cap !== undefined) {
      const kept = rows.filter((e) => this.compare(e.position, cap) <= 0);
      capped = kept.length < rows.length;
      rows = kept;
    }
    const matched: RecordedEvent[] = [];
    for (const e of rows) {
      if (matched.length === size) break;
      if (matches(e, filter)) matched.push(e);
    }
    if (matched.length === size) return { page: { events: matched, scannedTo: matched.at(-1)!.position, full: true }, generation };
    const full = capped || rows.length === window || (cap !== undefined && this.compare(rows.at(-1)?.position ?? after, cap) === 0);
    return { page: { events: matched, scannedTo: rows.at(-1)?.position ?? after, full }, generation };
  }

  private compare(a: Position | undefined, b: Position | undefined): number {
    if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
    return this.store.comparePositions(a, b);
  }

  private signalled(): void {
    this.generation++;
    for (const wake of [...this.waiters]) wake();
  }

  private waitForSignal(ms: number): Promise<void> {
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

function matches(e: RecordedEvent, filter: SubscriptionFilter | undefined): boolean {
  if (filter?.streamPrefixes?.length && !filter.streamPrefixes.some((p) => e.streamId.startsWith(p))) return false;
  if (filter?.eventTypes?.length && !filter.eventTypes.includes(e.type)) return false;
  return true;
}
