import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../testing/scratch-database.js';
import { CatalogoIstruzioni, clientConIstruzioniPreparate } from './istruzioni-preparate.js';

/** Statements named by use, on a real PostgreSQL: what is prepared, when, and what survives a change of the table under it. */
describe('named statements chosen by use', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let catalogo: CatalogoIstruzioni;
  /** The statements prepared on the pool's one connection, by text (this query itself never named: it ends with `;`). */
  const preparate = async (): Promise<string[]> =>
    (await pool.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY statement;')).rows.map((r) => r.statement);

  beforeAll(async () => {
    db = await createTestDatabase(1);
    await db.pool.query('CREATE TABLE voci (id int PRIMARY KEY, nome text NOT NULL)');
    await db.pool.query("INSERT INTO voci VALUES (1, 'uno'), (2, 'due')");
  });
  afterAll(() => db.drop());
  beforeEach(() => {
    catalogo = new CatalogoIstruzioni({ dopoUsi: 3, massimo: 4, lunghezzaMassima: 200 });
    pool = new pg.Pool({ connectionString: db.url, max: 1, Client: clientConIstruzioniPreparate(catalogo) });
  });
  afterEach(() => pool.end());

  it('a statement goes out named from its third use, with the same answers, through the pool, a client, a promise or a callback', async () => {
    const testo = 'SELECT nome FROM voci WHERE id = $1';
    expect((await pool.query(testo, [1])).rows).toEqual([{ nome: 'uno' }]);
    expect((await pool.query({ text: testo, values: [2] })).rows).toEqual([{ nome: 'due' }]);
    expect(await preparate()).toEqual([]);
    expect((await pool.query(testo, [1])).rows).toEqual([{ nome: 'uno' }]);
    expect(await preparate()).toEqual([testo]);
    const client = await pool.connect();
    try {
      const perCallback = await new Promise<pg.QueryResult>((resolve, reject) => client.query(testo, [2], (err, res) => (err ? reject(err) : resolve(res))));
      expect(perCallback.rows).toEqual([{ nome: 'due' }]);
      await client.query('BEGIN');
      expect((await client.query(testo, [1])).rows).toEqual([{ nome: 'uno' }]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await preparate()).toEqual([testo]);
    expect(catalogo.nominate).toBe(1);
  });

  it('scripts, utility statements, texts too long, statements already named and texts beyond the limit go out as they are', async () => {
    const lungo = `SELECT nome FROM voci WHERE id = $1 ${'AND true '.repeat(30)}`;
    for (let i = 0; i < 4; i++) {
      await pool.query("SELECT 1; SELECT 'due'");
      await pool.query("SET application_name = 'prova'");
      await pool.query(lungo, [1]);
      await pool.query({ name: 'mio', text: 'SELECT nome FROM voci WHERE id = $1 + 0', values: [1] });
    }
    expect(await preparate()).toEqual(['SELECT nome FROM voci WHERE id = $1 + 0']);
    for (let n = 1; n <= 5; n++) for (let i = 0; i < 3; i++) await pool.query(`SELECT nome FROM voci WHERE id = $1 AND ${n} = ${n}`, [1]);
    expect(catalogo.nominate).toBe(4);
    expect((await preparate()).filter((s) => s.includes(' AND '))).toHaveLength(4);
  });

  it('a column added under a SELECT *: that execution fails, the next one prepares it again and sees the column', async () => {
    await db.pool.query('CREATE TABLE mutevole (id int PRIMARY KEY)');
    await db.pool.query('INSERT INTO mutevole VALUES (1)');
    const testo = 'SELECT * FROM mutevole WHERE id = $1';
    for (let i = 0; i < 3; i++) expect((await pool.query(testo, [1])).rows).toEqual([{ id: 1 }]);
    await db.pool.query("ALTER TABLE mutevole ADD COLUMN nota text NOT NULL DEFAULT 'nuova'");
    await expect(pool.query(testo, [1])).rejects.toMatchObject({ code: '0A000' });
    expect((await pool.query(testo, [1])).rows).toEqual([{ id: 1, nota: 'nuova' }]);
    expect((await pool.query(testo, [1])).rows).toEqual([{ id: 1, nota: 'nuova' }]);
  });

  it('a named statement follows search_path (a read model rebuilt into shadow tables): the same text reads the other schema', async () => {
    await db.pool.query('CREATE SCHEMA ombra');
    await db.pool.query('CREATE TABLE ombra.voci (id int PRIMARY KEY, nome text NOT NULL)');
    await db.pool.query("INSERT INTO ombra.voci VALUES (1, 'ombra')");
    const testo = 'SELECT nome FROM voci WHERE id = $1 AND nome IS NOT NULL';
    for (let i = 0; i < 3; i++) expect((await pool.query(testo, [1])).rows).toEqual([{ nome: 'uno' }]);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL search_path TO ombra, public');
      expect((await client.query(testo, [1])).rows).toEqual([{ nome: 'ombra' }]);
      await client.query('COMMIT');
      expect((await client.query(testo, [1])).rows).toEqual([{ nome: 'uno' }]);
    } finally {
      client.release();
    }
    expect(await preparate()).toContain(testo);
  });

  it('statements dropped by the server (DEALLOCATE ALL): one execution fails, then it is prepared again', async () => {
    const testo = 'SELECT nome FROM voci WHERE id = $1 OR id = $1';
    for (let i = 0; i < 3; i++) await pool.query(testo, [2]);
    await pool.query('DEALLOCATE ALL');
    await expect(pool.query(testo, [2])).rejects.toMatchObject({ code: '26000' });
    expect((await pool.query(testo, [2])).rows).toEqual([{ nome: 'due' }]);
    expect(await preparate()).toEqual([testo]);
  });
});
