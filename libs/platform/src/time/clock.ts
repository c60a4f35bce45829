/** Source of the current time. Injected everywhere: nothing in the domain calls `new Date()`. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told to: tests and simulations. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2024-01-15T09:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Runs as of another date: the configured instant plus the real time elapsed since start. */
export class OffsetClock implements Clock {
  private readonly offset: number;
  constructor(asOf: Date, private readonly base: Clock = systemClock) {
    this.offset = asOf.getTime() - base.now().getTime();
  }
  now(): Date {
    return new Date(this.base.now().getTime() + this.offset);
  }
}
