import { createHash, randomUUID } from 'node:crypto';

/** Source of new ids. Injected so that tests and replays are deterministic. */
export interface IdGenerator {
  uuid(): string;
}

export const ID_GENERATOR = Symbol('IdGenerator');

export const randomIds: IdGenerator = { uuid: () => randomUUID() };

/** Predictable ids for tests: 00000000-0000-4000-8000-000000000001, …02, … */
export class SequentialIds implements IdGenerator {
  private next = 0;
  uuid(): string {
    this.next += 1;
    return `00000000-0000-4000-8000-${this.next.toString(16).padStart(12, '0')}`;
  }
}

/**
 * Name-based UUID (version 5 layout over SHA-1): the same inputs always give the same id.
 * Events derived from another event use it, so that redoing the work after a crash appends
 * the same ids and the store recognises the retry.
 */
export function deterministicUuid(...parts: readonly string[]): string {
  const hash = createHash('sha1').update(parts.join('\u001f')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
