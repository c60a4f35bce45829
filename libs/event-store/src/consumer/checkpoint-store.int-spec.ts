import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import { CheckpointStore } from './checkpoint-store.js';

/**
 * Instances started together on an empty database create the same tables at the same moment;
 * plain `CREATE TABLE IF NOT EXISTS` then fails in all but one ("relation already exists").
 */
describe('schema creation from several instances at once', () => {
  let db: TestDatabase;
  const pools: pg.Pool[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(2);
    for (let i = 0; i < 6; i++) pools.push(new pg.Pool({ connectionString: db.url, max: 2 }));
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await db.drop();
  });

  it('six instances creating the checkpoint table of an empty schema at once all succeed, 10 rounds', async () => {
    for (let round = 0; round < 10; round++) {
      const schema = `avvio_${round}`;
      const esiti = await Promise.allSettled(pools.map((pool) => new CheckpointStore(pool, schema).migrate()));
      expect(esiti.filter((e) => e.status === 'rejected')).toEqual([]);
      const { rows } = await pools[0].query(`SELECT count(*)::int AS n FROM ${schema}.es_checkpoints`);
      expect(rows[0].n).toBe(0);
    }
  });

  it('six instances creating the event store and its checkpoints at once all succeed', async () => {
    const esiti = await Promise.allSettled(
      pools.map(async (pool) => {
        const store = new PostgresEventStore(pool, { schema: 'avvio_store' });
        await store.migrate();
        await new CheckpointStore(pool, 'avvio_store').migrate();
      }),
    );
    expect(esiti.filter((e) => e.status === 'rejected')).toEqual([]);
  });
});

/** The end of a consumer's batch: the checkpoint's move and the COMMIT in one round trip. */
describe('moveAndCommit', () => {
  let db: TestDatabase;
  let checkpoints: CheckpointStore;

  beforeAll(async () => {
    db = await createTestDatabase(2);
    checkpoints = new CheckpointStore(db.pool);
    await checkpoints.migrate();
    await db.pool.query('CREATE TABLE righe (n int NOT NULL)');
  });
  afterAll(() => db.drop());

  /** A batch that writes one row, ended by `moveAndCommit`; the error, if it failed. */
  async function batch(consumer: string, previous: string | undefined, next: string): Promise<unknown> {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO righe (n) VALUES (1)');
      await client.query(checkpoints.moveAndCommit(consumer, previous as never, next as never));
      return undefined;
    } catch (error) {
      await client.query('ROLLBACK');
      return checkpoints.conflict(error, consumer);
    } finally {
      client.release();
    }
  }
  const righe = async () => (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM righe')).rows[0].n;

  it('moves the checkpoint and commits the batch with it', async () => {
    expect(await batch('primo', undefined, '1:1')).toBeUndefined();
    expect(await batch('primo', '1:1', '1:2')).toBeUndefined();
    expect(await checkpoints.load('primo')).toBe('1:2');
    expect(await righe()).toBe(2);
  });

  it('a checkpoint moved by another runner is a CheckpointConflictError and the batch is rolled back', async () => {
    expect(await batch('secondo', undefined, '5:5')).toBeUndefined();
    const prima = await righe();
    const errore = await batch('secondo', '4:4', '5:6');
    expect(errore).toMatchObject({ name: 'CheckpointConflictError', code: 'CHECKPOINT_CONFLICT', consumer: 'secondo' });
    const ancora = await batch('secondo', undefined, '9:9');
    expect(ancora).toMatchObject({ code: 'CHECKPOINT_CONFLICT' });
    expect(await righe()).toBe(prima);
    expect(await checkpoints.load('secondo')).toBe('5:5');
  });

  it('names and positions go in as literals, whatever they hold', async () => {
    const nome = "o'brien \\ $$; DROP TABLE righe; --";
    expect(await batch(nome, undefined, "7:7' OR '1'='1")).toBeUndefined();
    expect(await checkpoints.load(nome)).toBe("7:7' OR '1'='1");
    expect(await righe()).toBeGreaterThan(0);
  });
});
