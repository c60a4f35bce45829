import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { EventStoreUnavailableError, ReaderTransactionError, StreamDeletedError, StreamNotFoundError, TransactionOrderError, WrongExpectedVersionError } from '../errors.js';
import type { SqlExecutor } from '../consumer/consumer.js';
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
import { assertCount, assertExpectedRevision, assertFilter, assertRevision, assertStreamId, serialiseBatch, type SerialisedEvent } from '../validation.js';
import { comparePgPositions, decodePgPosition, encodePgPosition } from './position.js';
import { schemaSql } from './schema.js';
import { PostgresSubscription, type PageReader } from './postgres-subscription.js';

export interface PostgresEventStoreOptions {
  /** Schema holding the event store tables; `public` by default. */
  readonly schema?: string;
  /** How often an idle subscription looks for events written by other processes (ms). */
  readonly pollIntervalMs?: number;
  /** Called after every append committed by this process (metrics). */
  readonly onAppended?: (streamId: string, count: number) => void;
  /** Jitter of the pause before retrying an append that lost a deadlock, values in [0, 1); default Math.random. */
  readonly random?: () => number;
  /** What this store's NOTIFYs carry, unique among the processes on the database; a random UUID by default. */
  readonly idProcesso?: string;
}

/** Least time between two NOTIFYs of this process announcing appends (ms). */
const ANNUNCIO_OGNI_MS = 15;
/** Appends retried after a lost ordering check, deadlock or serialization conflict. */
const MAX_RETRIES = 50;
/**
 * Rows a filtered page scans at most: enough to cross a long stretch of events the subscriber
 * does not want in a few round trips (the scan stops early once a page of matches is found).
 */
const FILTER_WINDOW = 20_000;
/** Columns of a recorded event, read through alias `e`; `tx` is text because xid8 has no JS type. */
const COLUMNS = 'e.transaction_id::text AS tx, e.global_position, e.stream_id, e.stream_revision, e.event_id, e.event_type, e.data, e.metadata, e.created';
const KIND: Record<string, number> = { any: 0, no_stream: 1, stream_exists: 2 };
const IDENT = /^[a-z_][a-z0-9_]*$/;

interface EventRow {
  tx: string;
  global_position: string;
  stream_id: string;
  stream_revision: string;
  event_id: string;
  event_type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  created: Date;
}

/** The default adapter: the event store in PostgreSQL tables (see `schema.ts` for the ordering proof). */
export class PostgresEventStore implements EventStore {
  private readonly schema: string;
  /** Transaction id below which no transaction that can write this log is in progress (schema.ts). */
  private readonly horizon: string;
  private readonly waiters = new Set<() => void>();
  private readonly localListeners = new Set<() => void>();
  /** The payload of this store's NOTIFYs: its own listener, already woken by `onLocalAppend`, skips them. */
  readonly idProcesso: string;
  /** The NOTIFY of committed appends: one on its way, whether appends committed since it left, the next one's timer. */
  private annuncio: Promise<void> | undefined;
  private daAnnunciare = false;
  private annuncioProgrammato: ReturnType<typeof setTimeout> | undefined;
  /** When (ms) the last NOTIFY left. */
  private annunciatoAl = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.schema = options.schema ?? 'public';
    this.idProcesso = options.idProcesso ?? randomUUID();
    if (!IDENT.test(this.schema)) throw new RangeError(`invalid schema name ${this.schema}`);
    // A scalar subquery: evaluated once per statement, not once per row.
    this.horizon = `(SELECT ${this.schema}.es_horizon())`;
    this.letturaStream = PostgresEventStore.letturaStream(this.schema);
  }

  /**
   * What opens a transaction that will never append (a consumer's batch: read models and its
   * checkpoint): BEGIN and the declaration in one round trip. The read horizon leaves such a
   * transaction out, so it holds no other reader back; an append in it fails with
   * `ReaderTransactionError` (schema.ts explains why this is safe).
   */
  readerTransactionBegin(): string {
    return `BEGIN; SELECT ${this.schema}.es_declare_reader()`;
  }

  /** Creates or updates the tables and the append function; safe to run from several processes. */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [`es-migrate:${this.schema}`]);
      try {
        await client.query(schemaSql(this.schema));
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`es-migrate:${this.schema}`]);
      }
    } finally {
      client.release();
    }
  }

  async appendToStream(streamId: string, events: readonly EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.appendInTransaction(this.pool, streamId, events, options);
        this.options.onAppended?.(streamId, events.length);
        this.annunciaAppend();
        return result;
      } catch (error) {
        if (!(error instanceof TransactionOrderError) || attempt >= MAX_RETRIES) throw error;
        // A lost ordering check is retried at once; after a deadlock or a serialization
        // conflict the winners need a moment, and a random pause keeps the losers apart.
        if (error.reason !== 'order') await pause((this.options.random ?? Math.random)() * Math.min(2 ** attempt, 50));
      }
    }
  }

  /**
   * Appends through the caller's connection, inside the caller's transaction if one is open.
   * May throw `TransactionOrderError`: roll back and run the transaction again.
   */
  async appendInTransaction(
    executor: SqlExecutor,
    streamId: string,
    events: readonly EventData[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    assertStreamId(streamId);
    const expected = options.expectedRevision ?? 'any';
    assertExpectedRevision(expected);
    const batch = serialiseBatch(events);
    if (batch.length === 0) return this.checkExpectation(streamId, expected);
    try {
      const { rows } = await executor.query<{ next_revision: string; tx: string; pos: string }>(
        `SELECT next_revision, tx::text, pos FROM ${this.schema}.es_append($1, $2::smallint, $3::bigint, $4::jsonb)`,
        [streamId, typeof expected === 'bigint' ? 3 : KIND[expected], typeof expected === 'bigint' ? expected.toString() : null, batchJson(batch)],
      );
      const row = rows[0];
      return { nextExpectedRevision: BigInt(row.next_revision), position: encodePgPosition(row.tx, row.pos) };
    } catch (error) {
      throw this.mapError(error, streamId, expected);
    }
  }

  /**
   * Bulk load: creates many streams through the caller's connection (inside its transaction if one
   * is open) with one statement. Each stream is appended with expectation `no_stream`, so an item
   * already written with the same event ids is a no-op reported as appended; an item whose stream
   * holds another history is `false` and only it is rolled back. Same validation as
   * {@link appendInTransaction}; any other failure rejects the whole call.
   */
  async appendNewStreamsInTransaction(executor: SqlExecutor, items: ReadonlyArray<{ readonly streamId: string; readonly events: readonly EventData[] }>): Promise<boolean[]> {
    if (items.length === 0) return [];
    const json = items.map(({ streamId, events }) => {
      assertStreamId(streamId);
      const batch = serialiseBatch(events);
      if (batch.length === 0) throw new TypeError(`stream ${streamId}: a new stream needs at least one event`);
      return `{"s":${JSON.stringify(streamId)},"e":${batchJson(batch)}}`;
    });
    try {
      const { rows } = await executor.query<{ item: number; ok: boolean }>(`SELECT item, ok FROM ${this.schema}.es_append_new_streams($1::jsonb)`, [`[${json.join(',')}]`]);
      const esiti = new Array<boolean>(items.length).fill(false);
      for (const row of rows) esiti[row.item] = row.ok;
      return esiti;
    } catch (error) {
      throw this.mapError(error, items[0].streamId, 'no_stream');
    }
  }

  /**
   * Which of `streamIds` already exist (written at least once, deleted or not), read through the
   * caller's connection: with {@link appendNewStreamsInTransaction} in the same transaction, tells
   * a bulk load which of its items were already there (the idempotent no-ops) and which it created.
   */
  async existingStreams(executor: SqlExecutor, streamIds: readonly string[]): Promise<Set<string>> {
    if (streamIds.length === 0) return new Set();
    const { rows } = await executor.query<{ stream_id: string }>(`SELECT stream_id FROM ${this.schema}.es_streams WHERE stream_id = ANY($1::text[])`, [streamIds]);
    return new Set(rows.map((r) => r.stream_id));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    if (options.fromRevision !== undefined) assertRevision(options.fromRevision, 'fromRevision');
    assertCount(options.maxCount, 'maxCount');
    const backwards = options.direction === 'backwards';
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const from = options.fromRevision ?? (backwards ? null : 0n);
    const { rows } = await this.query<EventRow & { s_tombstoned: boolean; s_visible: boolean }>(
      this.letturaStream[backwards ? 1 : 0],
      [streamId, from === null ? null : from.toString(), Math.min(limit, 2 ** 31 - 1)],
    );
    if (rows[0]?.s_tombstoned) throw new StreamDeletedError(streamId);
    if (!rows[0]?.s_visible) throw new StreamNotFoundError(streamId);
    return rows.filter((row) => row.event_id !== null).map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertCount(options.maxCount, 'maxCount');
    const backwards = options.direction === 'backwards';
    const limit = Math.min(options.maxCount ?? 1000, 2 ** 31 - 1);
    const from = options.fromPosition !== undefined ? decodePgPosition(options.fromPosition) : undefined;
    const cursor = from ? `AND (e.transaction_id, e.global_position) ${backwards ? '<' : '>'} ($1::text::xid8, $2::bigint)` : 'AND $1::text IS NULL AND $2::bigint IS NULL';
    const { rows } = await this.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.schema}.es_events e
        WHERE e.transaction_id < ${this.horizon} ${cursor}
        ORDER BY e.transaction_id ${backwards ? 'DESC' : 'ASC'}, e.global_position ${backwards ? 'DESC' : 'ASC'}
        LIMIT $3`,
      [from?.tx.toString() ?? null, from?.seq.toString() ?? null, limit],
    );
    return rows.map(toRecorded);
  }

  /** Refuses a bad start position, batch size or filter at once (`InvalidEventError`). */
  subscribe(options: SubscribeOptions = {}): Subscription {
    if (options.from !== undefined && options.from !== 'start' && options.from !== 'end') decodePgPosition(options.from);
    assertCount(options.batchSize, 'batchSize', 1);
    assertFilter(options.filter);
    const reader: PageReader = {
      page: (after, size, filter) => this.readPage(after, size, filter),
      head: () => this.headPosition(),
      waitForAppend: (ms) => this.waitForAppend(ms),
    };
    return new PostgresSubscription(reader, options, this.options.pollIntervalMs ?? 100);
  }

  async deleteStream(streamId: string): Promise<void> {
    assertStreamId(streamId);
    const { rows } = await this.query<{ tombstoned: boolean }>(
      `UPDATE ${this.schema}.es_streams SET truncate_before = CASE WHEN tombstoned THEN truncate_before ELSE revision + 1 END
        WHERE stream_id = $1 RETURNING tombstoned`,
      [streamId],
    );
    if (rows[0]?.tombstoned) throw new StreamDeletedError(streamId);
  }

  async tombstoneStream(streamId: string): Promise<void> {
    assertStreamId(streamId);
    await this.query(
      `INSERT INTO ${this.schema}.es_streams (stream_id, revision, tombstoned, last_tx) VALUES ($1, -1, true, '0'::xid8)
       ON CONFLICT (stream_id) DO UPDATE SET tombstoned = true`,
      [streamId],
    );
  }

  comparePositions(a: Position, b: Position): number {
    return comparePgPositions(a, b);
  }

  async headPosition(): Promise<Position | undefined> {
    const { rows } = await this.query<{ tx: string; pos: string }>(
      `SELECT e.transaction_id::text AS tx, e.global_position AS pos FROM ${this.schema}.es_events e
        WHERE e.transaction_id < ${this.horizon} ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
    );
    return rows[0] ? encodePgPosition(rows[0].tx, rows[0].pos) : undefined;
  }

  /**
   * Whether an event is committed after `position` that reads do not return yet: the read
   * horizon holds it back behind an older transaction still in progress, whose commit may send
   * no notification (it need not append). A reader woken by NOTIFY asks this after a read that
   * found less than a page, and reads again shortly while it holds.
   */
  async heldBackAfter(position: Position | undefined): Promise<boolean> {
    const from = position ? decodePgPosition(position) : { tx: 0n, seq: 0n };
    // The first event after the position in the key's order (an index probe), not EXISTS: inside
    // EXISTS the planner drops the order and, when it expects many rows after the position (a
    // table not analysed yet), scans the whole table to find that there are none.
    const { rows } = await this.query<{ held: boolean }>(
      `SELECT true AS held FROM ${this.schema}.es_events e WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
        ORDER BY e.transaction_id, e.global_position LIMIT 1`,
      [from.tx.toString(), from.seq.toString()],
    );
    return rows.length > 0;
  }

  async eventsAfter(position: Position | undefined): Promise<number> {
    const { rows } = await this.query<{ last: string | null }>(
      `SELECT (SELECT last_value FROM ${this.schema}.es_events_global_position_seq WHERE is_called) AS last`,
    );
    const last = BigInt(rows[0]?.last ?? 0);
    const seen = position ? decodePgPosition(position).seq : 0n;
    return Number(last > seen ? last - seen : 0n);
  }

  async close(): Promise<void> {
    this.wake();
    // The appends committed so far are announced before the pool may close.
    while (this.annuncio || this.annuncioProgrammato) {
      if (this.annuncioProgrammato && !this.annuncio) {
        clearTimeout(this.annuncioProgrammato);
        this.annuncioProgrammato = undefined;
        this.inviaAnnuncio();
      }
      await this.annuncio;
    }
  }

  /** The current revision of each of `streamIds` that has events, in one statement (waits on a stream: the service's OsservatoreStream). */
  async revisioni(streamIds: readonly string[]): Promise<Map<string, bigint>> {
    const { rows } = await this.query<{ stream_id: string; revision: string }>(
      `SELECT stream_id, revision::text AS revision FROM ${this.schema}.es_streams WHERE stream_id = ANY($1::text[]) AND revision >= 0`,
      [streamIds],
    );
    return new Map(rows.map((r) => [r.stream_id, BigInt(r.revision)]));
  }

  /** Calls `listener` after each append of this process commits (`PostgresAppendListener`'s `locale`); returns the function that stops it. */
  onLocalAppend(listener: () => void): () => void {
    this.localListeners.add(listener);
    return () => this.localListeners.delete(listener);
  }

  /**
   * Tells the readers that appends were committed: this store's own subscriptions and
   * `onLocalAppend` listeners at once, those of every instance (LISTEN es_appended_<schema>,
   * `PostgresAppendListener`) by `pg_notify` in a statement of its own, after the commit, never
   * inside the appending transaction. PostgreSQL serialises the commits of transactions that
   * notify (a lock held through the commit's WAL flush), which made concurrent appends commit one
   * at a time. One NOTIFY every `ANNUNCIO_OGNI_MS` at most: appends committed meanwhile share the
   * next (an append after a quiet spell is announced at once). A notification lost (database
   * unreachable, process stopped) leaves the other instances' readers to their fallback poll.
   * `appendToStream` calls it; a caller that appends in its own transaction calls it after COMMIT.
   */
  annunciaAppend(): void {
    this.wake();
    for (const listener of [...this.localListeners]) listener();
    this.programmaNotify();
  }

  private programmaNotify(): void {
    if (this.annuncio) {
      this.daAnnunciare = true;
      return;
    }
    if (this.annuncioProgrammato) return;
    const attesa = this.annunciatoAl + ANNUNCIO_OGNI_MS - Date.now();
    if (attesa <= 0) return this.inviaAnnuncio();
    this.annuncioProgrammato = setTimeout(() => {
      this.annuncioProgrammato = undefined;
      this.inviaAnnuncio();
    }, attesa);
  }

  private inviaAnnuncio(): void {
    this.daAnnunciare = false;
    this.annunciatoAl = Date.now();
    this.annuncio = this.pool
      .query('SELECT pg_notify($1, $2)', [`es_appended_${this.schema}`, this.idProcesso])
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.annuncio = undefined;
        if (this.daAnnunciare) this.programmaNotify();
      });
  }

  /**
   * One page of the global log after `after`, below the horizon. With a filter, it scans up to
   * `FILTER_WINDOW` events (or `size`, if larger) and returns the first `size` matching ones;
   * `scannedTo` is the last match of a full page, else the end of the scanned window, so that a
   * subscriber crosses a long stretch of events it does not want in a few round trips.
   */
  private async readPage(
    after: Position | undefined,
    size: number,
    filter: SubscribeOptions['filter'],
  ): Promise<{ events: RecordedEvent[]; scannedTo: Position | undefined; full: boolean }> {
    const from = after ? decodePgPosition(after) : { tx: 0n, seq: 0n };
    const prefixes = filter?.streamPrefixes?.length ? filter.streamPrefixes.map((p) => `${escapeLike(p)}%`) : null;
    const types = filter?.eventTypes?.length ? [...filter.eventTypes] : null;
    if (!prefixes && !types) {
      const { rows } = await this.query<EventRow>(
        `SELECT ${COLUMNS} FROM ${this.schema}.es_events e
          WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint) AND e.transaction_id < ${this.horizon}
          ORDER BY e.transaction_id, e.global_position LIMIT $3`,
        [from.tx.toString(), from.seq.toString(), size],
      );
      const events = rows.map(toRecorded);
      return { events, scannedTo: events.at(-1)?.position, full: rows.length === size };
    }
    const window = Math.max(size, FILTER_WINDOW);
    const { rows } = await this.query<EventRow & { upper_tx: string | null; upper_pos: string | null; window_full: boolean | null }>(
      // m: the first `size` matches among the window's rows, read in log order (the scan stops
      // at the last match needed). u: only when the matches do not fill the page, where the
      // window ends, from the primary key alone: its last row if the log goes that far (more may
      // follow: `full`), else the last row below the horizon. The matching events are then
      // fetched by primary key. One horizon for all (h): they must see the same window.
      `WITH h AS MATERIALIZED (SELECT ${this.schema}.es_horizon() AS h),
       m AS MATERIALIZED (
         SELECT w.transaction_id, w.global_position FROM (
           SELECT e.transaction_id, e.global_position, e.stream_id, e.event_type FROM ${this.schema}.es_events e
            WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint) AND e.transaction_id < (SELECT h FROM h)
            ORDER BY e.transaction_id, e.global_position LIMIT $6
         ) w
         WHERE ($4::text[] IS NULL OR w.stream_id LIKE ANY ($4::text[]))
           AND ($5::text[] IS NULL OR w.event_type = ANY ($5::text[]))
         ORDER BY w.transaction_id, w.global_position LIMIT $3
       ), u AS (
         SELECT x.transaction_id, x.global_position, x.full FROM (
           (SELECT e.transaction_id, e.global_position, true AS full FROM ${this.schema}.es_events e
             WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint) AND e.transaction_id < (SELECT h FROM h)
             ORDER BY e.transaction_id, e.global_position OFFSET $6 - 1 LIMIT 1)
           UNION ALL
           (SELECT e.transaction_id, e.global_position, false FROM ${this.schema}.es_events e
             WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint) AND e.transaction_id < (SELECT h FROM h)
             ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1)
         ) x
         WHERE (SELECT count(*) FROM m) < $3
         LIMIT 1
       )
       SELECT u.transaction_id::text AS upper_tx, u.global_position AS upper_pos, u.full AS window_full, e.*
         FROM (SELECT 1) AS one
         LEFT JOIN u ON true
         LEFT JOIN LATERAL (
           SELECT ${COLUMNS} FROM m JOIN ${this.schema}.es_events e
             ON e.transaction_id = m.transaction_id AND e.global_position = m.global_position
         ) e ON true
        ORDER BY e.tx::xid8, e.global_position`,
      [from.tx.toString(), from.seq.toString(), size, prefixes, types, window],
    );
    const events = rows.filter((row) => row.event_id !== null).map(toRecorded);
    if (events.length === size) return { events, scannedTo: events.at(-1)!.position, full: true };
    const first = rows[0];
    if (first?.upper_tx == null || first.upper_pos == null) return { events, scannedTo: undefined, full: false };
    return { events, scannedTo: encodePgPosition(first.upper_tx, first.upper_pos), full: first.window_full === true };
  }

  /**
   * An empty batch writes nothing and only checks the expectation, with the rules of
   * `es_append` (a soft-deleted stream keeps its revision for exact expectations).
   */
  private async checkExpectation(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const { rows } = await this.query<{ revision: string; truncate_before: string; tombstoned: boolean }>(
      `SELECT revision, truncate_before, tombstoned FROM ${this.schema}.es_streams WHERE stream_id = $1`,
      [streamId],
    );
    const row = rows[0];
    if (row?.tombstoned) throw new StreamDeletedError(streamId);
    const revision = row ? BigInt(row.revision) : -1n;
    const visible = row !== undefined && revision >= BigInt(row.truncate_before) && revision >= 0n;
    const ok = expected === 'any' || (expected === 'no_stream' ? !visible : expected === 'stream_exists' ? visible : revision === expected);
    if (!ok) {
      const actual = (typeof expected === 'bigint' || expected === 'no_stream') && revision >= 0n ? revision : 'no_stream';
      throw new WrongExpectedVersionError(streamId, expected, actual);
    }
    const head = visible ? (await this.readStream(streamId, { direction: 'backwards', maxCount: 1 }))[0] : undefined;
    return { nextExpectedRevision: revision, position: head?.position ?? encodePgPosition(0n, 0n) };
  }

  /**
   * The read of one stream, forwards and backwards, as named (prepared) statements: every command
   * and detail read sends one, and PostgreSQL spent more time planning it (~0.15–0.25 ms) than
   * running it (~0.07 ms on an appalto's stream). Prepared once per connection, its generic plan
   * is the one a custom plan picks for any stream: the (stream_id, stream_revision) index in order.
   */
  private readonly letturaStream: ReadonlyArray<{ name: string; text: string }>;

  private static letturaStream(schema: string): Array<{ name: string; text: string }> {
    return (['ASC', 'DESC'] as const).map((verso) => {
      const text = `SELECT s.tombstoned AS s_tombstoned, (s.revision >= 0 AND s.revision >= s.truncate_before) AS s_visible, e.*
         FROM ${schema}.es_streams s
         LEFT JOIN LATERAL (
           SELECT ${COLUMNS} FROM ${schema}.es_events e
            WHERE e.stream_id = s.stream_id AND e.stream_revision >= s.truncate_before
              AND ($2::bigint IS NULL OR e.stream_revision ${verso === 'DESC' ? '<=' : '>='} $2::bigint)
            ORDER BY e.stream_revision ${verso}
            LIMIT $3
         ) e ON true
        WHERE s.stream_id = $1`;
      // Named by its text: stores of other schemas on the same connections prepare their own.
      return { name: `es_read_stream_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text };
    });
  }

  private async query<R extends pg.QueryResultRow>(text: string | { name: string; text: string }, params?: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, params);
    } catch (error) {
      throw this.mapError(error, '', 'any');
    }
  }

  private mapError(error: unknown, streamId: string, expected: ExpectedRevision): Error {
    const e = error as { code?: string; detail?: string; message?: string };
    switch (e.code) {
      case 'ES001':
        return new WrongExpectedVersionError(streamId, expected, e.detail === 'no_stream' ? 'no_stream' : BigInt(e.detail ?? '-1'));
      case 'ES002':
        return new StreamDeletedError(e.detail ?? streamId);
      case 'ES003':
        return new TransactionOrderError(streamId);
      case 'ES004':
        return new ReaderTransactionError(streamId);
      case '40P01':
        return new TransactionOrderError(streamId, 'deadlock');
      case '40001':
        return new TransactionOrderError(streamId, 'serialization');
      default:
        if (isConnectionError(e)) return new EventStoreUnavailableError(`event store unavailable: ${e.message ?? e.code}`, error);
        return error as Error;
    }
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

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function batchJson(batch: readonly SerialisedEvent[]): string {
  return `[${batch.map((e) => `{"id":"${e.id}","type":${JSON.stringify(e.type)},"data":${e.data},"metadata":${e.metadata}}`).join(',')}]`;
}

function escapeLike(prefix: string): string {
  return prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: BigInt(row.stream_revision),
    position: encodePgPosition(row.tx, row.global_position),
    id: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    created: row.created,
  };
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

function isConnectionError(e: { code?: string; message?: string }): boolean {
  return (e.code !== undefined && CONNECTION_CODES.has(e.code)) || /Connection terminated|connect ECONNREFUSED|timeout exceeded/i.test(e.message ?? '');
}
