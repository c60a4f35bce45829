import type { Attore } from '#platform';

/** Who and what caused a command: becomes the metadata of every event it appends. */
export interface CommandMeta {
  /** The verified caller, or the service itself (process manager, scheduler, import). */
  readonly attore: Attore | { readonly sistema: string };
  readonly correlationId: string;
  /** Id of the request, command or event that caused this one. */
  readonly causationId: string;
  readonly idempotencyKey?: string;
  readonly motivazione?: string;
  /**
   * For commands of the service itself: event ids derived from this seed, so that redoing the
   * work after a crash appends the same ids and the store ignores the repeat.
   */
  readonly eventIdSeed?: string;
  /**
   * When the fact took effect, if not now on the business clock: a deadline that fell due while
   * the service was down is effective at its due date (`recordedAt` stays the real time).
   */
  readonly effectiveAt?: string;
}
