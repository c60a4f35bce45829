import { START, type AllStreamResolvedEvent, type AllStreamSubscription, type Filter } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../errors.js';
import type { Position, RecordedEvent, SubscribeOptions, Subscription, SubscriptionMessage } from '../types.js';
import {
  decodeEsdbPosition,
  encodeEsdbPosition,
  fromResolvedEvent,
  isSystemEventType,
  toClientFilter,
  toEventStoreError,
  type EsdbFilterPlan,
  type EsdbPosition,
} from './esdb-mapping.js';

/** What the subscription needs from the store: kept narrow so tests can fake it. */
export interface EsdbSubscriptionSource {
  /** Opens `subscribeToAll`, exclusive of `from`. */
  open(from: EsdbPosition | typeof START, filter: Filter): AllStreamSubscription;
  /** Newest non-system position, read before subscribing. */
  head(): Promise<Position | undefined>;
  /** Told once when the subscription closes. */
  closed?(): void;
}

/**
 * Checkpoints and "caught up" reach the client outside its stream of events (a callback and
 * an event emitter). They are pushed INTO that stream as markers, so they keep their place
 * among the events before and after them.
 */
export class StreamMarker {
  constructor(
    readonly kind: 'checkpoint' | 'caughtUp' | 'fellBehind',
    readonly position?: EsdbPosition,
  ) {}
}

type Item = AllStreamResolvedEvent | StreamMarker;

/**
 * Catch-up subscription on `subscribeToAll`. Events are batched while more are buffered;
 * `caughtUp` comes from the server (EventStoreDB 23.10 or newer sends it) and again after
 * every live batch, like the PostgreSQL adapter. At the first `caughtUp` the checkpoint
 * moves to the head read before subscribing: the server has delivered everything up to it.
 */
export class EsdbSubscription implements Subscription {
  private closed = false;
  private ended = false;
  private failure: unknown;
  private stream: AllStreamSubscription | undefined;
  private readonly queue: Item[] = [];
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: EsdbSubscriptionSource,
    private readonly options: SubscribeOptions = {},
  ) {}

  /** Stops the subscription: unsubscribes from the server and ends the iteration. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.notify();
    this.source.closed?.();
    const stream = this.stream;
    if (!stream) return;
    await stream.unsubscribe().catch(() => undefined);
    stream.destroy();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    try {
      yield* this.run();
    } finally {
      await this.close();
    }
  }

  private async *run(): AsyncGenerator<SubscriptionMessage> {
    const size = Math.max(1, this.options.batchSize ?? 500);
    const from = this.options.from ?? 'start';
    const head = await this.source.head().catch((error: unknown) => Promise.reject(toEventStoreError(error)));
    if (this.closed) return;
    const start = from === 'start' ? undefined : from === 'end' ? head : from;
    const plan = toClientFilter(this.options.filter, {
      checkpointReached: (subscription, position) => void subscription.push(new StreamMarker('checkpoint', position)),
    });
    try {
      this.attach(this.source.open(start === undefined ? START : decodeEsdbPosition(start), plan.filter), size);
    } catch (error) {
      throw toEventStoreError(error);
    }
    const batcher = new Batcher(start, head, size, plan);
    for (;;) {
      if (this.queue.length === 0) yield* batcher.drained();
      const item = await this.next(size);
      if (item === undefined) return;
      yield* batcher.accept(item);
    }
  }

  private attach(stream: AllStreamSubscription, size: number): void {
    this.stream = stream;
    stream.on('caughtUp', () => void stream.push(new StreamMarker('caughtUp')));
    stream.on('fellBehind', () => void stream.push(new StreamMarker('fellBehind')));
    stream.on('error', (error: unknown) => {
      this.failure ??= error;
      this.notify();
    });
    stream.on('close', () => {
      this.ended = true;
      this.notify();
    });
    stream.on('data', (item: Item) => {
      this.queue.push(item);
      // Backpressure: a slow consumer pauses the gRPC stream instead of buffering the log.
      if (this.queue.length >= 2 * size + 100) stream.pause();
      this.notify();
    });
  }

  private async next(size: number): Promise<Item | undefined> {
    for (;;) {
      if (this.closed) return undefined;
      const item = this.queue.shift();
      if (item !== undefined) {
        if (this.queue.length <= size && this.stream?.isPaused()) this.stream.resume();
        return item;
      }
      if (this.failure !== undefined) throw toEventStoreError(this.failure);
      if (this.ended) throw new EventStoreUnavailableError('EventStoreDB ended the subscription');
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** Turns the ordered items of the stream into port messages; no I/O, so easy to reason about. */
class Batcher {
  private cursor: Position | undefined;
  private reported: Position | undefined;
  private pending: RecordedEvent[] = [];
  private live = false;
  private deliveredSinceCaughtUp = false;

  constructor(
    start: Position | undefined,
    private readonly head: Position | undefined,
    private readonly size: number,
    private readonly plan: EsdbFilterPlan,
  ) {
    this.cursor = start;
    this.reported = start;
  }

  accept(item: Item): SubscriptionMessage[] {
    if (item instanceof StreamMarker) return this.marker(item);
    const type = item.event?.type;
    const position = item.event?.position ? encodeEsdbPosition(item.event.position) : undefined;
    // Exclusive start, and no event twice: the server also skips these, this makes it certain.
    if (type === undefined || position === undefined || (this.cursor !== undefined && position <= this.cursor)) return [];
    this.cursor = position;
    if (isSystemEventType(type) || (this.plan.clientSideTypes && !this.plan.clientSideTypes.has(type))) return [];
    const event = fromResolvedEvent(item);
    if (event) this.pending.push(event);
    return this.pending.length >= this.size ? this.flush() : [];
  }

  /** Called when nothing more is buffered: deliver what is pending. */
  drained(): SubscriptionMessage[] {
    const out = this.flush();
    if (this.live && this.deliveredSinceCaughtUp) {
      this.deliveredSinceCaughtUp = false;
      out.push({ kind: 'caughtUp', position: this.cursor });
    }
    return out;
  }

  private marker(marker: StreamMarker): SubscriptionMessage[] {
    // Events before the marker go out first; a bare checkpoint would only be superseded.
    const out = this.pending.length > 0 ? this.flush() : [];
    if (marker.kind === 'fellBehind') this.live = false;
    if (marker.kind === 'checkpoint' && marker.position) this.advance(encodeEsdbPosition(marker.position));
    if (marker.kind === 'caughtUp') this.advance(this.head);
    out.push(...this.flush());
    if (marker.kind === 'caughtUp') {
      this.live = true;
      this.deliveredSinceCaughtUp = false;
      out.push({ kind: 'caughtUp', position: this.cursor });
    }
    return out;
  }

  private advance(position: Position | undefined): void {
    if (position !== undefined && (this.cursor === undefined || position > this.cursor)) this.cursor = position;
  }

  private flush(): SubscriptionMessage[] {
    const position = this.cursor;
    if (position === undefined || position === this.reported) return [];
    this.reported = position;
    if (this.pending.length === 0) return [{ kind: 'checkpoint', position }];
    const events = this.pending;
    this.pending = [];
    this.deliveredSinceCaughtUp = true;
    return [{ kind: 'events', events, position }];
  }
}
