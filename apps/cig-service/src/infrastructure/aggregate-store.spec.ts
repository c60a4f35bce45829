import type { Decider } from '#domain';
import { InMemoryEventStore } from '#event-store';
import { ManualClock, randomIds } from '#platform';
import { AggregateStore, lettureDellaRichiesta, type CommandMeta } from './aggregate-store.js';

type Evento = { type: 'Contato'; data: { n: number } };
/** A counter: each command adds one event carrying the count it was decided on. */
const contatore: Decider<{ type: 'Conta' }, Evento, number, unknown> = {
  initialState: 0,
  evolve: (n) => n + 1,
  decide: (_c, n) => [{ type: 'Contato', data: { n } }],
};

/** The in-memory store, counting the reads of each stream. */
class StoreContato extends InMemoryEventStore {
  letture = 0;
  override readStream(...args: Parameters<InMemoryEventStore['readStream']>) {
    this.letture++;
    return super.readStream(...args);
  }
}

describe('AggregateStore: the streams a request read', () => {
  const meta: CommandMeta = { attore: { sistema: 'test' }, correlationId: 'c', causationId: 'c' };
  let store: StoreContato;
  let aggregates: AggregateStore;

  beforeEach(async () => {
    store = new StoreContato();
    aggregates = new AggregateStore(store, new ManualClock(), randomIds);
    await aggregates.execute('conto-1', contatore, { type: 'Conta' }, {}, meta);
    store.letture = 0;
  });

  it('within a request, a command on a stream just loaded decides on that read without reading it again', async () => {
    await lettureDellaRichiesta.run(new Map(), async () => {
      expect((await aggregates.load('conto-1', contatore)).state).toBe(1);
      const esito = await aggregates.execute('conto-1', contatore, { type: 'Conta' }, {}, meta);
      expect(esito.events).toEqual([{ type: 'Contato', data: { n: 1 } }]);
      // After its append, the read is no longer the state: the next command reads again.
      await aggregates.execute('conto-1', contatore, { type: 'Conta' }, {}, meta);
    });
    expect(store.letture).toBe(2);
    expect((await store.readStream('conto-1')).map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2]);
  });

  it('a change made after the read is a conflict, decided again on a fresh read when the command allows it', async () => {
    await lettureDellaRichiesta.run(new Map(), async () => {
      await aggregates.load('conto-1', contatore);
      // Another request appends in between.
      await lettureDellaRichiesta.run(new Map(), () => aggregates.execute('conto-1', contatore, { type: 'Conta' }, {}, meta));
      await expect(aggregates.execute('conto-1', contatore, { type: 'Conta' }, {}, meta)).rejects.toMatchObject({ code: 'MODIFICA_CONCORRENTE' });
    });
    await lettureDellaRichiesta.run(new Map(), async () => {
      await aggregates.load('conto-1', contatore);
      await lettureDellaRichiesta.run(new Map(), () => aggregates.execute('conto-1', contatore, { type: 'Conta' }, {}, meta));
      const esito = await aggregates.execute('conto-1', contatore, { type: 'Conta' }, {}, meta, { retryOnConflict: 1 });
      expect(esito.events).toEqual([{ type: 'Contato', data: { n: 3 } }]);
    });
  });

  it('outside a request every command reads its stream', async () => {
    await aggregates.load('conto-1', contatore);
    await aggregates.execute('conto-1', contatore, { type: 'Conta' }, {}, meta);
    expect(store.letture).toBe(2);
  });
});
