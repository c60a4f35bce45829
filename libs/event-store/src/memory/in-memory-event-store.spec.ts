import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { eventStoreContract } from '../contract/event-store.contract.js';
import { InMemoryEventStore } from './in-memory-event-store.js';

/**
 * The whole contract suite on the in-memory adapter. The store itself needs no database; the
 * suite's checkpointed consumers keep their read models and checkpoints in PostgreSQL, as in
 * production, so a scratch database is created for them.
 */
eventStoreContract('in memory', async () => {
  const db: TestDatabase = await createTestDatabase(10);
  const store = new InMemoryEventStore();
  return {
    store,
    readModels: db.pool,
    async teardown() {
      await store.close();
      await db.drop();
    },
  };
});

describe('in-memory adapter', () => {
  it('stamps events with the injected clock and hands out copies that cannot change the log', async () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const store = new InMemoryEventStore({ clock: () => at });
    await store.appendToStream('s-1', [{ id: '00000000-0000-4000-8000-000000000001', type: 'Creato', data: { n: 1 } }]);
    const [first] = await store.readStream('s-1');
    expect(first.created).toEqual(at);
    (first.data as { n: number }).n = 99;
    expect((await store.readAll())[0].data).toEqual({ n: 1 });
  });
});
