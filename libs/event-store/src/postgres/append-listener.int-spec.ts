import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { events, stream } from '../contract/fixture.js';
import { PostgresAppendListener } from './append-listener.js';
import { PostgresEventStore } from './postgres-event-store.js';

/**
 * Appends are announced after their commit, by a NOTIFY of their own (never inside the appending
 * transaction, whose commit PostgreSQL would otherwise serialise with every other notifying one).
 */
describe('announcing appends: NOTIFY after the commit, shared by the appends committed meanwhile', () => {
  let db: TestDatabase;
  let listener: PostgresAppendListener;
  let segnali = 0;
  /** The NOTIFY statements sent through the store's pool. */
  let notifiche = 0;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase(10);
    const contato = new Proxy(db.pool, {
      get(target, prop, receiver) {
        if (prop !== 'query') return Reflect.get(target, prop, receiver);
        return (...args: unknown[]) => {
          if (typeof args[0] === 'string' && args[0].includes('pg_notify')) notifiche++;
          return (target.query as (...a: unknown[]) => unknown)(...args);
        };
      },
    }) as pg.Pool;
    store = new PostgresEventStore(contato);
    await store.migrate();
    listener = new PostgresAppendListener(db.pool);
    await listener.start();
    listener.onAppend(() => void segnali++);
  });
  afterAll(async () => {
    await listener.close();
    await store.close();
    await db.drop();
  });

  const segnaleEntro = async (ms: number, prima: number): Promise<boolean> => {
    const fine = Date.now() + ms;
    while (Date.now() < fine) {
      if (segnali > prima) return true;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return segnali > prima;
  };

  it('an append through appendToStream is announced', async () => {
    const prima = segnali;
    await store.appendToStream(stream('annuncio'), events(2));
    expect(await segnaleEntro(5_000, prima)).toBe(true);
  });

  it('an append in the caller\'s transaction sends nothing by itself, not even at COMMIT: the caller announces it', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await store.appendInTransaction(client, stream('in-transazione'), events(1));
      const prima = segnali;
      await client.query('COMMIT');
      expect(await segnaleEntro(300, prima)).toBe(false);
      store.annunciaAppend();
      expect(await segnaleEntro(5_000, prima)).toBe(true);
    } finally {
      client.release();
    }
  });

  it("this process's own appends wake its listeners as they commit, with no LISTEN and no NOTIFY needed", async () => {
    const locale = new PostgresAppendListener(db.pool, 'public', 1000, store); // never started: no LISTEN
    let n = 0;
    locale.onAppend(() => void n++);
    await store.appendToStream(stream('locale'), events(1));
    expect(n).toBe(1);
    // An append in the caller's transaction wakes them when the caller announces it after COMMIT.
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await store.appendInTransaction(client, stream('locale-in-transazione'), events(1));
      await client.query('COMMIT');
      expect(n).toBe(1);
      store.annunciaAppend();
      expect(n).toBe(2);
    } finally {
      client.release();
    }
    await locale.close();
    await store.appendToStream(stream('locale-dopo'), events(1));
    expect(n).toBe(2);
  });

  it('fifty appends at once: fewer NOTIFY statements than appends, all of them announced', async () => {
    await store.close();
    notifiche = 0;
    const prima = segnali;
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.appendToStream(stream(`insieme-${i}`), events(1))));
    await store.close(); // waits for the notification on its way
    expect(notifiche).toBeGreaterThanOrEqual(1);
    expect(notifiche).toBeLessThan(50);
    expect(await segnaleEntro(5_000, prima)).toBe(true);
  });
});
