import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { events, stream } from '../contract/fixture.js';
import { StreamNotFoundError } from '../errors.js';
import { PostgresEventStore } from './postgres-event-store.js';

/**
 * The read of one stream is a named (prepared) statement, planned once per connection: the same
 * answers as before, each direction and each schema with a statement of its own on a shared connection.
 */
describe('PostgreSQL adapter: the stream read as a prepared statement', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let pubblico: PostgresEventStore;
  let altro: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase(1);
    // One connection: both stores' statements meet on it.
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    pubblico = new PostgresEventStore(pool);
    altro = new PostgresEventStore(pool, { schema: 'es_lettura_altro' });
    await pubblico.migrate();
    await altro.migrate();
  });
  afterAll(async () => {
    await pubblico.close();
    await altro.close();
    await pool.end();
    await db.drop();
  });

  it('forwards and backwards, in two schemas over one connection: right events, one statement per direction and schema', async () => {
    const s = stream('preparata');
    await pubblico.appendToStream(s, events(3, 'Pubblico'));
    await altro.appendToStream(s, events(2, 'Altro'));
    for (let giro = 0; giro < 7; giro++) {
      // Past the fifth execution PostgreSQL may switch to the generic plan: the answers must not change.
      expect((await pubblico.readStream(s)).map((e) => [e.type, e.revision])).toEqual([['Pubblico', 0n], ['Pubblico', 1n], ['Pubblico', 2n]]);
      expect((await pubblico.readStream(s, { fromRevision: 1n, maxCount: 1 })).map((e) => e.revision)).toEqual([1n]);
      expect((await pubblico.readStream(s, { direction: 'backwards', maxCount: 2 })).map((e) => e.revision)).toEqual([2n, 1n]);
      expect((await altro.readStream(s)).map((e) => e.type)).toEqual(['Altro', 'Altro']);
      expect((await altro.readStream(s, { direction: 'backwards', fromRevision: 0n })).map((e) => e.revision)).toEqual([0n]);
    }
    await expect(pubblico.readStream(stream('assente'))).rejects.toBeInstanceOf(StreamNotFoundError);
    await pubblico.appendToStream(s, events(1, 'Pubblico'));
    expect(await pubblico.readStream(s)).toHaveLength(4);

    const { rows } = await pool.query<{ name: string }>("SELECT name FROM pg_prepared_statements WHERE name LIKE 'es_read_stream_%'");
    expect(rows).toHaveLength(4);
  });
});
