import { ExponentialBackoff, noJitterGenerator, type IBackoff } from 'cockatiel';

export interface OpzioniRitentativi {
  /** First wait after a failed delivery (ms); doubles at each failure. */
  readonly baseMs: number;
  /** Longest wait between two attempts (ms). */
  readonly massimoMs: number;
  /** A delivery still failing this long after it was queued goes to the dead letter (ms). */
  readonly letteraMortaMs: number;
}

/**
 * cockatiel's exponential backoff (no jitter of its own: randomness is injected), as the in-process
 * retries of one round and the persisted waits between rounds both use it.
 */
export const backoffEsponenziale = (o: Pick<OpzioniRitentativi, 'baseMs' | 'massimoMs'>) =>
  new ExponentialBackoff({ initialDelay: o.baseMs, maxDelay: o.massimoMs, exponent: 2, generator: noJitterGenerator });

/** The wait after the `fallimenti`-th failed round (1-based), with half jitter from `random` (0 ≤ r < 1). */
export function ritardo(fallimenti: number, o: OpzioniRitentativi, random: () => number): number {
  let b: IBackoff<unknown> = backoffEsponenziale(o).next();
  for (let i = 1; i < fallimenti; i++) b = b.next(undefined);
  return Math.round(b.duration / 2 + (random() * b.duration) / 2);
}

export type DopoFallimento = { readonly stato: 'SCARTATA' } | { readonly stato: 'IN_ATTESA'; readonly prossimoTentativo: Date };

/** After a failed round: wait and retry, or give up (dead letter) once WEBHOOK_DEAD_LETTER_MS has passed since queuing. */
export function dopoFallimento(consegna: { readonly creataIl: Date; readonly fallimenti: number }, adesso: Date, o: OpzioniRitentativi, random: () => number): DopoFallimento {
  if (adesso.getTime() - consegna.creataIl.getTime() >= o.letteraMortaMs) return { stato: 'SCARTATA' };
  const attesa = ritardo(consegna.fallimenti, o, random);
  const limite = consegna.creataIl.getTime() + o.letteraMortaMs;
  // The last attempt happens at the deadline, not after it.
  return { stato: 'IN_ATTESA', prossimoTentativo: new Date(Math.min(adesso.getTime() + attesa, limite)) };
}
