import type { Decider, DomainEvent } from '../decider.js';
import { DomainError, type DomainErrorKind } from '../domain-error.js';

/**
 * Given/when/then for deciders (Jest), so a spec reads as the rule it checks:
 * `spec(decider, context).given([appaltoCreato()]).when(inviaAppalto()).then([appaltoInviato()])`.
 * Only events and errors are asserted, never the state: the state is private to the decider.
 */
export interface Then<Event> {
  /** The command produced exactly these events, in this order. */
  then(expected: readonly Event[]): void;
  /** The command was refused with a DomainError of this code (and kind, if given); returns it. */
  thenThrows(code: string, kind?: DomainErrorKind): DomainError;
}

export interface When<Command, Event> {
  when(command: Command): Then<Event>;
}

export interface Given<Command, Event> {
  given(events: readonly Event[]): When<Command, Event>;
}

export function spec<Command, Event extends DomainEvent, State, Context>(
  decider: Decider<Command, Event, State, Context>,
  context: Context,
): Given<Command, Event> {
  return {
    given: (history) => ({
      when: (command) => {
        const decide = () => decider.decide(command, history.reduce(decider.evolve, decider.initialState), context);
        return {
          then: (expected) => expect(decide()).toEqual(expected),
          thenThrows: (code, kind) => {
            const error = refusal(decide);
            // The message is in the actual object so that a failure shows which rule refused instead.
            expect({ code: error.code, kind: error.kind, message: error.message }).toMatchObject({ code, kind: kind ?? error.kind });
            return error;
          },
        };
      },
    }),
  };
}

function refusal(decide: () => readonly DomainEvent[]): DomainError {
  let events: readonly DomainEvent[];
  try {
    events = decide();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected a DomainError, the command produced ${JSON.stringify(events)}`);
}
