import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../errors.js';
import type { EventStore } from '../event-store.js';
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
} from '../types.js';
import { assertAppendSize, assertCount, assertExpectedRevision, assertFilter, assertRevision, assertStreamId, serialiseBatch } from '../validation.js';
import { countEventsAfter, readAllEvents } from './esdb-all-log.js';
import {
  clientAppendSize,
  compareEsdbPositions,
  decodeEsdbPosition,
  encodeEsdbPosition,
  fromResolvedEvent,
  isSystemEventType,
  toClientEvent,
  toClientExpectedRevision,
  toEventStoreError,
} from './esdb-mapping.js';
import { EsdbSubscription } from './esdb-subscription.js';

export interface EsdbEventStoreOptions {
  /** Largest value `eventsAfter` counts up to. Default 1000. */
  readonly lagCountCap?: number;
  /** Called after every successful append (metrics). */
  readonly onAppended?: (streamId: string, count: number) => void;
}

/**
 * The event store on EventStoreDB (23.10 or newer) through `@eventstore/db-client`.
 * Revisions, expectations, idempotent re-appends, soft delete and tombstones are the
 * server's own; the adapter validates input like every adapter, hides system events
 * (types starting with `$`) from every read and maps positions and errors (see
 * `esdb-mapping.ts`). Where the server answers otherwise than the port says, the adapter
 * translates: soft-deleting a stream that was never written (the server: WrongExpectedVersion)
 * is a no-op, and `stream_exists` on a soft-deleted stream (the server: StreamDeleted) is
 * WrongExpectedVersion with actual `no_stream`.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly ownsClient: boolean;
  private readonly subscriptions = new Set<Subscription>();

  /**
   * @param connection a connection string (`esdb://localhost:2113?tls=false`), whose client
   *   `close` disposes, or a client owned (and disposed) by the caller.
   */
  constructor(
    connection: string | EventStoreDBClient,
    private readonly options: EsdbEventStoreOptions = {},
  ) {
    this.ownsClient = typeof connection === 'string';
    this.client = typeof connection === 'string' ? EventStoreDBClient.connectionString(connection) : connection;
  }

  /**
   * Appends natively: expectations and idempotent re-appends are the server's. The returned
   * position is read back from the last event written (one extra read), so that it is that
   * event's own position, the same for an idempotent re-append, and comparable with what
   * subscriptions deliver. The server's own append result position is only a fallback: it
   * locates the write, not necessarily its last event.
   */
  async appendToStream(streamId: string, events: readonly EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    assertStreamId(streamId);
    const expected = options.expectedRevision ?? 'any';
    assertExpectedRevision(expected);
    const batch = serialiseBatch(events);
    if (batch.length === 0) return this.checkExpectation(streamId, expected);
    // The server's limit applies to the whole append with the metadata added here.
    assertAppendSize(clientAppendSize(batch), batch.length);
    try {
      const result = await this.client.appendToStream(streamId, batch.map(toClientEvent), {
        expectedRevision: toClientExpectedRevision(expected),
      });
      const written = await this.eventAt(streamId, result.nextExpectedRevision);
      const position = written?.position ?? (result.position ? encodeEsdbPosition(result.position) : undefined);
      if (position === undefined) throw new Error(`EventStoreDB returned no position for the append to ${streamId}`);
      this.options.onAppended?.(streamId, batch.length);
      return { nextExpectedRevision: result.nextExpectedRevision, position };
    } catch (error) {
      const mapped = toEventStoreError(error, { streamId, expected });
      if (mapped instanceof StreamDeletedError && expected === 'stream_exists') throw await this.streamExistsFailure(streamId, mapped);
      throw mapped;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    if (options.fromRevision !== undefined) assertRevision(options.fromRevision, 'fromRevision');
    assertCount(options.maxCount, 'maxCount');
    const backwards = options.direction === 'backwards';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const out: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        // At least one, so that a missing stream is still reported with maxCount 0.
        maxCount: Math.max(1, maxCount),
      });
      for await (const resolved of read) {
        // System events are hidden here too, as readAll and subscriptions hide them.
        if (resolved.event && isSystemEventType(resolved.event.type)) continue;
        const event = fromResolvedEvent(resolved);
        if (event) out.push(event);
      }
    } catch (error) {
      throw toEventStoreError(error, { streamId });
    }
    return maxCount > 0 ? out : [];
  }

  /** Reads `$all` without system events; `fromPosition` is exclusive in both directions. */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertCount(options.maxCount, 'maxCount');
    return readAllEvents(this.client, options);
  }

  /** Refuses a bad start position, batch size or filter at once (`InvalidEventError`). */
  subscribe(options: SubscribeOptions = {}): Subscription {
    if (options.from !== undefined && options.from !== 'start' && options.from !== 'end') decodeEsdbPosition(options.from);
    assertCount(options.batchSize, 'batchSize', 1);
    assertFilter(options.filter);
    const subscription: Subscription = new EsdbSubscription(
      {
        open: (fromPosition, filter) => this.client.subscribeToAll({ fromPosition, filter }),
        head: () => this.headPosition(),
        closed: () => this.subscriptions.delete(subscription),
      },
      options,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Soft delete (EventStoreDB's own: a later append continues the revisions). The server
   * answers WrongExpectedVersion for a stream that was never written, even with the `any`
   * expectation used here: that stream is already as deleted as it can be, so it is a no-op.
   */
  async deleteStream(streamId: string): Promise<void> {
    assertStreamId(streamId);
    try {
      await this.client.deleteStream(streamId);
    } catch (error) {
      const mapped = toEventStoreError(error, { streamId, expected: 'any' });
      if (!(mapped instanceof StreamNotFoundError || mapped instanceof WrongExpectedVersionError)) throw mapped;
    }
  }

  /** Tombstone; tombstoning again is a no-op, as with the PostgreSQL adapter. */
  async tombstoneStream(streamId: string): Promise<void> {
    assertStreamId(streamId);
    try {
      await this.client.tombstoneStream(streamId);
    } catch (error) {
      const mapped = toEventStoreError(error, { streamId });
      if (!(mapped instanceof StreamDeletedError)) throw mapped;
    }
  }

  comparePositions(a: Position, b: Position): number {
    return compareEsdbPositions(a, b);
  }

  async headPosition(): Promise<Position | undefined> {
    return (await this.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.position;
  }

  /**
   * Estimate for lag metrics. Commit positions count bytes, not events, so the events after
   * `position` are counted by reading forwards, up to `lagCountCap`: the result is exact
   * below the cap and means "at least the cap" at it.
   */
  async eventsAfter(position: Position | undefined): Promise<number> {
    return countEventsAfter(this.client, position, this.options.lagCountCap ?? 1000);
  }

  /** Closes the open subscriptions, and disposes the client when the store created it. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    if (this.ownsClient) await this.client.dispose();
  }

  /**
   * The server answers StreamDeleted to `stream_exists` on a tombstoned stream and also on a
   * soft-deleted one: only the first is the port's StreamDeletedError; for the second the
   * stream does not exist (it reads as not found), so the expectation fails like on a missing
   * stream.
   */
  private async streamExistsFailure(streamId: string, deleted: StreamDeletedError): Promise<Error> {
    try {
      const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      return new WrongExpectedVersionError(streamId, 'stream_exists', last?.revision ?? 'no_stream');
    } catch (error) {
      if (error instanceof StreamNotFoundError) return new WrongExpectedVersionError(streamId, 'stream_exists', 'no_stream');
      return error instanceof StreamDeletedError ? deleted : (error as Error);
    }
  }

  /** The event at `revision`, or undefined when it cannot be read. */
  private async eventAt(streamId: string, revision: bigint): Promise<RecordedEvent | undefined> {
    try {
      return (await this.readStream(streamId, { fromRevision: revision, maxCount: 1 }))[0];
    } catch {
      // The append is committed: a failed read-back (stream deleted meanwhile, connection
      // lost) must not report it as failed, so the append result's position is used.
      return undefined;
    }
  }

  /** An empty batch writes nothing: only the expectation is checked, as PostgreSQL does. */
  private async checkExpectation(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    let last: RecordedEvent | undefined;
    try {
      [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    const actual = last?.revision ?? 'no_stream';
    const ok = expected === 'any' || (expected === 'no_stream' ? !last : expected === 'stream_exists' ? !!last : actual === expected);
    if (!ok) throw new WrongExpectedVersionError(streamId, expected, actual);
    return { nextExpectedRevision: last?.revision ?? -1n, position: last?.position ?? encodeEsdbPosition({ commit: 0n, prepare: 0n }) };
  }
}
