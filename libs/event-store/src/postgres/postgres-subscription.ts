import type { Position, RecordedEvent, SubscribeOptions, Subscription, SubscriptionFilter, SubscriptionMessage } from '../types.js';

/** What the polling subscription needs from the store. */
export interface PageReader {
  page(
    after: Position | undefined,
    size: number,
    filter: SubscriptionFilter | undefined,
  ): Promise<{ events: RecordedEvent[]; scannedTo: Position | undefined; full: boolean }>;
  head(): Promise<Position | undefined>;
  /** Resolves on the next local append or after `ms`, whichever comes first. */
  waitForAppend(ms: number): Promise<void>;
}

/**
 * Catch-up subscription by polling pages below the read horizon. Local appends wake it at
 * once; appends from other processes are seen within `pollIntervalMs`.
 */
export class PostgresSubscription implements Subscription {
  private closed = false;
  private wakeOnClose: (() => void) | undefined;

  constructor(
    private readonly reader: PageReader,
    private readonly options: SubscribeOptions,
    private readonly pollIntervalMs: number,
  ) {}

  async close(): Promise<void> {
    this.closed = true;
    this.wakeOnClose?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    const size = this.options.batchSize ?? 500;
    const from = this.options.from ?? 'start';
    let cursor: Position | undefined = from === 'start' ? undefined : from === 'end' ? await this.reader.head() : from;
    let caughtUp = false;
    while (!this.closed) {
      const page = await this.reader.page(cursor, size, this.options.filter);
      if (this.closed) return;
      if (page.scannedTo !== undefined && page.scannedTo !== cursor) {
        cursor = page.scannedTo;
        if (page.events.length > 0) {
          caughtUp = false;
          yield { kind: 'events', events: page.events, position: cursor };
        } else {
          yield { kind: 'checkpoint', position: cursor };
        }
      }
      if (page.full) continue;
      if (!caughtUp) {
        caughtUp = true;
        yield { kind: 'caughtUp', position: cursor };
      }
      await this.idle();
    }
  }

  private idle(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.wakeOnClose = resolve;
      void this.reader.waitForAppend(this.pollIntervalMs).then(resolve);
    }).finally(() => {
      this.wakeOnClose = undefined;
    });
  }
}
