import type { RecordedEvent } from '#event-store';
import type { RunningSimulator } from '../apps/anac-sim/src/simulator.js';
import { cigRegistrar } from '../apps/cig-service/src/anac/cig-registrar.js';
import { AggregateStore } from '../apps/cig-service/src/infrastructure/aggregate-store.js';
import { appaltoQuando, preparaAd5, preparaAperta } from './support/appalti.js';
import { eventually, startTestService, type TestService } from './support/service.js';
import { preparaBanco, type Banco } from './support/istanze.js';
import type { TestDatabase } from './support/test-database.js';

/**
 * Redelivery changes nothing. Contract of every consumer that appends or schedules (the CIG
 * registrars, the ANAC process manager, the deadlines): replayed from position 0 over a log that
 * already holds its own output (checkpoint reset), it appends no event, reopens no practice and
 * fails on nothing.
 */
describe('redelivered events change nothing', () => {
  const CONSUMATORI = ['registro-cig', 'registro-cig-simog', 'anac-pratiche', 'scadenze'];
  let banco: Banco | undefined;
  let db: TestDatabase;
  let sim: RunningSimulator;
  let dataDir: string;
  let t: TestService | undefined;

  beforeAll(async () => {
    banco = await preparaBanco('riconsegna', { timings: { confermaMs: 0, confermaPolls: 1, pubblicaMs: 0, pubblicaPolls: 1, modificaAvvisoMs: 0, modificaAvvisoPolls: 1, verificaMs: 0 } });
    ({ db, sim, dataDir } = banco);
  });
  afterAll(async () => {
    await t?.close();
    await banco?.chiudi();
  });

  const avvia = () => startTestService({}, { db, sim, dataDir });
  const q = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows;
  const finoA = appaltoQuando;
  const fotografia = async () => ({
    eventi: await q('SELECT stream_id, event_type, event_id FROM es_events ORDER BY global_position'),
    pratiche: await q('SELECT appalto_id, operazione, richiesta_id, passo, stato, tentativi FROM anac_pratiche ORDER BY appalto_id, operazione'),
    scadenze: await q('SELECT * FROM scadenze ORDER BY tipo, chiave'),
  });

  it('replayed from position 0 over their own output, the consumers append nothing, reopen nothing and report no error', async () => {
    t = await avvia();
    const buyer = t.as('francesca.bianchi');
    // Direct award confirmed; one confirmed then cancelled; an open procedure confirmed, its avviso
    // replaced while the publication was pending (CIGs superseded), then published; one refused
    // by ANAC and sent again.
    const diretto = await preparaAd5(buyer);
    await buyer.request('POST', `/appalti/${diretto}/conferma`);
    const cancellato = await preparaAd5(buyer);
    await buyer.request('POST', `/appalti/${cancellato}/conferma`);
    const aperto = await preparaAperta(buyer, 2);
    await buyer.request('POST', `/appalti/${aperto}/conferma`);
    await finoA(buyer, diretto, (a) => a.stato === 'CONF' && !a.operazioneInCorso, 'direct award CONF');
    await finoA(buyer, cancellato, (a) => a.stato === 'CONF' && !a.operazioneInCorso, 'second CONF');
    await buyer.request('DELETE', `/appalti/${cancellato}`, { motivo: 'Errore materiale' });
    await finoA(buyer, aperto, (a) => a.stato === 'CONF' && !a.operazioneInCorso, 'open CONF');
    sim.admin.setTimings({ pubblicaMs: 60_000 });
    await buyer.request('POST', `/appalti/${aperto}/pubblica`);
    await finoA(buyer, aperto, (a) => a.stato === 'IN_ATT_PUBB', 'IN_ATT_PUBB');
    await buyer.request('POST', `/appalti/${aperto}/avviso/modifica`, {});
    await finoA(buyer, aperto, (a) => a.cigSostituiti.length === 2, 'avviso replaced');
    sim.admin.setTimings({ pubblicaMs: 0 });
    sim.admin.endWaits();
    await finoA(buyer, aperto, (a) => a.stato === 'PUBB' && !a.operazioneInCorso, 'PUBB');
    await finoA(buyer, cancellato, (a) => a.stato === 'CANC' && !a.operazioneInCorso, 'CANC');
    // Refused by ANAC (KO), then sent again: two requests of the same kind for one appalto.
    const rinviato = await preparaAd5(buyer);
    sim.admin.programKo({ codiceAppalto: rinviato });
    await buyer.request('POST', `/appalti/${rinviato}/conferma`);
    await finoA(buyer, rinviato, (a) => a.ultimoEsitoAnac && !a.operazioneInCorso, 'KO');
    expect((await buyer.request('POST', `/appalti/${rinviato}/conferma`)).status).toBe(202);
    await finoA(buyer, rinviato, (a) => a.stato === 'CONF' && !a.operazioneInCorso, 'CONF after the resend');
    await eventually(async () => ((await q(`SELECT 1 FROM anac_pratiche WHERE stato = 'ATTIVA'`)).length === 0 ? true : undefined), 30_000, 'no practice active');
    await t.close();
    t = undefined;

    const prima = await fotografia();
    expect(prima.pratiche.every((p) => p.stato === 'COMPLETATA')).toBe(true);
    await q('DELETE FROM es_checkpoints WHERE consumer = ANY($1)', [CONSUMATORI]);

    t = await avvia();
    const errori: string[] = [];
    let ultimo: unknown;
    await eventually(async () => {
      const stato = (await t!.request('GET', '/ready')).body.consumatori as Array<{ nome: string; allineato: boolean; errore: string | null }>;
      const nostri = stato.filter((c) => CONSUMATORI.includes(c.nome));
      errori.push(...nostri.flatMap((c) => (c.errore ? [`${c.nome}: ${c.errore}`] : [])));
      // No SIMOG lot in this log: registro-cig-simog has nothing to replay and no checkpoint to save.
      const salvati = await q('SELECT consumer FROM es_checkpoints WHERE consumer = ANY($1)', [CONSUMATORI.filter((c) => c !== 'registro-cig-simog')]);
      ultimo = { nostri, salvati };
      return nostri.length === CONSUMATORI.length && nostri.every((c) => c.allineato) && salvati.length === CONSUMATORI.length - 1 ? true : undefined;
    }, 30_000, 'the replayed consumers caught up').catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(ultimo)}`);
    });
    expect(errori).toEqual([]);
    expect(await fotografia()).toEqual(prima);
  });

  it('the assignment of a code to the very lot that holds it, recorded first with other details, is a no-op ("già assegnato al lotto LOT-0001")', async () => {
    t ??= await avvia();
    const { eventStore, clock, ids } = t.service.runtime;
    const aggregates = new AggregateStore(eventStore, clock, ids);
    const appaltoId = ids.uuid();
    const cig = '00000021A6';
    // As an import of historical data records it: regime SIMOG, no ANAC id of the appalto.
    await eventStore.appendToStream(`cig-${cig}`, [
      { id: ids.uuid(), type: 'CigAssegnato', data: { cig, regime: 'SIMOG', appaltoId, lotIdentifier: 'LOT-0001', il: '2023-05-02T09:00:00.000Z' }, metadata: {} },
    ], { expectedRevision: 'any' });
    const confermato = {
      streamId: `appalto-${appaltoId}`, revision: 5n, position: '1', id: ids.uuid(), type: 'AppaltoConfermato',
      data: { idAppaltoAnac: 'id-anac', cig: [{ lotIdentifier: 'LOT-0001', cig }], il: '2023-05-02T09:00:00.000Z' }, metadata: {}, created: new Date(),
    } as unknown as RecordedEvent;
    const registrar = cigRegistrar(aggregates, clock, ids);
    const prima = (await q('SELECT count(*)::int AS n FROM es_events'))[0].n;
    await expect(registrar.handle([confermato], db.pool as never)).resolves.toBeUndefined();
    await expect(registrar.handle([confermato], db.pool as never)).resolves.toBeUndefined();
    expect((await q('SELECT count(*)::int AS n FROM es_events'))[0].n).toBe(prima);
  });
});
