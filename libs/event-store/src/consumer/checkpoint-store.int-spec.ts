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
