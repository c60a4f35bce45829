import { Inject, Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventData,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type Position,
  type RecordedEvent,
} from '#event-store';
import { conflitto, fold, type Decider, type DomainEvent } from '#domain';
import { CLOCK, deterministicUuid, ID_GENERATOR, systemClock, type Attore, type Clock, type IdGenerator } from '#platform';
import { EVENT_STORE } from './tokens.js';

export type { CommandMeta } from './command-meta.js';
import type { CommandMeta } from './command-meta.js';

export interface Loaded<State> {
  readonly state: State;
  readonly revision: bigint | undefined;
  readonly events: readonly RecordedEvent[];
}

export interface Executed<State, Event> {
  readonly state: State;
  readonly events: readonly Event[];
  /** Global position of the last event appended, or of the stream head when nothing changed. */
  readonly position: Position | undefined;
}

/**
 * The streams a request has read, for its command to decide on without reading them again: a use
 * case checks the appalto (load: who may act on it) and then runs the command on it (execute), and
 * the second read would only repeat the first. Only the first attempt of the command uses it: the
 * append still states the revision it was decided on, so a change made in between is a conflict
 * (retried on a fresh read, or 409) exactly as if the request had been faster. Entered per request
 * (`requestIds`); outside a request (process managers, schedulers) every load reads.
 */
export const lettureDellaRichiesta = new AsyncLocalStorage<Map<string, readonly RecordedEvent[]>>();

/**
 * Runs a decider against its stream: load, fold, decide, append with the revision it read.
 * A concurrent change fails the append (409) unless the command is safe to re-decide, in
 * which case it is decided again on the new state.
 */
@Injectable()
export class AggregateStore {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async load<State, Event extends DomainEvent>(streamId: string, decider: Pick<Decider<never, Event, State, never>, 'evolve' | 'initialState'>): Promise<Loaded<State>> {
    let events: RecordedEvent[] = [];
    try {
      events = await this.store.readStream(streamId);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    lettureDellaRichiesta.getStore()?.set(streamId, events);
    return this.fold(decider, events);
  }

  private fold<State, Event extends DomainEvent>(decider: Pick<Decider<never, Event, State, never>, 'evolve' | 'initialState'>, events: readonly RecordedEvent[]): Loaded<State> {
    const domainEvents = events.map((e) => ({ type: e.type, data: e.data }) as Event);
    return { state: fold(decider, domainEvents), revision: events.at(-1)?.revision, events };
  }

  async execute<Command, Event extends DomainEvent, State, Context>(
    streamId: string,
    decider: Decider<Command, Event, State, Context>,
    command: Command,
    context: Context,
    meta: CommandMeta,
    options: { retryOnConflict?: number } = {},
  ): Promise<Executed<State, Event>> {
    const letture = lettureDellaRichiesta.getStore();
    for (let attempt = 0; ; attempt++) {
      const letti = attempt === 0 ? letture?.get(streamId) : undefined;
      const loaded = letti ? this.fold<State, Event>(decider, letti) : await this.load<State, Event>(streamId, decider);
      const events = decider.decide(command, loaded.state, context);
      const state = events.reduce(decider.evolve, loaded.state);
      if (events.length === 0) return { state, events, position: loaded.events.at(-1)?.position };
      const expected: ExpectedRevision = loaded.revision === undefined ? 'no_stream' : loaded.revision;
      try {
        const position = await this.append(streamId, events, meta, expected);
        return { state, events, position };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < (options.retryOnConflict ?? 0)) {
          // Spread the retries of writers that collided, so they do not collide again.
          await new Promise((resolve) => setTimeout(resolve, (attempt + 1) * 3));
          continue;
        }
        if (error instanceof WrongExpectedVersionError) {
          throw conflitto('MODIFICA_CONCORRENTE', 'La richiesta è stata modificata nel frattempo da un\'altra operazione: ricaricala e riprova');
        }
        throw error;
      }
    }
  }

  /** Appends events with the command's metadata; returns the position of the last one. */
  async append(streamId: string, events: readonly DomainEvent[], meta: CommandMeta, expectedRevision: ExpectedRevision): Promise<Position> {
    // What the request read of this stream is no longer its state, whatever the outcome.
    lettureDellaRichiesta.getStore()?.delete(streamId);
    const metadata = this.metadata(meta);
    const data: EventData[] = events.map((event, index) => ({
      id: meta.eventIdSeed ? deterministicUuid(meta.eventIdSeed, streamId, String(index)) : this.ids.uuid(),
      type: event.type,
      data: event.data,
      metadata,
    }));
    return (await this.store.appendToStream(streamId, data, { expectedRevision })).position;
  }

  private metadata(meta: CommandMeta): EventMetadata {
    const actor = 'sistema' in meta.attore
      ? { userId: `sistema:${meta.attore.sistema}`, role: 'SISTEMA' }
      : { userId: meta.attore.userId, role: meta.attore.ruoli.join(','), ufficio: meta.attore.ufficio, codiceFiscale: meta.attore.codiceFiscale };
    return {
      actor,
      correlationId: meta.correlationId,
      causationId: meta.causationId,
      effectiveAt: meta.effectiveAt ?? this.clock.now().toISOString(),
      recordedAt: systemClock.now().toISOString(),
      ...(meta.idempotencyKey ? { idempotencyKey: meta.idempotencyKey } : {}),
      ...(meta.motivazione ? { motivazione: meta.motivazione } : {}),
    };
  }
}
