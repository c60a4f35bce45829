import { migraModelliDiLettura } from '#read-models';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { migraDatabaseDelServizio, migrazioniDelServizio } from './migrazioni.js';

/** The service's migrations, composed from the libraries' and its modules' own: fresh, already migrated, and by the CLI. */
describe('migrations by owner', () => {
  let db: TestDatabase;
  const tabelle = async () => (await db.pool.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.t);

  beforeAll(async () => {
    db = await createTestDatabase(2);
  });
  afterAll(() => db.drop());

  it('a fresh database gets every table, each migration once, in timestamp order; migrating again runs none', async () => {
    const applicate = await migraDatabaseDelServizio(db.url);
    const nomi = migrazioniDelServizio.map((m) => new m().name!);
    expect(new Set(nomi).size).toBe(nomi.length);
    expect(applicate).toEqual([...nomi].sort((a, b) => Number(a.slice(-13)) - Number(b.slice(-13))));
    expect(await tabelle()).toEqual(
      expect.arrayContaining([
        'anac_pratiche', 'scadenze', 'idempotenza', 'webhook_sottoscrizioni', 'webhook_consegne', 'webhook_tentativi', 'webhook_flussi',
        'rm_appalti', 'rm_cig_listing', 'rm_cig_listing_conteggi', 'rm_trasmissioni', 'rm_carnet', 'rm_carnet_cig', 'rm_audit', 'rm_audit_sth',
        'audit_testimoni', 'audit_verifiche', 'limiti_richieste', 'rm_migrations',
      ]),
    );
    const colonne = await db.pool.query("SELECT 1 FROM information_schema.columns WHERE table_name = 'anac_pratiche' AND column_name = 'richiesta_revisione'");
    expect(colonne.rowCount).toBe(1);
    expect(await migraDatabaseDelServizio(db.url)).toEqual([]);
    // The CLI migrates the libraries' list only: on the service's database it finds nothing to do.
    expect(await migraModelliDiLettura(db.url)).toEqual([]);
  });

  it('a database migrated when the deadlines table came with the historic regimes keeps its rows: the owner’s migration leaves it as is', async () => {
    await db.pool.query("INSERT INTO scadenze (tipo, chiave, stream_id, dovuta_il) VALUES ('prova', 'k', 's', now())");
    await db.pool.query("DELETE FROM rm_migrations WHERE name = 'Scadenze1732601300300'");
    expect(await migraDatabaseDelServizio(db.url)).toEqual(['Scadenze1732601300300']);
    expect((await db.pool.query('SELECT chiave FROM scadenze')).rows).toEqual([{ chiave: 'k' }]);
    expect(await migraDatabaseDelServizio(db.url)).toEqual([]);
  });
});
