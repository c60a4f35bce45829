import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConsumerRunner, PostgresAppendListener, PostgresEventStore, SharedLogReader, type CheckpointStore, type Consumer, type ConsumerStatus, type EventStore, type LogReadCounts, type Position } from '#event-store';
import type pg from 'pg';
import { LOGGER, Metrics, type AppConfig, type Logger } from '#platform';
import { APP_CONFIG, CHECKPOINTS, EVENT_STORE, PG_POOL } from './tokens.js';

/**
 * The checkpointed consumers of this instance (projections, process managers, schedulers).
 * Modules register theirs at init; all start once the application is up and stop before the
 * database closes. On PostgreSQL they share one reader of the log (`SharedLogReader`), woken
 * by the NOTIFY of each append; on EventStoreDB each subscribes to the server.
 */
@Injectable()
export class ConsumerRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runners = new Map<string, ConsumerRunner>();
  private started = false;
  private readonly listener: PostgresAppendListener | undefined;
  private readonly reader: SharedLogReader | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CHECKPOINTS) private readonly checkpoints: CheckpointStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    metrics.observeLag(() => this.lag());
    if (eventStore instanceof PostgresEventStore) {
      const store = eventStore;
      // Woken by the NOTIFY of every instance's appends, and at once by this instance's own.
      this.listener = new PostgresAppendListener(pool, 'public', 1000, store);
      this.reader = new SharedLogReader(store, {
        signal: this.listener,
        heldBack: (after) => store.heldBackAfter(after),
        heldBackPollMs: config.SUBSCRIPTION_POLL_MS,
        fallbackPollMs: config.CONSUMER_FALLBACK_POLL_MS,
        pageSize: config.SHARED_READER_PAGE,
        bufferSize: config.SHARED_READER_WINDOW,
        minReadIntervalMs: config.SHARED_READER_INTERVAL_MS,
      });
      metrics.observeLogReads(() => this.logReads());
    }
  }

  /** The signal of appends to the log (this instance's at once, the others' by NOTIFY); none on EventStoreDB. */
  get segnale(): PostgresAppendListener | undefined {
    return this.listener;
  }

  /** Reads of the log by this instance's consumers (zero on EventStoreDB, where the server pushes). */
  logReads(): LogReadCounts {
    return this.reader?.counts() ?? { sharedReads: 0, catchUpReads: 0 };
  }

  register(consumer: Consumer): ConsumerRunner {
    if (this.runners.has(consumer.name)) throw new Error(`consumer ${consumer.name} registered twice`);
    const { eventStore, pool, checkpoints, logger, metrics } = this;
    const runner = new ConsumerRunner(eventStore, pool, checkpoints, consumer, {
      onError: (name, error) => logger.warn({ consumer: name, err: error }, 'consumer failed; retrying from its checkpoint'),
      onBatch: (name, events) => metrics.consumerEvents.inc({ consumer: name }, events.length),
      source: this.reader,
      // Batches write read models and checkpoints, never the log (events go through the
      // AggregateStore, in transactions of their own): declared readers, they do not hold back
      // the read horizon of the other consumers and of the process manager.
      begin: eventStore instanceof PostgresEventStore ? eventStore.readerTransactionBegin() : undefined,
      batchWindowMs: this.config.CONSUMER_BATCH_WINDOW_MS,
    });
    this.runners.set(consumer.name, runner);
    if (this.started) runner.start();
    return runner;
  }

  get(name: string): ConsumerRunner | undefined {
    return this.runners.get(name);
  }

  statuses(): ConsumerStatus[] {
    return [...this.runners.values()].map((runner) => runner.status());
  }

  /** Waits until every consumer has processed `position` (bounded); false on timeout. */
  async waitForAll(position: Position, timeoutMs: number, names?: readonly string[]): Promise<boolean> {
    const runners = [...this.runners.values()].filter((r) => !names || names.includes(r.consumer.name));
    const results = await Promise.all(runners.map((runner) => runner.waitFor(position, timeoutMs)));
    return results.every(Boolean);
  }

  async lag(): Promise<Array<{ consumer: string; events: number }>> {
    return Promise.all(
      [...this.runners.values()].map(async (runner) => ({
        consumer: runner.consumer.name,
        events: await this.eventStore.eventsAfter(runner.status().position).catch(() => -1),
      })),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    // Listening before the consumers start: no append after their first read goes unnoticed.
    await this.listener?.start();
    this.started = true;
    for (const runner of this.runners.values()) runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.started = false;
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    await this.reader?.close();
    await this.listener?.close();
  }
}
