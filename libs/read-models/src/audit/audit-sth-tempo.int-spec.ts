import { generateKeyPairSync } from 'node:crypto';
import { ambienteDiProva, richiesta, type AmbienteDiProva } from '../testing/ambiente-di-prova.js';
import { FirmaAudit } from './audit-firma.js';
import { radiceAlbero } from './audit-merkle.js';
import { portachiavi, verificaTesta } from './audit-sth.js';
import { testaATempo } from './audit-sth-tempo.js';
import { auditProjection } from './audit.projection.js';

/** AUDIT_STH_SECONDS: heads by time, from the records' recorded time and, for an idle tail, the injected clock. */
describe('audit trail: signed tree heads by time', () => {
  let t: AmbienteDiProva;
  const firma = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
  // By count only every 1000 records: the heads here come from the time rule.
  const consumer = auditProjection({ firma, ogni: 100_000, sthOgni: 1000, sthSecondi: 60 });
  const teste = async () =>
    (await t.db.pool.query<{ dimensione: string; timestamp: string }>('SELECT dimensione::text AS dimensione, timestamp FROM rm_audit_sth ORDER BY rm_audit_sth.dimensione')).rows;
  const scrivi = (il: string) => t.scrivi(richiesta({ creataIl: il, lotti: [] }).flussi);

  beforeAll(async () => {
    t = await ambienteDiProva();
  });
  afterAll(() => t?.close());

  it('a record recorded 60 s or more after the last head closes a head over the records before it; the idle tail gets its head from the clock', async () => {
    await scrivi('2024-03-05T09:00:00.000Z');
    await scrivi('2024-03-05T09:00:30.000Z');
    await t.proietta(consumer);
    expect(await teste()).toEqual([]);
    // Recorded 90 s after record 1: the two records before it get a head, timestamped by the last of them.
    await scrivi('2024-03-05T09:01:30.000Z');
    await t.proietta(consumer);
    expect(await teste()).toEqual([{ dimensione: '2', timestamp: '2024-03-05T09:00:30.000Z' }]);

    // The tail (record 3) waits for the clock: not before 60 s after the last head's timestamp.
    expect(await testaATempo(t.db.pool, firma, 60, new Date('2024-03-05T09:01:29.000Z'))).toBeUndefined();
    const testa = await testaATempo(t.db.pool, firma, 60, new Date('2024-03-05T09:01:31.000Z'));
    expect(testa).toMatchObject({ dimensione: '3', timestamp: '2024-03-05T09:01:30.000Z', radice: (await radiceAlbero(t.db.pool, 3)).toString('hex') });
    expect(verificaTesta(testa!, portachiavi([firma.chiavePubblicaPem]))).toBe('VALIDA');
    // Nothing new: no other head, however late.
    expect(await testaATempo(t.db.pool, firma, 60, new Date('2024-03-06T00:00:00.000Z'))).toBeUndefined();
    expect((await teste()).map((x) => x.dimensione)).toEqual(['2', '3']);
  });

  it('the clock signs nothing while the projection has not reached the end of the log', async () => {
    await scrivi('2024-03-05T09:03:00.000Z');
    const alPasso = { store: t.store, checkpoints: t.checkpoints };
    expect(await testaATempo(t.db.pool, firma, 60, new Date('2024-03-06T00:00:00.000Z'), alPasso)).toBeUndefined();
    await t.proietta(consumer);
    // Record 4 came 90 s after the head of 3: the rule signed nothing new (3 was covered); the clock covers 4.
    expect(await testaATempo(t.db.pool, firma, 60, new Date('2024-03-06T00:00:00.000Z'), alPasso)).toMatchObject({ dimensione: '4', timestamp: '2024-03-05T09:03:00.000Z' });
  });

  it('a replay of the trail signs the same heads, the timer\'s included, byte for byte', async () => {
    await scrivi('2024-03-05T09:05:00.000Z');
    await t.proietta(consumer);
    const live = (await t.db.pool.query('SELECT * FROM rm_audit_sth ORDER BY rm_audit_sth.dimensione')).rows;
    await t.db.pool.query('TRUNCATE rm_audit, rm_audit_checkpoint, rm_audit_cig, rm_audit_merkle, rm_audit_sth');
    await t.proietta(consumer, { nome: 'audit-replay' });
    expect((await t.db.pool.query('SELECT * FROM rm_audit_sth ORDER BY rm_audit_sth.dimensione')).rows).toEqual(live);
  });
});
