import type pg from 'pg';

/** Tells readers that something was appended to the log (by any process). */
export interface AppendSignal {
  /** Calls `listener` after each append signalled; returns the function that stops it. */
  onAppend(listener: () => void): () => void;
  close(): Promise<void>;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * PostgreSQL's LISTEN/NOTIFY as an `AppendSignal`: the appending process sends
 * `pg_notify('es_appended_<schema>')` after its append commits (`PostgresEventStore.annunciaAppend`),
 * delivered to every instance listening. One
 * connection of the pool is kept for it; if it is lost, listeners are called (a read finds what
 * was missed) and it reconnects after `retryMs`.
 */
export class PostgresAppendListener implements AppendSignal {
  private readonly listeners = new Set<() => void>();
  private client: pg.PoolClient | undefined;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly channel: string;

  private readonly stopLocal: (() => void) | undefined;

  /**
   * `locale`: this process's own store, whose appends wake the listeners as soon as they commit,
   * without waiting for their NOTIFY to come back (which other processes' appends need).
   */
  constructor(
    private readonly pool: pg.Pool,
    schema = 'public',
    private readonly retryMs = 1000,
    locale?: { onLocalAppend(listener: () => void): () => void; readonly idProcesso: string },
  ) {
    if (!IDENT.test(schema)) throw new RangeError(`invalid schema name ${schema}`);
    this.channel = `es_appended_${schema}`;
    this.stopLocal = locale?.onLocalAppend(() => this.fire());
    this.proprio = locale?.idProcesso;
  }

  /** This process's NOTIFY payload: those notifications were already signalled locally. */
  private readonly proprio: string | undefined;

  private readonly notified = (msg: { payload?: string }): void => {
    if (this.proprio !== undefined && msg.payload === this.proprio) return;
    this.fire();
  };

  /** Starts listening; resolves once LISTEN is in place (later appends are then signalled). */
  async start(): Promise<void> {
    if (this.closed || this.client) return;
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      client.on('notification', this.notified);
      client.on('error', this.lost);
      await client.query(`LISTEN ${this.channel}`);
      this.client = client;
      if (this.closed) await this.close();
    } catch {
      if (client) this.drop(client);
      this.scheduleRetry();
    }
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopLocal?.();
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.query(`UNLISTEN ${this.channel}`);
      client.off('notification', this.notified);
      client.off('error', this.lost);
      client.release();
    } catch {
      this.drop(client);
    }
  }

  private readonly fire = (): void => {
    for (const listener of [...this.listeners]) listener();
  };

  private readonly lost = (): void => {
    const client = this.client;
    this.client = undefined;
    if (client) this.drop(client);
    this.fire();
    this.scheduleRetry();
  };

  private drop(client: pg.PoolClient): void {
    client.off('notification', this.notified);
    client.off('error', this.lost);
    client.on('error', () => undefined);
    client.release(true);
  }

  private scheduleRetry(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.start();
    }, this.retryMs);
  }
}
