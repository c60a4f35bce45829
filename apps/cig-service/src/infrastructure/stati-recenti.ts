/**
 * The states of the streams this instance appended to last, newest kept, at most `capienza`
 * (0 keeps none). A state here is a guess, not a read: it is right only if nobody else appended
 * to the stream since, and only an append at its revision can tell (see `AggregateStore.conStato`).
 */
export class StatiRecenti {
  private readonly stati = new Map<string, { readonly decider: object; readonly stato: StatoRecente<unknown> }>();

  constructor(readonly capienza: number) {}

  leggi<State>(streamId: string, decider: object): StatoRecente<State> | undefined {
    const voce = this.stati.get(streamId);
    if (!voce || voce.decider !== decider) return undefined;
    // Most recently used last: the first key is the one to drop.
    this.stati.delete(streamId);
    this.stati.set(streamId, voce);
    return voce.stato as StatoRecente<State>;
  }

  /** Keeps `stato`, unless a later revision of the stream is kept already (two appends answered out of order). */
  scrivi<State>(streamId: string, decider: object, stato: StatoRecente<State>): void {
    if (this.capienza <= 0) return;
    const prima = this.stati.get(streamId);
    if (prima && prima.decider === decider && prima.stato.revision >= stato.revision) return;
    this.stati.delete(streamId);
    this.stati.set(streamId, { decider, stato });
    if (this.stati.size > this.capienza) this.stati.delete(this.stati.keys().next().value as string);
  }

  dimentica(streamId: string): void {
    this.stati.delete(streamId);
  }

  get dimensione(): number {
    return this.stati.size;
  }
}

export interface StatoRecente<State> {
  readonly state: State;
  /** Revision of the last event this instance appended. */
  readonly revision: bigint;
}
