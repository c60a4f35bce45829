import type { Passo } from '../apps/cig-service/src/anac/pratiche.store.js';
import { impostaGuasto, InterruzioneSimulata, type Confine } from '../apps/cig-service/src/anac/punti-di-guasto.js';
import { preparaAd5, preparaAperta } from './support/appalti.js';
import { eventually, servizioDellaSuite } from './support/service.js';

/**
 * A step stopped at a boundary of its call to ANAC (before the request leaves; after ANAC
 * answered but before the answer is stored) is taken up again with in_volo set: the next attempt
 * reconciles with ANAC and the appalto ends in the right state with exactly one operation at ANAC.
 * (The spawned-process SIGKILL variant is in due-istanze.e2e-spec.ts.)
 */
describe('a practice interrupted at a step boundary is reconciled with ANAC', () => {
  const t = servizioDellaSuite();
  const buyer = t.as('francesca.bianchi');
  afterAll(async () => {
    impostaGuasto(undefined);
  });
  afterEach(() => impostaGuasto(undefined));

  const appalto = (id: string) => buyer.request('GET', `/appalti/${id}`).then((r) => r.body);
  const finoA = (id: string, cond: (a: any) => boolean, cosa: string) =>
    eventually(async () => {
      const a = await appalto(id);
      return cond(a) ? a : undefined;
    }, 30_000, cosa);
  /** The next call of `passo` stops at `punto`, once. */
  const interrompi = (passo: Passo, punto: Confine) => {
    let fatto = false;
    const interruzioni: string[] = [];
    impostaGuasto((p, c) => {
      if (fatto || p !== passo || c !== punto) return;
      fatto = true;
      interruzioni.push(`${p}/${c}`);
      throw new InterruzioneSimulata(p, c);
    });
    return interruzioni;
  };
  /** Operations ANAC accepted (2xx) since the last clear. */
  const accettate = (operazione: string) => t.sim.admin.calls().filter((c) => c.operation === operazione && typeof c.status === 'number' && c.status < 300).length;
  const riconciliazioni = async (id: string) =>
    Number((await t.db.pool.query(`SELECT count(*) AS n FROM es_events WHERE stream_id = $1 AND event_type = 'RiconciliazioneAnacAvviata'`, [`pratica-anac-${id}`])).rows[0].n);

  const CONFINI: Confine[] = ['prima-invio', 'dopo-risposta'];

  it('an uninterrupted conferma, each step started by the one before, reconciles nothing: one call of each at ANAC', async () => {
    const id = await preparaAd5(buyer);
    t.sim.admin.clearCalls();
    expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    await finoA(id, (x) => x.stato === 'CONF' && !x.operazioneInCorso, 'CONF');
    expect(await riconciliazioni(id)).toBe(0);
    expect([accettate('crea-appalto'), accettate('conferma-appalto'), accettate('ricerca-appalto')]).toEqual([1, 1, 0]);
    const { rows } = await t.db.pool.query('SELECT stato, in_volo, lease_di FROM anac_pratiche WHERE appalto_id = $1', [id]);
    expect(rows).toEqual([{ stato: 'COMPLETATA', in_volo: false, lease_di: null }]);
  });

  it.each(CONFINI)('conferma interrupted %s: CONF with its CIG, one conferma-appalto at ANAC', async (punto) => {
    const id = await preparaAd5(buyer);
    t.sim.admin.clearCalls();
    const interruzioni = interrompi('CONFERMA', punto);
    expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    const a = await finoA(id, (x) => x.stato === 'CONF' && !x.operazioneInCorso, 'CONF');
    expect(interruzioni).toEqual([`CONFERMA/${punto}`]);
    expect(a.lotti[0].cig).toMatch(/^[0-9A-Z]{10}$/);
    expect(accettate('conferma-appalto')).toBe(1);
    expect(await riconciliazioni(id)).toBeGreaterThanOrEqual(1);
  });

  // The practice starts at CREA straight from AVVIO (which calls nothing): the row records CREA in flight.
  it.each(CONFINI)('crea-appalto interrupted %s: found again by ricerca-appalto, CONF, one appalto at ANAC', async (punto) => {
    const id = await preparaAd5(buyer);
    t.sim.admin.clearCalls();
    const interruzioni = interrompi('CREA', punto);
    expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    const a = await finoA(id, (x) => x.stato === 'CONF' && !x.operazioneInCorso, 'CONF');
    expect(interruzioni).toEqual([`CREA/${punto}`]);
    expect(a.lotti[0].cig).toMatch(/^[0-9A-Z]{10}$/);
    expect(accettate('crea-appalto')).toBe(1);
    expect(accettate('ricerca-appalto')).toBeGreaterThanOrEqual(1);
    expect(await riconciliazioni(id)).toBeGreaterThanOrEqual(1);
  });

  it.each(CONFINI)('pubblicazione interrupted %s: PUBB, one pubblica-avviso at ANAC', async (punto) => {
    const id = await preparaAperta(buyer, 1);
    await buyer.request('POST', `/appalti/${id}/conferma`);
    await finoA(id, (x) => x.stato === 'CONF' && !x.operazioneInCorso, 'CONF');
    t.sim.admin.clearCalls();
    const interruzioni = interrompi('PUBBLICA', punto);
    expect((await buyer.request('POST', `/appalti/${id}/pubblica`)).status).toBe(202);
    await finoA(id, (x) => x.stato === 'PUBB' && !x.operazioneInCorso, 'PUBB');
    expect(interruzioni).toEqual([`PUBBLICA/${punto}`]);
    expect(accettate('pubblica-avviso')).toBe(1);
  });

  it.each(CONFINI)('modifica avviso interrupted %s: every CIG replaced once, one modifica-avviso at ANAC', async (punto) => {
    await t.sim.admin.setTimings({ pubblicaMs: 60_000 });
    try {
      const id = await preparaAperta(buyer, 2);
      await buyer.request('POST', `/appalti/${id}/conferma`);
      const vecchi = (await finoA(id, (x) => x.stato === 'CONF' && !x.operazioneInCorso, 'CONF')).lotti.map((l: { cig: string }) => l.cig);
      await buyer.request('POST', `/appalti/${id}/pubblica`);
      await finoA(id, (x) => x.stato === 'IN_ATT_PUBB', 'IN_ATT_PUBB');
      t.sim.admin.clearCalls();
      const interruzioni = interrompi('MODIFICA_AVVISO', punto);
      expect((await buyer.request('POST', `/appalti/${id}/avviso/modifica`, {})).status).toBe(202);
      const dopo = await finoA(id, (x) => x.cigSostituiti.length === 2, 'two CIGs replaced');
      expect(interruzioni).toEqual([`MODIFICA_AVVISO/${punto}`]);
      expect(dopo.cigSostituiti.map((c: { cig: string }) => c.cig).sort()).toEqual([...vecchi].sort());
      expect(accettate('modifica-avviso')).toBe(1);
    } finally {
      await t.sim.admin.setTimings({ pubblicaMs: 0 });
    }
  });

  it.each(CONFINI)('cancellazione interrupted %s: CANC, one cancella-appalto at ANAC', async (punto) => {
    const id = await preparaAd5(buyer);
    await buyer.request('POST', `/appalti/${id}/conferma`);
    await finoA(id, (x) => x.stato === 'CONF' && !x.operazioneInCorso, 'CONF');
    t.sim.admin.clearCalls();
    const interruzioni = interrompi('CANCELLA', punto);
    const r = await buyer.request('DELETE', `/appalti/${id}`, { motivo: 'Errore materiale' });
    expect(r.status).toBeLessThan(300);
    await finoA(id, (x) => x.stato === 'CANC' && !x.operazioneInCorso, 'CANC');
    expect(interruzioni).toEqual([`CANCELLA/${punto}`]);
    expect(accettate('cancella-appalto')).toBe(1);
  });
});
