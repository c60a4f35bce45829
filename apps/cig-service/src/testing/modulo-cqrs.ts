import { Test, type TestingModule } from '@nestjs/testing';
import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import type { Provider } from '@nestjs/common';
import { InMemoryEventStore, type AppendOptions, type AppendResult, type EventData, type ReadStreamOptions, type RecordedEvent } from '#event-store';
import { CLOCK, ID_GENERATOR, ManualClock, SequentialIds, type Clock, type IdGenerator } from '#platform';
import { AggregateStore, type CommandMeta } from '../infrastructure/aggregate-store.js';
import { EVENT_STORE, WALL_CLOCK } from '../infrastructure/tokens.js';

/** The metadata of a command sent by the tests (a system actor, fixed correlation and causation). */
export const meta: CommandMeta = { attore: { sistema: 'test' }, correlationId: 'corr-1', causationId: 'cmd-1' };

/** The in-memory event store, counting the reads and the appends of each stream: a command reads its stream once. */
export class LettureContate extends InMemoryEventStore {
  readonly letture = new Map<string, number>();
  readonly scritture = new Map<string, number>();

  override async appendToStream(streamId: string, events: readonly EventData[], options?: AppendOptions): Promise<AppendResult> {
    this.scritture.set(streamId, (this.scritture.get(streamId) ?? 0) + 1);
    return super.appendToStream(streamId, events, options);
  }

  override async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.letture.set(streamId, (this.letture.get(streamId) ?? 0) + 1);
    return super.readStream(streamId, options);
  }

  /** Reads of each stream made by `lavoro`. */
  async conta(lavoro: () => Promise<unknown>): Promise<Record<string, number>> {
    this.letture.clear();
    this.scritture.clear();
    await lavoro();
    return Object.fromEntries(this.letture);
  }

  /** Reads of `streamId` made by `lavoro`. */
  async letturePer(streamId: string, lavoro: () => Promise<unknown>): Promise<number> {
    return (await this.conta(lavoro))[streamId] ?? 0;
  }
}

export interface OpzioniModulo<S extends InMemoryEventStore> {
  /** The area's handlers and what they need besides the buses, the store, the clock, the ids and the AggregateStore. */
  readonly providers: readonly Provider[];
  /** Default: a new in-memory store. */
  readonly store?: S;
  /** Default: a manual clock at 2025-03-01T09:00:00Z. */
  readonly clock?: Clock;
  /** Default: sequential ids (00000000-0000-4000-8000-000000000001, …). */
  readonly ids?: IdGenerator;
}

export interface ModuloCqrs<S extends InMemoryEventStore> {
  readonly modulo: TestingModule;
  readonly store: S;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly aggregates: AggregateStore;
  readonly comandi: CommandBus;
  readonly query: QueryBus;
}

/**
 * The Nest module of a handler test, initialised: @nestjs/cqrs's buses, the in-memory event store
 * (EVENT_STORE), a fixed clock (CLOCK, WALL_CLOCK), predictable ids (ID_GENERATOR) and the AggregateStore on
 * them, plus the area's `providers`. No HTTP, no database.
 */
export async function moduloCqrs<S extends InMemoryEventStore = InMemoryEventStore>(opzioni: OpzioniModulo<S>): Promise<ModuloCqrs<S>> {
  const store = opzioni.store ?? (new InMemoryEventStore() as S);
  const clock = opzioni.clock ?? new ManualClock('2025-03-01T09:00:00Z');
  const ids = opzioni.ids ?? new SequentialIds();
  const aggregates = new AggregateStore(store, clock, ids);
  const modulo = await Test.createTestingModule({
    imports: [CqrsModule.forRoot()],
    providers: [
      { provide: EVENT_STORE, useValue: store },
      { provide: CLOCK, useValue: clock },
      // The wall clock (caches, timeouts) is the same fixed clock: nothing in a handler test waits.
      { provide: WALL_CLOCK, useValue: clock },
      { provide: ID_GENERATOR, useValue: ids },
      { provide: AggregateStore, useValue: aggregates },
      ...opzioni.providers,
    ],
  }).compile();
  await modulo.init();
  return { modulo, store, clock, ids, aggregates, comandi: modulo.get(CommandBus), query: modulo.get(QueryBus) };
}
