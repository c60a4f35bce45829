import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import { cigStream } from '#domain';
import { ManualClock } from '#platform';
import { buyer, CDC, meta, moduloRegimi, RUP, type LettureContate, type SimogFinto } from '../testing/regimi-anac.js';
import { AnnullaSmartCig } from './annulla/annulla-smart-cig.command.js';
import { AnnullaSmartCigHandler } from './annulla/annulla-smart-cig.handler.js';
import { DettaglioSmartCigHandler, TrasmissioniSmartCigHandler } from './consulta/consulta.handlers.js';
import { DettaglioSmartCig, TrasmissioniSmartCig } from './consulta/consulta.queries.js';
import { ModificaSmartCig } from './modifica/modifica-smart-cig.command.js';
import { ModificaSmartCigHandler } from './modifica/modifica-smart-cig.handler.js';
import { RichiediSmartCig } from './richiedi/richiedi-smart-cig.command.js';
import { RichiediSmartCigHandler } from './richiedi/richiedi-smart-cig.handler.js';

const dati = (importo = '1500.00') => ({
  fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA' as const, importo, oggetto: 'stampe digitali', procedura: 'AFFIDAMENTO_IN_ECONOMIA_COTTIMO_FIDUCIARIO' as const, oggettoPrincipale: 'SERVIZI' as const,
});

/** The SmartCIG use cases through Nest's CommandBus and QueryBus, on the in-memory event store and a fake SmartCIG (no HTTP, no database). */
describe('SmartCIG use cases on @nestjs/cqrs and the in-memory event store', () => {
  let store: LettureContate;
  let simog: SimogFinto;
  let comandi: CommandBus;
  let query: QueryBus;
  const io = buyer();

  beforeEach(async () => {
    ({ store, simog, comandi, query } = await moduloRegimi(new ManualClock('2015-03-02T09:00:00.000Z'), [
      RichiediSmartCigHandler, ModificaSmartCigHandler, AnnullaSmartCigHandler, DettaglioSmartCigHandler, TrasmissioniSmartCigHandler,
    ]));
  });

  const richiedi = (importo?: string) => comandi.execute(new RichiediSmartCig({ centroDiCosto: CDC, rup: RUP, dati: dati(importo) }, io, meta));

  it('a request is decided before SmartCIG is asked: over the threshold nothing is asked, nothing is appended', async () => {
    await expect(richiedi('45000.00')).rejects.toMatchObject({ code: 'SOGLIA_SMARTCIG_SUPERATA' });
    expect(simog.chiamate).toEqual([]);
    const r = await richiedi();
    expect(r.posizione).toBeDefined();
    expect(simog.chiamate).toEqual(['richiedi-smartcig']);
    expect((await store.readStream(cigStream(r.cig))).map((e) => e.type)).toEqual(['CigAssegnato', 'CigComunicato']);
  });

  it('modify and annul read the code’s stream once each and append once', async () => {
    const { cig } = await richiedi();
    expect(await store.letturePer(cigStream(cig), () => comandi.execute(new ModificaSmartCig(cig, dati('2000.00'), io, meta)))).toBe(1);
    expect(store.scritture.get(cigStream(cig))).toBe(1);
    let annullato!: { stato: string };
    expect(await store.letturePer(cigStream(cig), async () => (annullato = await comandi.execute(new AnnullaSmartCig(cig, 'errore', io, meta))))).toBe(1);
    expect(annullato.stato).toBe('ANNULLATO');
    expect(simog.chiamate).toEqual(['richiedi-smartcig', 'modifica-smartcig', 'annulla-smartcig']);
    // Annulled: annulling again has nothing to do, SmartCIG is not asked.
    expect(await comandi.execute(new AnnullaSmartCig(cig, undefined, io, meta))).toMatchObject({ stato: 'ANNULLATO', posizione: undefined });
    expect(simog.chiamate).toHaveLength(3);
  });

  it('another office may not modify the code nor read it; the detail and the log for the owner', async () => {
    const { cig } = await richiedi();
    await expect(comandi.execute(new ModificaSmartCig(cig, dati('2000.00'), buyer('UFF-ALTRO'), meta))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(query.execute(new DettaglioSmartCig(cig, buyer('UFF-ALTRO')))).rejects.toMatchObject({ kind: 'forbidden' });
    expect(simog.chiamate).toEqual(['richiedi-smartcig']);
    expect(await query.execute(new DettaglioSmartCig(cig, io))).toMatchObject({ cig, dati: { importo: '1500.00' } });
    expect((await query.execute(new TrasmissioniSmartCig(cig, io))).map((r) => r.operazione)).toEqual(['richiedi-smartcig']);
  });
});
