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
