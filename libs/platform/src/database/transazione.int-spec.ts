import { createTestDatabase, type TestDatabase } from '../testing/scratch-database.js';
import { flussoInTransazione, inTransazione } from './transazione.js';

/** The one transaction helper on a real PostgreSQL: commit, rollback, retry, the client always back in the pool. */
describe('inTransazione and flussoInTransazione', () => {
  let db: TestDatabase;
  const righe = async () => (await db.pool.query<{ v: string }>('SELECT v FROM prova ORDER BY v')).rows.map((r) => r.v);
  const liberi = () => db.pool.idleCount;

  beforeAll(async () => {
    db = await createTestDatabase(2);
    await db.pool.query('CREATE TABLE prova (v text PRIMARY KEY)');
  });
  afterAll(() => db.drop());
  beforeEach(() => db.pool.query('TRUNCATE prova'));

  it('commits what the function wrote when it resolves, answers its value and gives the client back', async () => {
    const esito = await inTransazione(db.pool, async (client) => {
      await client.query("INSERT INTO prova VALUES ('a'), ('b')");
      return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM prova')).rows[0]!.n;
    });
    expect(esito).toBe(2);
    expect(await righe()).toEqual(['a', 'b']);
    expect(db.pool.totalCount).toBe(liberi());
  });

  it('rolls back everything when the function throws, rethrows the same error and gives the client back', async () => {
    const errore = new Error('a metà');
    await expect(
      inTransazione(db.pool, async (client) => {
        await client.query("INSERT INTO prova VALUES ('a')");
        throw errore;
      }),
    ).rejects.toBe(errore);
    expect(await righe()).toEqual([]);
    expect(db.pool.totalCount).toBe(liberi());
    // The client released is usable: no transaction left open on it.
    const { rows } = await db.pool.query<{ stato: string }>("SELECT current_setting('transaction_isolation') AS stato");
    expect(rows[0]!.stato).toBe('read committed');
  });

  it('opens with the given statement and runs again only the attempts `ripeti` allows', async () => {
    let tentativi = 0;
    const esito = await inTransazione(
      db.pool,
      async (client) => {
        tentativi += 1;
        await client.query(`INSERT INTO prova VALUES ('t${tentativi}')`);
        if (tentativi < 3) throw Object.assign(new Error('occupato'), { code: '55P03' });
        return (await client.query<{ i: string }>("SELECT current_setting('transaction_isolation') AS i")).rows[0]!.i;
      },
      { inizio: 'BEGIN ISOLATION LEVEL REPEATABLE READ', ripeti: (e, n) => (e as { code?: string }).code === '55P03' && n < 5 },
    );
    expect(esito).toBe('repeatable read');
    expect(await righe()).toEqual(['t3']);
    tentativi = 0;
    await expect(inTransazione(db.pool, async () => {
      tentativi += 1;
      throw new Error('sempre');
    }, { ripeti: (_e, n) => n < 2 })).rejects.toThrow('sempre');
    expect(tentativi).toBe(2);
    expect(db.pool.totalCount).toBe(liberi());
  });

  it('a stream commits once read to the end, and rolls back when its reader stops early or it throws', async () => {
    const client = await db.pool.connect();
    try {
      const scrivi = (valori: string[], errore?: Error) =>
        flussoInTransazione(client, async function* (tx) {
          for (const v of valori) {
            await tx.query('INSERT INTO prova VALUES ($1)', [v]);
            yield v;
          }
          if (errore) throw errore;
        });
      const letti: string[] = [];
      for await (const v of scrivi(['a', 'b'])) letti.push(v);
      expect(letti).toEqual(['a', 'b']);
      for await (const v of scrivi(['c', 'd'])) if (v === 'c') break;
      await expect((async () => {
        for await (const _ of scrivi(['e'], new Error('rotto'))) void _;
      })()).rejects.toThrow('rotto');
      expect(await righe()).toEqual(['a', 'b']);
      expect((await client.query<{ n: string }>('SELECT txid_current_if_assigned() AS n')).rows[0]!.n).toBeNull();
    } finally {
      client.release();
    }
  });
});
