import type { Decider, DomainEvent } from '#domain';
import { InMemoryEventStore } from '#event-store';
import { ManualClock, randomIds } from '#platform';
import { AggregateStore, streamNuovo, type CommandMeta } from './aggregate-store.js';
import { StatiRecenti } from './stati-recenti.js';

type Aggiunto = DomainEvent<'Aggiunto', { readonly n: number }>;
/** A counter that refuses to go past 3: enough to see what is decided on which state. */
const contatore: Decider<{ readonly aggiungi: number }, Aggiunto, number, undefined> = {
  initialState: 0,
  evolve: (s, e) => s + e.data.n,
  decide: (c, s) => {
    if (s + c.aggiungi > 3) throw new Error(`oltre 3: ${s} + ${c.aggiungi}`);
    if (s + c.aggiungi < 0) throw new Error(`sotto 0: ${s} + ${c.aggiungi}`);
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
    expect(letture).toBe(1);
    expect((await store.readStream('c-1')).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    // Nothing to do: nothing appended, the position of the state given.
    expect((await aggregates.decideAndAppend('c-1', contatore, await aggregates.load('c-1', contatore), [{ aggiungi: 0 }], undefined, meta)).position)
      .toBe((await store.readStream('c-1')).at(-1)!.position);
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
    expect(esito.state).toBe(3);
    // Decided again on the new state, the rule holds: 3 + 1 is refused.
    await expect(aggregates.decideAndAppend('c-3', contatore, vecchio, [{ aggiungi: 1 }], undefined, meta, { retryOnConflict: 1 })).rejects.toThrow('oltre 3: 3 + 1');
  });
});

describe('AggregateStore.conStato: a command on the state this instance appended last, confirmed by its append', () => {
  let store: InMemoryEventStore;
  let letture: number;
  /** This instance, and another one on the same store with its own kept states. */
  let questa: AggregateStore;
  let altra: AggregateStore;
  const aggiungi = (aggregates: AggregateStore, stream: string, n: number) =>
    aggregates.conStato(stream, contatore, (caricato) => aggregates.decideAndAppend(stream, contatore, caricato, [{ aggiungi: n }], undefined, meta));
  beforeEach(() => {
    store = new InMemoryEventStore();
    letture = 0;
    const leggi = store.readStream.bind(store);
    store.readStream = (...a) => {
      letture++;
      return leggi(...a);
    };
    questa = new AggregateStore(store, new ManualClock('2025-01-01T00:00:00Z'), randomIds, new StatiRecenti(10));
    altra = new AggregateStore(store, new ManualClock('2025-01-01T00:00:00Z'), randomIds, new StatiRecenti(10));
  });

  it('reads the stream the first time, then decides on the state of its own last append without reading', async () => {
    await aggiungi(questa, 's', 1);
    expect(letture).toBe(1);
    expect((await aggiungi(questa, 's', 1)).state).toBe(2);
    expect((await aggiungi(questa, 's', 1)).state).toBe(3);
    expect(letture).toBe(1);
    expect((await store.readStream('s')).map((e) => [e.revision, e.data])).toEqual([[0n, { n: 1 }], [1n, { n: 1 }], [2n, { n: 1 }]]);
  });

  it('another writer since: the append at the kept revision fails, and the command is decided on a read (no 409 for it)', async () => {
    await aggiungi(questa, 's', 1);
    await aggiungi(altra, 's', 1);
    const letturePrima = letture;
    expect((await aggiungi(questa, 's', 1)).state).toBe(3);
    expect(letture).toBe(letturePrima + 1);
    expect((await store.readStream('s')).map((e) => e.data)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
  });

  it('a refusal or nothing to do on the kept state is not the answer: the stream read now decides', async () => {
    await aggiungi(questa, 's', 3);
    await aggiungi(altra, 's', -2);
    // Kept: 3, so + 1 would be refused; the stream says 1.
    expect((await aggiungi(questa, 's', 1)).state).toBe(2);
    await aggiungi(altra, 's', 1);
    // Kept: 2, nothing to add; the stream is at 3 and its head is the position answered.
    const nulla = await aggiungi(questa, 's', 0);
    expect(nulla.state).toBe(3);
    expect(nulla.position).toBe((await store.readStream('s')).at(-1)!.position);
    // And a refusal on the stream read is the answer.
    await expect(aggiungi(questa, 's', 1)).rejects.toThrow('oltre 3: 3 + 1');
  });

  it('an append that fails otherwise than by a conflict may have been written: it is not redone', async () => {
    await aggiungi(questa, 's', 1);
    const appendVero = store.appendToStream.bind(store);
    // Written, then the answer is lost (the connection drops after the COMMIT).
    store.appendToStream = async (...a) => {
      await appendVero(...a);
      throw new Error('connessione interrotta');
    };
    await expect(aggiungi(questa, 's', 1)).rejects.toThrow('connessione interrotta');
    expect((await store.readStream('s')).map((e) => e.data)).toEqual([{ n: 1 }, { n: 1 }]);
  });

  it('an append without a decider forgets the kept state; with no room, nothing is kept', async () => {
    await aggiungi(questa, 's', 1);
    await questa.append('s', [{ type: 'Aggiunto', data: { n: 1 } }], meta, 'any');
    const letturePrima = letture;
    expect((await aggiungi(questa, 's', 1)).state).toBe(3);
    expect(letture).toBe(letturePrima + 1);
    const senza = new AggregateStore(store, new ManualClock('2025-01-01T00:00:00Z'), randomIds, new StatiRecenti(0));
    await aggiungi(senza, 't', 1);
    await aggiungi(senza, 't', 1);
    expect(letture).toBe(letturePrima + 3);
  });
});

describe('StatiRecenti', () => {
  const decider = {};
  it('keeps the most recently used states up to its room, the latest revision of each, per decider', () => {
    const stati = new StatiRecenti(2);
    stati.scrivi('a', decider, { state: 'a0', revision: 0n });
    stati.scrivi('b', decider, { state: 'b0', revision: 0n });
    expect(stati.leggi('a', decider)?.state).toBe('a0');
    stati.scrivi('c', decider, { state: 'c0', revision: 0n });
    // b was the least recently used.
    expect(stati.leggi('b', decider)).toBeUndefined();
    expect(stati.dimensione).toBe(2);
    // Two appends answered out of order: the later revision stays.
    stati.scrivi('a', decider, { state: 'a2', revision: 2n });
    stati.scrivi('a', decider, { state: 'a1', revision: 1n });
    expect(stati.leggi('a', decider)).toEqual({ state: 'a2', revision: 2n });
    // Another decider's state of the same name is not this one's.
    expect(stati.leggi('a', {})).toBeUndefined();
    stati.dimentica('a');
    expect(stati.leggi('a', decider)).toBeUndefined();
  });
});
