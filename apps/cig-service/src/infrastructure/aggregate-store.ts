import { Inject, Injectable } from '@nestjs/common';
import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendResult,
  type EventData,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type Position,
  type RecordedEvent,
} from '#event-store';
import { conflitto, type Decider, type DomainEvent } from '#domain';
import { CLOCK, deterministicUuid, ID_GENERATOR, systemClock, type Attore, type Clock, type IdGenerator } from '#platform';
import { EVENT_STORE } from './tokens.js';

export type { CommandMeta } from './command-meta.js';
import type { CommandMeta } from './command-meta.js';

export interface Loaded<State> {
  readonly state: State;
  readonly revision: bigint | undefined;
  readonly events: readonly RecordedEvent[];
}

/** A stream not written yet (its id was just generated): decided on the initial state, appended with `no_stream`, never read. */
export function streamNuovo<State>(decider: { readonly initialState: State }): Loaded<State> {
  return { state: decider.initialState, revision: undefined, events: [] };
}

/**
 * The stream as a command left it, to decide the next command on without reading it again: the
 * state decided and the revision it was appended at (read again after a conflict, so a pair).
 */
export function caricatoDopo<State>(eseguito: Pick<Executed<State, unknown>, 'state' | 'revision'>): Loaded<State> {
  return { state: eseguito.state, revision: eseguito.revision, events: [] };
}

export interface Executed<State, Event> {
  readonly state: State;
  readonly events: readonly Event[];
  /** Global position of the last event appended, or of the stream head when nothing changed. */
  readonly position: Position | undefined;
  /** Revision of the stream after the command (its last event's), undefined while it has none. */
  readonly revision: bigint | undefined;
}

/**
 * Runs a decider against its stream: load, fold, decide, append with the revision it read.
 * A concurrent change fails the append (409) unless the command is safe to re-decide, in
 * which case it is decided again on the new state. A caller that already loaded the stream
 * (to authorize on it) passes what it read: only a retry reads the stream again.
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
    return { state: piega(decider, decider.initialState, events), revision: events.at(-1)?.revision, events };
  }

  /**
   * What `loaded` held, brought up to date: reads only the events appended after its revision and
   * folds them onto its state (the same state a full read gives, for a fraction of the rows).
   */
  async refresh<State, Event extends DomainEvent>(streamId: string, decider: Pick<Decider<never, Event, State, never>, 'evolve' | 'initialState'>, loaded: Loaded<State>): Promise<Loaded<State>> {
    if (loaded.revision === undefined) return this.load(streamId, decider);
    const events = await this.store.readStream(streamId, { fromRevision: loaded.revision + 1n });
    if (events.length === 0) return loaded;
    return { state: piega(decider, loaded.state, events), revision: events.at(-1)!.revision, events };
  }

  async execute<Command, Event extends DomainEvent, State, Context>(
    streamId: string,
    decider: Decider<Command, Event, State, Context>,
    command: Command,
    context: Context,
    meta: CommandMeta,
    options: { retryOnConflict?: number } = {},
  ): Promise<Executed<State, Event>> {
    return this.decideAndAppend(streamId, decider, await this.load<State, Event>(streamId, decider), [command], context, meta, options);
  }

  /**
   * Decides the commands, in order, on a stream already loaded (and authorised on) by the caller,
   * and appends their events at once with the revision it was loaded at: one read per command.
   * A concurrent change fails the append (409) unless the command is safe to re-decide
   * (`retryOnConflict`): then the stream is read again and the commands decided on the new state.
   */
  async decideAndAppend<Command, Event extends DomainEvent, State, Context>(
    streamId: string,
    decider: Decider<Command, Event, State, Context>,
    loaded: Loaded<State>,
    commands: readonly Command[],
    context: Context,
    meta: CommandMeta,
    options: { retryOnConflict?: number } = {},
  ): Promise<Executed<State, Event>> {
    for (let attempt = 0; ; attempt++) {
      let state = loaded.state;
      const events: Event[] = [];
      for (const command of commands) {
        const decided = decider.decide(command, state, context);
        state = decided.reduce(decider.evolve, state);
        events.push(...decided);
      }
      if (events.length === 0) return { state, events, position: loaded.events.at(-1)?.position, revision: loaded.revision };
      const expected: ExpectedRevision = loaded.revision === undefined ? 'no_stream' : loaded.revision;
      try {
        const { position, nextExpectedRevision } = await this.appendWithRevision(streamId, events, meta, expected);
        return { state, events, position, revision: nextExpectedRevision };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < (options.retryOnConflict ?? 0)) {
          // Spread the retries of writers that collided, so they do not collide again.
          await new Promise((resolve) => setTimeout(resolve, (attempt + 1) * 3));
          loaded = await this.load<State, Event>(streamId, decider);
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
    return (await this.appendWithRevision(streamId, events, meta, expectedRevision)).position;
  }

  /** {@link append}, also returning the stream's revision after it. */
  async appendWithRevision(streamId: string, events: readonly DomainEvent[], meta: CommandMeta, expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const metadata = this.metadata(meta);
    const data: EventData[] = events.map((event, index) => ({
      id: meta.eventIdSeed ? deterministicUuid(meta.eventIdSeed, streamId, String(index)) : this.ids.uuid(),
      type: event.type,
      data: event.data,
      metadata,
    }));
    return this.store.appendToStream(streamId, data, { expectedRevision });
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

/** Recorded events folded onto `state` as the domain's events they carry. */
function piega<State, Event extends DomainEvent>(decider: Pick<Decider<never, Event, State, never>, 'evolve'>, state: State, events: readonly RecordedEvent[]): State {
  return events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), state);
}
