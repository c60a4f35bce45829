import { preparaAd5 } from './support/appalti.js';
import { eventually, SENZA_LIMITE_RICHIESTE, servizioDellaSuite, startTestService } from './support/service.js';

/**
 * GET /audit/stato: the audit trail at a glance for its officers (records, latest signed tree head,
 * latest checkpoint, latest verification), read from the read models; the readers of the trail
 * only (audit.leggi: AUDITOR, RPCT, ADMIN).
 */
describe('GET /audit/stato', () => {
  // A signed head every 3 records and a checkpoint every 2: both exist after one request.
  const t = servizioDellaSuite(() => startTestService({ ...SENZA_LIMITE_RICHIESTE, AUDIT_STH_EVERY: '3', AUDIT_STH_SECONDS: '0', AUDIT_CHECKPOINT_EVERY: '2' }));

  beforeAll(async () => {
    await preparaAd5(t.as('francesca.bianchi'));
  });

  it('is for the readers of the trail: 401 without a token, 403 to a buyer and a RUP, 200 to auditor, RPCT and administrator', async () => {
    const anonimo = await t.request('GET', '/audit/stato');
    expect([anonimo.status, anonimo.headers.get('content-type')]).toEqual([401, expect.stringContaining('application/problem+json')]);
    for (const userId of ['francesca.bianchi', 'anna.rossi']) {
      const r = await t.as(userId).request('GET', '/audit/stato');
      expect([userId, r.status, r.headers.get('content-type'), r.body.code]).toEqual([userId, 403, expect.stringContaining('application/problem+json'), expect.any(String)]);
    }
    for (const userId of ['paola.neri', 'sara.ferri', 'luca.conti']) expect([userId, (await t.as(userId).request('GET', '/audit/stato')).status]).toEqual([userId, 200]);
  });

  it('gives the records, the latest signed head and checkpoint as the trail has them, and the latest verification once one ends', async () => {
    const rpct = t.as('sara.ferri');
    // Read while the projection settles: the count is the table's, the head the one GET /audit/sth gives.
    const { stato, sth } = await eventually(async () => {
      const r = await rpct.request('GET', '/audit/stato');
      const testa = await t.request('GET', '/audit/sth');
      const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM rm_audit');
      expect([r.status, testa.status, Number(rows[0]!.n) >= 3, r.body.record]).toEqual([200, 200, true, rows[0]!.n]);
      expect(r.body.ultimaTesta).toEqual({ dimensione: testa.body.dimensione, timestamp: testa.body.timestamp, chiave: testa.body.chiave });
      return { stato: r.body, sth: testa };
    }, 20_000, 'the audit projection');
    expect(Number(stato.ultimaTesta.dimensione) % 3).toBe(0);
    const { rows } = await t.db.pool.query<{ seq: string }>('SELECT max(seq)::text AS seq FROM rm_audit_checkpoint');
    expect(stato.ultimoCheckpoint).toEqual({ seq: rows[0]!.seq, registratoIl: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), chiave: sth.body.chiave });
    expect(Number(stato.ultimoCheckpoint.seq) % 2).toBe(0);
    expect(stato.ultimaVerifica).toBeNull();
    expect(stato.verificaInCorso).toBeNull();

    const verifica = await rpct.request('GET', '/audit/verifica?attesa=20');
    expect([verifica.status, verifica.body.integra]).toEqual([200, true]);
    const dopo = await rpct.request('GET', '/audit/stato');
    expect(dopo.body.ultimaVerifica).toEqual(
      expect.objectContaining({
        id: verifica.body.verifica.id,
        stato: 'CONCLUSA',
        integra: true,
        problema: null,
        errore: null,
        recordControllati: verifica.body.recordVerificati,
        avviataIl: verifica.body.verifica.avviataIl,
        conclusaIl: verifica.body.verifica.conclusaIl,
      }),
    );
    expect(dopo.body.verificaInCorso).toBeNull();
  });

  it('names the tampered record of the latest verification', async () => {
    const rpct = t.as('sara.ferri');
    const { rows } = await t.db.pool.query<{ seq: string }>('SELECT min(seq)::text AS seq FROM rm_audit');
    await t.db.pool.query("UPDATE rm_audit SET motivazione = 'alterato a mano' WHERE seq = $1", [rows[0]!.seq]);
    expect((await rpct.request('GET', '/audit/verifica?attesa=20')).body.integra).toBe(false);
    const stato = await rpct.request('GET', '/audit/stato');
    expect(stato.body.ultimaVerifica).toEqual(expect.objectContaining({ stato: 'CONCLUSA', integra: false, problema: expect.objectContaining({ tipo: 'ALTERATO', seq: rows[0]!.seq }) }));
  });
});
