/**
 * An aggregate as a pure decider (Chassaing): `decide` turns a command and the current state
 * into new events or throws a `DomainError`; `evolve` folds one event into the state. Time,
 * ids and lookups arrive in `context`: nothing here reads a clock or does I/O, so replaying the
 * same events always gives the same state.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface Decider<Command, Event extends DomainEvent, State, Context> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, context: Context): Event[];
}

/** Folds a stream's events into its state. */
export function fold<Event extends DomainEvent, State>(decider: Pick<Decider<never, Event, State, never>, 'evolve' | 'initialState'>, events: readonly Event[]): State {
  return events.reduce(decider.evolve, decider.initialState);
}

/** What every decision needs from outside: the effective instant and fresh ids. */
export interface DecisionContext {
  /** Effective date of the command (the sandbox clock may put it in the past). */
  readonly now: Date;
  /** A new UUID each call (injected; deterministic in tests). */
  readonly newId: () => string;
}
