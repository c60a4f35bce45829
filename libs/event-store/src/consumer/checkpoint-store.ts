import pg from 'pg';
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
          );
          -- Moves a checkpoint from p_previous to p_next, or raises ES006 when it was not at
          -- p_previous (another runner moved it): the batch's transaction then rolls back.
          CREATE OR REPLACE FUNCTION ${this.schema}.es_checkpoint_move(p_consumer text, p_next text, p_previous text) RETURNS void
          LANGUAGE plpgsql AS $$
          BEGIN
            INSERT INTO ${this.schema}.es_checkpoints AS c (consumer, position) VALUES (p_consumer, p_next)
            ON CONFLICT (consumer) DO UPDATE SET position = EXCLUDED.position, updated_at = now()
            WHERE c.position IS NOT DISTINCT FROM p_previous;
            IF NOT FOUND THEN
              RAISE EXCEPTION USING ERRCODE = 'ES006', MESSAGE = 'checkpoint of ' || p_consumer || ' was moved by another runner';
            END IF;
          END $$`);
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
   * Moves the checkpoint from `previous` to `next` inside the caller's transaction, by the same
   * `es_checkpoint_move` a runner's batch ends with; throws `CheckpointConflictError` if it was not
   * at `previous`, which rolls the batch back.
   */
  async save(tx: SqlExecutor, consumer: string, previous: Position | undefined, next: Position): Promise<void> {
    try {
      await tx.query(`SELECT ${this.schema}.es_checkpoint_move($1, $2, $3)`, [consumer, next, previous ?? null]);
    } catch (error) {
      throw this.conflict(error, consumer);
    }
  }

  /**
   * The end of a batch in one round trip: the text that moves the checkpoint from `previous` to
   * `next` and commits (`es_checkpoint_move`, then `COMMIT`, in one simple query; the values
   * are written into it as escaped literals, since that protocol takes no parameters). When the
   * checkpoint was not at `previous`, the move raises ES006, the `COMMIT` after it never runs and
   * the caller rolls back; `conflict` turns that error into a `CheckpointConflictError`.
   */
  moveAndCommit(consumer: string, previous: Position | undefined, next: Position): string {
    const literal = (value: string | undefined) => (value === undefined ? 'NULL' : pg.escapeLiteral(value));
    return `SELECT ${this.schema}.es_checkpoint_move(${literal(consumer)}, ${literal(next)}, ${literal(previous)}); COMMIT`;
  }

  /** `error` as a `CheckpointConflictError` when it is the move's ES006, else as it is. */
  conflict(error: unknown, consumer: string): unknown {
    return (error as { code?: string } | null)?.code === 'ES006' ? new CheckpointConflictError(consumer) : error;
  }

  /** Forgets a consumer's progress (rebuild from the start). */
  async reset(consumer: string, executor: SqlExecutor = this.pool): Promise<void> {
    await executor.query(`DELETE FROM ${this.schema}.es_checkpoints WHERE consumer = $1`, [consumer]);
  }
}
