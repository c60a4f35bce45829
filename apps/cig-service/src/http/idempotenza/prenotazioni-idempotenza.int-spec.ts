import { migraDatabaseDelServizio } from '../../infrastructure/migrazioni.js';
import { createTestDatabase, type TestDatabase } from '../../../../../test/support/test-database.js';
import { PrenotazioniIdempotenza } from './prenotazioni-idempotenza.js';

/** Reservations of Idempotency-Keys as leases, on real PostgreSQL, with several instances at once. */
describe('Idempotency-Key reservations (real PostgreSQL)', () => {
  let db: TestDatabase;
  const istanza = (nome: string, leaseMs = 60_000) => new PrenotazioniIdempotenza(db.pool, { istanza: nome, leaseMs });
  beforeAll(async () => {
    db = await createTestDatabase(30);
    await migraDatabaseDelServizio(db.url);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('of many instances reserving one key at once, exactly one gets it; the others see it held, or see a different request', async () => {
    for (let giro = 0; giro < 10; giro++) {
      const esiti = await Promise.all(Array.from({ length: 20 }, (_, i) => istanza(`i${i}`).prenota('u', `k${giro}`, i % 5 === 4 ? 'altra' : 'stessa')));
      expect(esiti.filter((e) => e.tipo === 'nuova')).toHaveLength(1);
      expect(esiti.every((e) => e.tipo === 'nuova' || e.tipo === 'in-corso' || e.tipo === 'diversa')).toBe(true);
    }
  });

  it('the answer is stored by the lease holder only, and replayed', async () => {
    const a = istanza('a');
    expect(await a.prenota('u', 'risposta', 'f')).toEqual({ tipo: 'nuova', ripresa: false });
    expect(await istanza('b').completa('u', 'risposta', 201, { id: 'x' })).toBe(false);
    expect(await a.completa('u', 'risposta', 201, { id: 'x' })).toBe(true);
    expect(await istanza('b').prenota('u', 'risposta', 'f')).toEqual({ tipo: 'completata', status: 201, risposta: { id: 'x' } });
    expect(await istanza('b').prenota('u', 'risposta', 'g')).toEqual({ tipo: 'diversa' });
  });

  it('a lease renewed by its live instance holds; once it runs out, exactly one of many retries takes it over', async () => {
    const morta = istanza('morta', 300);
    expect((await morta.prenota('u', 'lease', 'f')).tipo).toBe('nuova');
    await new Promise((r) => setTimeout(r, 200));
    expect(await morta.rinnova()).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(await istanza('viva').prenota('u', 'lease', 'f')).toEqual({ tipo: 'in-corso', istanza: 'morta' });
    await new Promise((r) => setTimeout(r, 400)); // no renewal: the owner died
    const esiti = await Promise.all(Array.from({ length: 10 }, (_, i) => istanza(`r${i}`).prenota('u', 'lease', 'f')));
    expect(esiti.filter((e) => e.tipo === 'nuova')).toEqual([{ tipo: 'nuova', ripresa: true }]);
    expect(await morta.completa('u', 'lease', 201, {})).toBe(false);
  });

  it('a failed request releases its key; a key older than a day counts as new', async () => {
    const a = istanza('a');
    await a.prenota('u', 'fallita', 'f');
    await a.rilascia('u', 'fallita');
    expect((await istanza('b').prenota('u', 'fallita', 'g')).tipo).toBe('nuova');
    await a.prenota('u', 'vecchia', 'f');
    await a.completa('u', 'vecchia', 200, {});
    await db.pool.query(`UPDATE idempotenza SET creata_il = now() - interval '25 hours' WHERE chiave = 'vecchia'`);
    expect(await istanza('b').prenota('u', 'vecchia', 'g')).toEqual({ tipo: 'nuova', ripresa: false });
  });
});
