import { generateKeyPairSync } from 'node:crypto';
import { ambienteDiProva, richiesta, type AmbienteDiProva } from '../testing/ambiente-di-prova.js';
import { FirmaAudit } from './audit-firma.js';
import { statoAudit } from './audit-stato.js';
import { auditProjection } from './audit.projection.js';

/** GET /audit/stato's reading: the trail's size, its latest head and checkpoint by number, the latest verification. */
describe('audit trail: its state at a glance', () => {
  let t: AmbienteDiProva;
  const firma = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
  const consumer = auditProjection({ firma, ogni: 3, sthOgni: 3, sthSecondi: 0 });
  const verifica = (id: string, stato: string, avviataIl: string, rinnovataIl: string, extra: { avviataDa?: string; esito?: unknown; errore?: string } = {}) =>
    t.db.pool.query(
      `INSERT INTO audit_verifiche (id, stato, avviata_il, rinnovata_il, conclusa_il, record_controllati, record_totali, esito, errore, avviata_da)
       VALUES ($1, $2, $3, $4, CASE WHEN $2 = 'IN_CORSO' THEN NULL ELSE $3::timestamptz END, 7, 12, $5, $6, $7)`,
      [id, stato, avviataIl, rinnovataIl, extra.esito ? JSON.stringify(extra.esito) : null, extra.errore ?? null, extra.avviataDa ?? null],
    );

  beforeAll(async () => {
    t = await ambienteDiProva();
  });
  afterAll(() => t?.close());

  it('an empty trail: no records, no head, no checkpoint, no verification', async () => {
    expect(await statoAudit(t.db.pool)).toEqual({ record: '0', ultimaTesta: null, ultimoCheckpoint: null, ultimaVerifica: null, verificaInCorso: null });
  });

  it('the latest head and checkpoint by number (12 after 9, not "9" after "12")', async () => {
    for (let i = 0; i < 13; i++) await t.scrivi(richiesta({ creataIl: `2024-03-05T09:${String(i).padStart(2, '0')}:00.000Z`, lotti: [] }).flussi);
    await t.proietta(consumer);
    const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM rm_audit');
    const n = Number(rows[0]!.n);
    expect(n).toBeGreaterThanOrEqual(12);
    const ultimo = String(n - (n % 3));
    const stato = await statoAudit(t.db.pool);
    expect(stato.record).toBe(String(n));
    expect(stato.ultimaTesta).toEqual({ dimensione: ultimo, timestamp: expect.stringMatching(/^2024-03-05T09:/), chiave: firma.chiave });
    expect(stato.ultimoCheckpoint).toEqual({ seq: ultimo, registratoIl: expect.stringMatching(/^2024-03-05T09:/), chiave: firma.chiave });
  });

  it('the latest verification that ended, who started it and its outcome; of two started at one business instant, the one renewed last', async () => {
    const problema = { tipo: 'ALTERATO', seq: '4', eventId: null, dettaglio: 'hash diverso' };
    await verifica('00000000-0000-4000-8000-000000000001', 'CONCLUSA', '2024-03-05T10:00:00Z', '2026-01-01T08:00:00Z', {
      avviataDa: 'paola.neri',
      esito: { integra: true, recordVerificati: 7, checkpointVerificati: 2, ultimoSeq: '7', problema: null, chiave: firma.chiave },
    });
    await verifica('00000000-0000-4000-8000-000000000002', 'CONCLUSA', '2024-03-05T10:00:00Z', '2026-01-01T08:05:00Z', {
      avviataDa: 'sara.ferri',
      esito: { integra: false, recordVerificati: 3, checkpointVerificati: 1, ultimoSeq: '3', problema, chiave: firma.chiave },
    });
    let stato = await statoAudit(t.db.pool);
    expect(stato.ultimaVerifica).toEqual({
      id: '00000000-0000-4000-8000-000000000002',
      stato: 'CONCLUSA',
      avviataIl: '2024-03-05T10:00:00.000Z',
      avviataDa: 'sara.ferri',
      conclusaIl: '2024-03-05T10:00:00.000Z',
      recordControllati: 7,
      recordTotali: 12,
      integra: false,
      problema,
      errore: null,
    });
    expect(stato.verificaInCorso).toBeNull();

    // One that failed, later, and one running: the failed one is the latest ended, the running one apart.
    await verifica('00000000-0000-4000-8000-000000000003', 'FALLITA', '2024-03-05T11:00:00Z', '2026-01-01T09:00:00Z', { errore: 'Verifica interrotta' });
    await verifica('00000000-0000-4000-8000-000000000004', 'IN_CORSO', '2024-03-05T12:00:00Z', '2026-01-01T10:00:00Z', { avviataDa: 'luca.conti' });
    stato = await statoAudit(t.db.pool);
    expect(stato.ultimaVerifica).toMatchObject({ id: '00000000-0000-4000-8000-000000000003', stato: 'FALLITA', avviataDa: null, integra: null, problema: null, errore: 'Verifica interrotta' });
    expect(stato.verificaInCorso).toMatchObject({ id: '00000000-0000-4000-8000-000000000004', stato: 'IN_CORSO', avviataDa: 'luca.conti', conclusaIl: null });
  });
});
