import { ANAGRAFICA_STREAM, anagraficaDecider } from '#domain';
import { InMemoryEventStore } from '#event-store';
import { ManualClock, randomIds } from '#platform';
import { AggregateStore, type CommandMeta } from '../infrastructure/aggregate-store.js';
import { AnagraficaService } from './anagrafica.service.js';

/** Command handling below e2e: the real service and decider on the in-memory event store. */
describe('anagrafica commands on the in-memory event store', () => {
  const meta: CommandMeta = { attore: { sistema: 'test' }, correlationId: 'corr-1', causationId: 'cmd-1' };
  const sa = { type: 'RegistraStazioneAppaltante' as const, codiceFiscale: '80012345676', denominazione: 'Comune di Prova', codiceAusa: '0000123456' };
  const ufficio = (codice: string) => ({ type: 'RegistraUfficio' as const, codice, denominazione: `Ufficio ${codice}`, sa: sa.codiceFiscale });
  let store: InMemoryEventStore;
  let aggregates: AggregateStore;
  let service: AnagraficaService;

  beforeEach(() => {
    store = new InMemoryEventStore();
    aggregates = new AggregateStore(store, new ManualClock(), randomIds);
    service = new AnagraficaService(store, aggregates, new ManualClock(), randomIds);
  });

  it('appends the decided event with the command metadata, and the directory reads it back', async () => {
    await service.esegui(sa, meta);
    const [event] = await store.readStream(ANAGRAFICA_STREAM);
    expect(event.type).toBe('StazioneAppaltanteRegistrata');
    expect(event.metadata).toMatchObject({ correlationId: 'corr-1', causationId: 'cmd-1', actor: { userId: 'sistema:test', role: 'SISTEMA' } });
    expect((await service.stato()).stazioni.get(sa.codiceFiscale)?.denominazione).toBe('Comune di Prova');
  });

  it('a rule of the decider refuses the command and appends nothing', async () => {
    await service.esegui(sa, meta);
    await expect(service.esegui(sa, meta)).rejects.toMatchObject({ code: 'SA_GIA_REGISTRATA', kind: 'conflict' });
    expect(await store.readStream(ANAGRAFICA_STREAM)).toHaveLength(1);
  });

  it('two concurrent commands on one stream: without retry the loser is MODIFICA_CONCORRENTE, with retry both land', async () => {
    await service.esegui(sa, meta);
    const results = await Promise.allSettled([
      aggregates.execute(ANAGRAFICA_STREAM, anagrafica(), ufficio('U1'), ctx(), meta),
      aggregates.execute(ANAGRAFICA_STREAM, anagrafica(), ufficio('U2'), ctx(), meta),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'MODIFICA_CONCORRENTE' });

    await Promise.all([service.esegui(ufficio('U3'), meta), service.esegui(ufficio('U4'), meta)]);
    const uffici = [...(await service.stato()).uffici.keys()].sort();
    expect(uffici).toEqual([...uffici.filter((u) => u === 'U1' || u === 'U2'), 'U3', 'U4'].sort());
    expect(uffici).toHaveLength(3);
  });

  it('reads asked while one is on its way share the next one, which still sees what was appended before they were asked', async () => {
    await service.esegui(sa, meta);
    await service.stato();
    let letture = 0;
    const readStream = store.readStream.bind(store);
    store.readStream = (...args: Parameters<InMemoryEventStore['readStream']>) => (letture++, readStream(...args));
    const prima = service.stato();
    // Appended while a read is on its way: the reads asked from now on must see it.
    await aggregates.append(ANAGRAFICA_STREAM, [{ type: 'UfficioRegistrato', data: { codice: 'U7', denominazione: 'Ufficio U7', sa: sa.codiceFiscale } }], meta, 0n);
    await prima;
    letture = 0;
    const dopo = await Promise.all(Array.from({ length: 20 }, () => service.stato()));
    expect(dopo.every((a) => a.uffici.has('U7'))).toBe(true);
    // The first starts a read, the other nineteen share the one after it.
    expect(letture).toBe(2);
  });

  it('a command of the service redone after a crash appends the same event ids, which the store ignores', async () => {
    await service.esegui(sa, meta);
    const seeded: CommandMeta = { ...meta, eventIdSeed: 'scadenza-42' };
    const events = [{ type: 'UfficioRegistrato', data: { codice: 'U9', denominazione: 'Ufficio U9', sa: sa.codiceFiscale } }];
    const first = await aggregates.append(ANAGRAFICA_STREAM, events, seeded, 0n);
    const again = await aggregates.append(ANAGRAFICA_STREAM, events, seeded, 0n);
    expect(again).toBe(first);
    expect(await store.readStream(ANAGRAFICA_STREAM)).toHaveLength(2);
  });
});

const anagrafica = () => anagraficaDecider;
const ctx = () => ({ now: new Date('2026-01-01T00:00:00Z'), newId: () => 'id' });
