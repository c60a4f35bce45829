import type pg from 'pg';
import { transazioneSu } from '#platform';
import type { EventStore } from '../event-store.js';
import type { Position, RecordedEvent, SubscribeOptions, Subscription } from '../types.js';
import type { CheckpointStore } from './checkpoint-store.js';
import type { Consumer, ConsumerStatus, SqlExecutor } from './consumer.js';

/** The timers a runner waits with (retry and standby); tests pass fakes that record the waits. */
export interface RunnerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemTimers: RunnerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ConsumerRunnerOptions {
  /**
   * Retry delay after a failure (ms); doubles with each failure in a row up to 30 s, and is
   * back to this value as soon as the consumer makes progress again (a batch committed, or
   * the head reached).
   */
  readonly retryDelayMs?: number;
  /** How often a standby runner tries to become the active one (ms). */
  readonly standbyPollMs?: number;
  readonly onError?: (consumer: string, error: unknown) => void;
  readonly onBatch?: (consumer: string, events: readonly RecordedEvent[], position: Position) => void;
  /**
   * A filtered consumer moves over events it does not want: that progress is saved at most this
   * often (ms; default 1000), not in a transaction per append. Losing it in a crash only means
   * scanning those events again, and they hold nothing for this consumer.
   */
  readonly idleCheckpointMs?: number;
  /** Timers of the retry and standby waits; the system's by default. */
  readonly timers?: RunnerTimers;
  /**
   * Where the consumer reads the log: the instance's `SharedLogReader`, so that its consumers
   * share one read per page; the store itself by default.
   */
  readonly source?: { subscribe(options: SubscribeOptions): Subscription };
  /**
   * What opens each batch's transaction; `BEGIN` by default. On PostgreSQL,
   * `PostgresEventStore.readerTransactionBegin()` declares the batch a reader of the log, so that
   * it does not hold back the read horizon of the other consumers while it runs (a consumer that
   * appends inside its batch's transaction must keep the default).
   */
  readonly begin?: string;
  /**
   * After a batch, the next is taken at least this long (ms) later, so that the events appended
   * meanwhile come in one transaction instead of one each (default 0). Not for a consumer marked
   * `immediate`; and cut short as soon as someone waits for a position (`waitFor`,
   * read-your-writes), so that no request waits for it.
   */
  readonly batchWindowMs?: number;
}

const MAX_RETRY_DELAY_MS = 30_000;

/**
 * A batch whose last event was committed within this time (ms; the store's clock against this
 * process's, which a little skew only makes group differently) finds the consumer keeping up.
 */
const IN_PARI_MS = 2_000;

/** Advisory lock namespace of consumer runners (two-key form: this, hashtext(name)). */
const LOCK_CLASS = 0x4349;

/**
 * Runs one consumer: at most one active runner per consumer name across processes
 * (PostgreSQL advisory lock), checkpoint saved in the batch's transaction, restart from the
 * last committed checkpoint after any failure.
 */
export class ConsumerRunner {
  private running = false;
  private active = false;
  private caughtUp = false;
  private position: Position | undefined;
  /** The checkpoint as stored: `position` may be ahead of it over events the consumer does not want. */
  private persisted: Position | undefined;
  private persistedAt = 0;
  private lastError: string | undefined;
  private subscription: Subscription | undefined;
  private lockClient: pg.PoolClient | undefined;
  /**
   * Keeps a connection lost while the lock is held from stopping the process with an
   * unhandled 'error'. Removed when the client goes back to the pool: the pool reuses it.
   */
  private readonly ignoreLockClientError = (): void => undefined;
  private retryDelay: number;
  private readonly timers: RunnerTimers;
  private loop: Promise<void> | undefined;
  private readonly waiters = new Set<() => void>();
  private wakeStandby: (() => void) | undefined;
  /** Ends the wait of the batch window early (someone waits for a position). */
  private wakeWindow: (() => void) | undefined;
  /** What opens each batch's transaction: the option's, and the consumer's commit mode. */
  private readonly begin: string;

  constructor(
    private readonly store: EventStore,
    private readonly pool: pg.Pool,
    private readonly checkpoints: CheckpointStore,
    readonly consumer: Consumer,
    private readonly options: ConsumerRunnerOptions = {},
  ) {
    this.retryDelay = this.baseRetryDelay();
    this.timers = options.timers ?? systemTimers;
    const begin = options.begin ?? 'BEGIN';
    this.begin = consumer.asyncCommit ? `${begin}; SET LOCAL synchronous_commit = off` : begin;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeStandby?.();
    this.wakeWindow?.();
    await this.subscription?.close();
    await this.loop;
    this.wakeWaiters();
  }

  status(): ConsumerStatus {
    return {
      name: this.consumer.name,
      running: this.running,
      active: this.active,
      caughtUp: this.caughtUp,
      position: this.position,
      lastError: this.lastError,
    };
  }

  /** Resolves true once the consumer has processed `position` (read-your-writes), false on timeout. */
  async waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.reached(position)) {
      const left = deadline - Date.now();
      if (left <= 0 || !this.running) return this.reached(position);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 250));
        const waiters = this.waiters;
        function done(): void {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        this.waiters.add(done);
        // A batch held back by the window goes now: a request is waiting for it.
        this.wakeWindow?.();
      });
    }
    return true;
  }

  private reached(position: Position): boolean {
    return this.position !== undefined && this.store.comparePositions(this.position, position) >= 0;
  }

  private baseRetryDelay(): number {
    return this.options.retryDelayMs ?? 500;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!(await this.becomeActive())) {
          await this.sleep(this.options.standbyPollMs ?? 2000);
          continue;
        }
        await this.consume();
        this.retryDelay = this.baseRetryDelay();
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.caughtUp = false;
        this.options.onError?.(this.consumer.name, error);
        await this.releaseLock();
        await this.sleep(this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_DELAY_MS);
      }
    }
    await this.releaseLock();
  }

  private async consume(): Promise<void> {
    this.position = this.persisted = await this.checkpoints.load(this.consumer.name);
    this.persistedAt = Date.now();
    this.wakeWaiters();
    this.subscription = (this.options.source ?? this.store).subscribe({
      from: this.position ?? 'start',
      filter: this.consumer.filter,
      batchSize: this.consumer.batchSize,
    });
    for await (const message of this.subscription) {
      if (!this.running) break;
      if (message.kind === 'caughtUp') {
        this.caughtUp = true;
        this.lastError = undefined;
        this.retryDelay = this.baseRetryDelay();
        continue;
      }
      const events = message.kind === 'events' ? message.events : [];
      if (events.length === 0 && Date.now() - this.persistedAt < (this.options.idleCheckpointMs ?? 1000)) {
        this.position = message.position;
        this.wakeWaiters();
        continue;
      }
      await this.commit(events, message.position);
      if (events.length > 0) {
        this.caughtUp = false;
        this.options.onBatch?.(this.consumer.name, events, message.position);
        await this.consumer.afterCommit?.(events);
        await this.batchWindow(events);
      }
    }
  }

  /**
   * The wait after a batch (`batchWindowMs`), only while the consumer keeps up with the log: none
   * after a full batch or one of events older than `IN_PARI_MS` (catching up after a stop, a
   * failure, a rebuild), none for an immediate consumer, and cut short by a `waitFor`.
   */
  private async batchWindow(events: readonly RecordedEvent[]): Promise<void> {
    const ms = this.consumer.immediate ? 0 : this.options.batchWindowMs ?? 0;
    if (ms <= 0 || this.waiters.size > 0 || !this.running) return;
    if (events.length >= (this.consumer.batchSize ?? 500) || Date.now() - events.at(-1)!.created.getTime() > IN_PARI_MS) return;
    await new Promise<void>((resolve) => {
      const timer = this.timers.setTimeout(done, ms);
      const self = this;
      function done(): void {
        self.timers.clearTimeout(timer);
        self.wakeWindow = undefined;
        resolve();
      }
      this.wakeWindow = done;
    });
  }

  /**
   * One batch and its checkpoint in one transaction, on the connection that holds the consumer's
   * lock: the batch never waits for a connection of the pool behind the requests, and it commits
   * only while the lock is held (a lost connection loses both, and the batch is retried from the
   * checkpoint by whichever runner takes the lock next).
   */
  private async commit(events: readonly RecordedEvent[], next: Position): Promise<void> {
    const client = this.lockClient;
    if (!client) throw new Error(`consumer ${this.consumer.name}: lock lost before its batch`);
    // The checkpoint's move and the COMMIT go in one round trip (`moveAndCommit`).
    try {
      await transazioneSu(
        client,
        async (c) => {
          if (events.length > 0) await this.consumer.handle(events, c as SqlExecutor);
        },
        this.begin,
        this.checkpoints.moveAndCommit(this.consumer.name, this.persisted, next),
      );
    } catch (error) {
      throw this.checkpoints.conflict(error, this.consumer.name);
    }
    this.position = this.persisted = next;
    this.persistedAt = Date.now();
    // Progress: the next failure is a new one, retried after the base delay.
    this.retryDelay = this.baseRetryDelay();
    this.wakeWaiters();
  }

  private async becomeActive(): Promise<boolean> {
    if (this.lockClient) return true;
    const client = await this.pool.connect();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [
      LOCK_CLASS,
      this.consumer.name,
    ]);
    if (!rows[0].locked) {
      client.release();
      return false;
    }
    client.on('error', this.ignoreLockClientError);
    this.lockClient = client;
    this.active = true;
    return true;
  }

  private async releaseLock(): Promise<void> {
    const client = this.lockClient;
    this.lockClient = undefined;
    this.active = false;
    if (!client) return;
    try {
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, this.consumer.name]);
      client.off('error', this.ignoreLockClientError);
      client.release();
    } catch {
      client.off('error', this.ignoreLockClientError);
      client.release(true);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timers = this.timers;
      const self = this;
      let ended = false;
      let timer: unknown;
      function done(): void {
        if (ended) return;
        ended = true;
        if (timer !== undefined) timers.clearTimeout(timer);
        self.wakeStandby = undefined;
        resolve();
      }
      this.wakeStandby = done;
      timer = timers.setTimeout(done, ms);
      if (ended) timers.clearTimeout(timer);
    });
  }

  private wakeWaiters(): void {
    for (const wake of [...this.waiters]) wake();
  }
}
