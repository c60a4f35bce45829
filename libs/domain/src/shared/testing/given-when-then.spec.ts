import type { Decider, DomainEvent } from '../decider.js';
import { conflitto } from '../domain-error.js';
import { spec } from './given-when-then.js';

/** A counter that refuses to go above 1: enough to prove the DSL can fail. */
type Evento = DomainEvent<'Incrementato', { readonly di: number }>;
const contatore: Decider<{ readonly type: 'Incrementa' }, Evento, number, { readonly passo: number }> = {
  initialState: 0,
  evolve: (n, e) => n + e.data.di,
  decide: (_c, n, x) => {
    if (n >= 1) throw conflitto('TROPPO', 'oltre 1');
    return [{ type: 'Incrementato', data: { di: x.passo } }];
  },
};

describe('given/when/then', () => {
  const incrementa = { type: 'Incrementa' } as const;

  it('folds the given events before deciding, and compares the events', () => {
    spec(contatore, { passo: 2 }).given([]).when(incrementa).then([{ type: 'Incrementato', data: { di: 2 } }]);
    expect(() => spec(contatore, { passo: 2 }).given([]).when(incrementa).then([])).toThrow();
  });

  it('thenThrows checks the code and the kind, and returns the error', () => {
    const given = spec(contatore, { passo: 1 }).given([{ type: 'Incrementato', data: { di: 1 } }]);
    expect(given.when(incrementa).thenThrows('TROPPO', 'conflict').message).toBe('oltre 1');
    expect(() => given.when(incrementa).thenThrows('ALTRO')).toThrow();
    expect(() => given.when(incrementa).thenThrows('TROPPO', 'rule')).toThrow();
  });

  it('thenThrows fails when the command is accepted', () => {
    expect(() => spec(contatore, { passo: 1 }).given([]).when(incrementa).thenThrows('TROPPO')).toThrow(/expected a DomainError/);
  });
});
