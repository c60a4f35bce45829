import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { EventStore } from '../event-store.js';
import type { EventData, Position, RecordedEvent, Subscription, SubscribeOptions } from '../types.js';

/** An append left uncommitted on purpose, to commit or roll back later. */
export interface HeldAppend {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** What an adapter gives the contract suite. */
export interface ContractFixture {
  readonly store: EventStore;
  /** Database of read models and checkpoints (PostgreSQL with every adapter). */
  readonly readModels: pg.Pool;
  /**
   * Starts an append and keeps its transaction open. Only adapters whose commit order can
   * differ from their numbering order provide it (PostgreSQL).
   */
  readonly holdAppend?: (streamId: string, events: readonly EventData[]) => Promise<HeldAppend>;
  teardown(): Promise<void>;
}

export const stream = (label = 'contract'): string => `${label}-${randomUUID()}`;

export const event = (type = 'Provato', data: unknown = { n: 1 }, metadata?: EventData['metadata']): EventData => ({
  id: randomUUID(),
  type,
  data,
  metadata,
});

export const events = (count: number, type = 'Provato'): EventData[] =>
  Array.from({ length: count }, (_, n) => event(type, { n }));

/** Collects what a subscription delivers until `until` holds or the time runs out. */
export async function collect(
  store: EventStore,
  options: SubscribeOptions,
  until: (seen: RecordedEvent[], caughtUp: boolean) => boolean,
  timeoutMs = 15_000,
): Promise<{ seen: RecordedEvent[]; checkpoints: Position[]; caughtUp: boolean }> {
  const subscription: Subscription = store.subscribe(options);
  const seen: RecordedEvent[] = [];
  const checkpoints: Position[] = [];
  let caughtUp = false;
  const timer = setTimeout(() => void subscription.close(), timeoutMs);
  try {
    for await (const message of subscription) {
      if (message.kind === 'events') {
        seen.push(...message.events);
        checkpoints.push(message.position);
      } else if (message.kind === 'checkpoint') {
        checkpoints.push(message.position);
      } else {
        caughtUp = true;
      }
      if (until(seen, caughtUp)) break;
      if (message.kind !== 'caughtUp') caughtUp = false;
    }
  } finally {
    clearTimeout(timer);
    await subscription.close();
  }
  return { seen, checkpoints, caughtUp };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Deterministic PRNG (mulberry32) so that "random" commit orders repeat run after run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
