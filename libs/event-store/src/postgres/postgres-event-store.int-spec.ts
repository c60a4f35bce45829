import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { eventStoreContract } from '../contract/event-store.contract.js';
import { PostgresEventStore } from './postgres-event-store.js';

eventStoreContract('PostgreSQL', async () => {
  const db: TestDatabase = await createTestDatabase(40);
  const store = new PostgresEventStore(db.pool, { pollIntervalMs: 20 });
  await store.migrate();
  return {
    store,
    readModels: db.pool,
    async holdAppend(streamId, events) {
      const client = await db.pool.connect();
      await client.query('BEGIN');
      await store.appendInTransaction(client, streamId, events);
      const end = async (sql: string) => {
        await client.query(sql);
        client.release();
      };
      return { commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
    },
    async teardown() {
      await store.close();
      await db.drop();
    },
  };
});

describe('PostgreSQL adapter: bulk creation of streams (appendNewStreamsInTransaction)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const ev = (id: string, type = 'Creato') => ({ id, type, data: { id }, metadata: { correlationId: 'bulk' } });
  const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

  beforeAll(async () => {
    db = await createTestDatabase(4);
    store = new PostgresEventStore(db.pool, { pollIntervalMs: 20 });
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('creates every new stream in one call; the same items again are no-ops; a stream with another history is false, alone', async () => {
    await store.appendToStream('bulk-3', [ev(uuid(99))], { expectedRevision: 'no_stream' });
    const items = [1, 2, 3, 4].map((n) => ({ streamId: `bulk-${n}`, events: [ev(uuid(n)), ev(uuid(n + 10), 'Perfezionato')] }));
    expect(await store.appendNewStreamsInTransaction(db.pool, items)).toEqual([true, true, false, true]);
    const stream2 = await store.readStream('bulk-2');
    expect(stream2.map((e) => [e.revision, e.type, e.id])).toEqual([[0n, 'Creato', uuid(2)], [1n, 'Perfezionato', uuid(12)]]);
    expect((await store.readStream('bulk-3')).map((e) => e.id)).toEqual([uuid(99)]);

    const count = async () => Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events')).rows[0].n);
    const before = await count();
    expect(await store.appendNewStreamsInTransaction(db.pool, items)).toEqual([true, true, false, true]);
    expect(await count()).toBe(before);
  });

  it('an invalid event rejects the whole call and writes nothing; a rolled-back transaction leaves no stream', async () => {
    const count = async () => Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM es_streams')).rows[0].n);
    const before = await count();
    await expect(store.appendNewStreamsInTransaction(db.pool, [{ streamId: 'bulk-ok', events: [ev(uuid(50))] }, { streamId: 'bulk-bad', events: [ev('not-a-uuid')] }])).rejects.toThrow();
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      expect(await store.appendNewStreamsInTransaction(client, [{ streamId: 'bulk-rb', events: [ev(uuid(60))] }])).toEqual([true]);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await count()).toBe(before);
    await expect(store.readStream('bulk-rb')).rejects.toThrow(/not found/i);
  });
});
