import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { migraDatabaseDelServizio } from '../infrastructure/migrazioni.js';
import { PraticheStore, type Avanzamento, type Pratica } from './pratiche.store.js';

/** The process manager's bookkeeping on PostgreSQL: which step is in flight, and who holds it. */
describe('PraticheStore: steps started, carried on and released', () => {
  let db: TestDatabase;
  let store: PraticheStore;
  const APPALTO = '00000000-0000-4000-8000-0000000000a1';
  const titolare = async () => (await db.pool.query<{ lease_di: string | null }>('SELECT lease_di FROM anac_pratiche WHERE appalto_id = $1', [APPALTO])).rows[0]?.lease_di;
  const vai = (passo: Pratica['passo']): Avanzamento => ({ passo, stato: 'ATTIVA', tra: 0, dati: {}, tentativiPasso: 0, interrogazioni: 0, ultimoErrore: null, inAttesaDal: null });

  beforeAll(async () => {
    db = await createTestDatabase(2);
    await migraDatabaseDelServizio(db.url);
    store = new PraticheStore(db.pool);
  });
  afterAll(() => db.drop());

  it('a step carried straight on is started by the same statement that records the previous one; released between steps, nothing is in flight', async () => {
    await PraticheStore.apri(db.pool, APPALTO, 'CONFERMA', 'richiesta-1', {}, '2025-03-01T09:00:00.000Z', 3n);
    const [reclamata] = await store.reclama('istanza-a', 10, 30_000);
    expect(reclamata).toMatchObject({ passo: 'AVVIO', inVolo: false, tentativi: 0 });
    const iniziata = await store.inizia(reclamata!, 'istanza-a', 'CREA');
    expect(iniziata).toMatchObject({ passo: 'CREA', inVolo: true, tentativi: 1 });
    // CREA done, CONFERMA next at once: counted and in flight, the claim kept.
    const avanti = await store.avanza(iniziata!, vai('CONFERMA'), true);
    expect(avanti).toMatchObject({ passo: 'CONFERMA', inVolo: true, tentativi: 2 });
    expect(await titolare()).toBe('istanza-a');
    // The worker stops between steps: released, and not in flight (the step called nothing).
    await store.rilascia(avanti!, 'istanza-a');
    const [ripresa] = await store.reclama('istanza-b', 10, 30_000);
    expect(ripresa).toMatchObject({ passo: 'CONFERMA', inVolo: false, tentativi: 2 });
    expect(await titolare()).toBe('istanza-b');
    // A step that does not go straight on releases the claim and is not in flight either.
    const dopo = await store.avanza((await store.inizia(ripresa!, 'istanza-b', 'CONFERMA'))!, { ...vai('ESITO_CONFERMA'), tra: 60_000 });
    expect(dopo).toMatchObject({ passo: 'ESITO_CONFERMA', inVolo: false, tentativi: 3 });
    expect(await titolare()).toBeNull();
  });
});
