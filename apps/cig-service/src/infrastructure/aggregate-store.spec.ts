import type { Decider, DomainEvent } from '#domain';
import { InMemoryEventStore } from '#event-store';
import { ManualClock, randomIds } from '#platform';
import { AggregateStore, streamNuovo, type CommandMeta } from './aggregate-store.js';

type Aggiunto = DomainEvent<'Aggiunto', { readonly n: number }>;
/** A counter that refuses to go past 3: enough to see what is decided on which state. */
const contatore: Decider<{ readonly aggiungi: number }, Aggiunto, number, undefined> = {
  initialState: 0,
  evolve: (s, e) => s + e.data.n,
  decide: (c, s) => {
    if (s + c.aggiungi > 3) throw new Error(`oltre 3: ${s} + ${c.aggiungi}`);
    return c.aggiungi === 0 ? [] : [{ type: 'Aggiunto', data: { n: c.aggiungi } }];
  },
};
const meta: CommandMeta = { attore: { sistema: 'test' }, correlationId: 'c', causationId: 'c' };

describe('AggregateStore.decideAndAppend: decides on the stream its caller loaded', () => {
  let store: InMemoryEventStore;
  let letture: number;
  let aggregates: AggregateStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
    letture = 0;
    const leggi = store.readStream.bind(store);
    store.readStream = (...a) => {
      letture++;
      return leggi(...a);
    };
    aggregates = new AggregateStore(store, new ManualClock('2025-01-01T00:00:00Z'), randomIds);
  });

  it('decides the commands in order on the state given and appends them at once, without reading again', async () => {
    const caricato = await aggregates.load('c-1', contatore);
    const esito = await aggregates.decideAndAppend('c-1', contatore, caricato, [{ aggiungi: 1 }, { aggiungi: 2 }], undefined, meta);
    expect(esito.state).toBe(3);
    expect(esito.revision).toBe(1n);
    expect(letture).toBe(1);
    expect((await store.readStream('c-1')).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    // Nothing to do: nothing appended, the position and revision of the state given.
    const invariato = await aggregates.decideAndAppend('c-1', contatore, await aggregates.load('c-1', contatore), [{ aggiungi: 0 }], undefined, meta);
    expect(invariato).toMatchObject({ position: (await store.readStream('c-1')).at(-1)!.position, revision: 1n });
    // Nothing to do on a stream nobody wrote: no revision.
    expect((await aggregates.decideAndAppend('c-0', contatore, streamNuovo(contatore), [{ aggiungi: 0 }], undefined, meta)).revision).toBeUndefined();
  });

  it('refresh folds onto what was loaded only the events appended since: the state of a full read', async () => {
    const caricato = await aggregates.load('c-4', contatore);
    const primo = await aggregates.decideAndAppend('c-4', contatore, caricato, [{ aggiungi: 1 }], undefined, meta);
    const noto = { state: primo.state, revision: primo.revision, events: [] };
    // Nothing new: the same, after one read.
    letture = 0;
    expect(await aggregates.refresh('c-4', contatore, noto)).toBe(noto);
    expect(letture).toBe(1);
    await aggregates.execute('c-4', contatore, { aggiungi: 2 }, undefined, meta);
    const aggiornato = await aggregates.refresh('c-4', contatore, noto);
    expect(aggiornato).toMatchObject({ state: 3, revision: 1n });
    expect(aggiornato.events.map((e) => e.revision)).toEqual([1n]);
    const intero = await aggregates.load('c-4', contatore);
    expect([aggiornato.state, aggiornato.revision]).toEqual([intero.state, intero.revision]);
    // Nothing loaded yet: a whole read.
    expect(await aggregates.refresh('c-4', contatore, streamNuovo(contatore))).toMatchObject({ state: 3, revision: 1n });
  });

  it('a new stream is appended with no_stream: another writer first is a conflict', async () => {
    await aggregates.decideAndAppend('c-2', contatore, streamNuovo(contatore), [{ aggiungi: 1 }], undefined, meta);
    expect(letture).toBe(0);
    await expect(aggregates.decideAndAppend('c-2', contatore, streamNuovo(contatore), [{ aggiungi: 1 }], undefined, meta)).rejects.toMatchObject({ code: 'MODIFICA_CONCORRENTE' });
  });

  it('a change since the load: 409 by default; with retryOnConflict decided again on a fresh read', async () => {
    const vecchio = await aggregates.load('c-3', contatore);
    await aggregates.execute('c-3', contatore, { aggiungi: 2 }, undefined, meta);
    await expect(aggregates.decideAndAppend('c-3', contatore, vecchio, [{ aggiungi: 1 }], undefined, meta)).rejects.toMatchObject({ code: 'MODIFICA_CONCORRENTE' });
    const esito = await aggregates.decideAndAppend('c-3', contatore, vecchio, [{ aggiungi: 1 }], undefined, meta, { retryOnConflict: 1 });
    // The revision after the append on the state read again, not the one first given.
    expect(esito).toMatchObject({ state: 3, revision: 1n });
    // Decided again on the new state, the rule holds: 3 + 1 is refused.
    await expect(aggregates.decideAndAppend('c-3', contatore, vecchio, [{ aggiungi: 1 }], undefined, meta, { retryOnConflict: 1 })).rejects.toThrow('oltre 3: 3 + 1');
  });
});
