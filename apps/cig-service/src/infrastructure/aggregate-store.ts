import { Inject, Injectable, Optional } from '@nestjs/common';
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
import { StatiRecenti } from './stati-recenti.js';
import { EVENT_STORE, STATI_RECENTI } from './tokens.js';

export type { CommandMeta } from './command-meta.js';
import type { CommandMeta } from './command-meta.js';

export interface Loaded<State> {
  readonly state: State;
  readonly revision: bigint | undefined;
  /** The events read; none when the state is the one this instance appended last (`conStato`). */
  readonly events: readonly RecordedEvent[];
}

/** States `conStato` gave without reading: an append must confirm them before anything else is done with them. */
const daConfermare = new WeakSet<Loaded<unknown>>();
/** Those of them whose append was sent: if it fails otherwise than by a conflict, it may have been written. */
const appendInviato = new WeakSet<Loaded<unknown>>();

/** What tells `conStato` that the state it gave was not confirmed: the work runs again on a read. */
class StatoNonConfermato extends Error {}

/** States kept when nothing configures them (the handlers' tests). */
const STATI_PREDEFINITI = 1_000;

/** A stream not written yet (its id was just generated): decided on the initial state, appended with `no_stream`, never read. */
export function streamNuovo<State>(decider: { readonly initialState: State }): Loaded<State> {
  return { state: decider.initialState, revision: undefined, events: [] };
}

export interface Executed<State, Event> {
  readonly state: State;
  readonly events: readonly Event[];
  /** Global position of the last event appended, or of the stream head when nothing changed. */
  readonly position: Position | undefined;
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
    @Optional() @Inject(STATI_RECENTI) private readonly recenti: StatiRecenti = new StatiRecenti(STATI_PREDEFINITI),
  ) {}

  async load<State, Event extends DomainEvent>(streamId: string, decider: Pick<Decider<never, Event, State, never>, 'evolve' | 'initialState'>): Promise<Loaded<State>> {
    let events: RecordedEvent[] = [];
    try {
      events = await this.store.readStream(streamId);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    const domainEvents = events.map((e) => ({ type: e.type, data: e.data }) as Event);
    return { state: fold(decider, domainEvents), revision: events.at(-1)?.revision, events };
  }

  /**
   * Runs a command's `lavoro` (authorize, decide, `decideAndAppend`) on the state this instance
   * appended last to the stream, without reading it, if it has it. That state is only a guess: the
   * append at its revision is what confirms nobody wrote since. If the work does anything else
   * (another writer moved the stream on, the command decides nothing, the work throws), the guess
   * proves nothing, so the same work runs again on the stream read now, and its outcome is the
   * answer, exactly as without the guess. `lavoro` must not write anything but that one append;
   * an append that fails otherwise than by a conflict may have been written, so it is not redone.
   */
  async conStato<State, Event extends DomainEvent, T>(
    streamId: string,
    decider: Pick<Decider<never, Event, State, never>, 'evolve' | 'initialState'>,
    lavoro: (loaded: Loaded<State>) => Promise<T>,
  ): Promise<T> {
    const recente = this.recenti.leggi<State>(streamId, decider);
    if (recente) {
      const supposto: Loaded<State> = { state: recente.state, revision: recente.revision, events: [] };
      daConfermare.add(supposto);
      try {
        return await lavoro(supposto);
      } catch (error) {
        this.recenti.dimentica(streamId);
        if (!(error instanceof StatoNonConfermato) && appendInviato.has(supposto)) throw error;
      }
    }
    return lavoro(await this.load<State, Event>(streamId, decider));
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
    const supposto = daConfermare.has(loaded);
    for (let attempt = 0; ; attempt++) {
      let state = loaded.state;
      const events: Event[] = [];
      for (const command of commands) {
        const decided = decider.decide(command, state, context);
        state = decided.reduce(decider.evolve, state);
        events.push(...decided);
      }
      // Nothing appended confirms a supposed state: `conStato` reads the stream and decides again.
      if (events.length === 0 && supposto) throw new StatoNonConfermato();
      if (events.length === 0) return { state, events, position: loaded.events.at(-1)?.position };
      const expected: ExpectedRevision = loaded.revision === undefined ? 'no_stream' : loaded.revision;
      try {
        if (supposto) appendInviato.add(loaded);
        const scritto = await this.store.appendToStream(streamId, this.eventData(streamId, events, meta), { expectedRevision: expected });
        this.recenti.scrivi(streamId, decider, { state, revision: scritto.nextExpectedRevision });
        return { state, events, position: scritto.position };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && supposto) throw new StatoNonConfermato();
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
    // Appended without a decider: whatever state this instance kept of the stream is behind now.
    this.recenti.dimentica(streamId);
    return (await this.store.appendToStream(streamId, this.eventData(streamId, events, meta), { expectedRevision })).position;
  }

  private eventData(streamId: string, events: readonly DomainEvent[], meta: CommandMeta): EventData[] {
    const metadata = this.metadata(meta);
    return events.map((event, index) => ({
      id: meta.eventIdSeed ? deterministicUuid(meta.eventIdSeed, streamId, String(index)) : this.ids.uuid(),
      type: event.type,
      data: event.data,
      metadata,
    }));
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
