import type pg from 'pg';
import type { Position } from '../types.js';
import type { SqlExecutor } from './consumer.js';

/** A checkpoint moved under our feet: another runner of the same consumer is active. */
export class CheckpointConflictError extends Error {
  readonly code = 'CHECKPOINT_CONFLICT';
  constructor(readonly consumer: string) {
    super(`checkpoint of ${consumer} was moved by another runner`);
    this.name = 'CheckpointConflictError';
  }
}

/** Consumer checkpoints, kept in the read-model database next to the rows they vouch for. */
export class CheckpointStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly schema = 'public',
  ) {}

  /**
   * Creates the checkpoint table. Instances starting together on an empty database would race
   * on `CREATE TABLE IF NOT EXISTS` ("relation already exists"), so the DDL runs under a
   * session advisory lock, one instance at a time.
   */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    const lock = `es-checkpoints-migrate:${this.schema}`;
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
      try {
        await client.query(`
          CREATE SCHEMA IF NOT EXISTS ${this.schema};
          CREATE TABLE IF NOT EXISTS ${this.schema}.es_checkpoints (
            consumer   text PRIMARY KEY,
            position   text NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
          )`);
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]);
      }
    } finally {
      client.release();
    }
  }

  async load(consumer: string, executor: SqlExecutor = this.pool): Promise<Position | undefined> {
    const { rows } = await executor.query<{ position: string }>(
      `SELECT position FROM ${this.schema}.es_checkpoints WHERE consumer = $1`,
      [consumer],
    );
    return rows[0]?.position as Position | undefined;
  }

  /**
   * Moves the checkpoint from `previous` to `next` inside the caller's transaction; throws
   * `CheckpointConflictError` if it was not at `previous`, which rolls the batch back.
   */
  async save(tx: SqlExecutor, consumer: string, previous: Position | undefined, next: Position): Promise<void> {
    const { rowCount } = await tx.query(
      `INSERT INTO ${this.schema}.es_checkpoints AS c (consumer, position) VALUES ($1, $2)
       ON CONFLICT (consumer) DO UPDATE SET position = EXCLUDED.position, updated_at = now()
       WHERE c.position IS NOT DISTINCT FROM $3`,
      [consumer, next, previous ?? null],
    );
    if (rowCount !== 1) throw new CheckpointConflictError(consumer);
  }

  /** Forgets a consumer's progress (rebuild from the start). */
  async reset(consumer: string, executor: SqlExecutor = this.pool): Promise<void> {
    await executor.query(`DELETE FROM ${this.schema}.es_checkpoints WHERE consumer = $1`, [consumer]);
  }
}
