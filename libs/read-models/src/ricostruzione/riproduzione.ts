import type pg from 'pg';
import { decodePgPosition, type CheckpointStore, type Consumer, type EventStore, type Position, type SqlExecutor, type SubscriptionMessage } from '#event-store';
import { inTransazione } from '#platform';
import { identificatore } from './tabelle-ombra.js';

export interface Avanzamento {
  readonly eventi: number;
  readonly posizione: Position | undefined;
  /** Share of the global log read so far (0..1), by sequence number. */
  readonly frazione: number;
}

export interface OpzioniRiproduzione {
  readonly pool: pg.Pool;
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  /** Checkpoint name of this replay (not the live consumer's). */
  readonly nome: string;
  /** Schema whose tables the consumer writes (first in `search_path`). */
  readonly schema: string;
  readonly batchSize?: number;
  readonly progresso?: (a: Avanzamento) => void;
  readonly interrotta?: () => boolean;
}

/**
 * Replays the log into `schema` from the replay's checkpoint (or from the start) until it has seen
 * every committed event, and returns the position reached. Each batch runs, with the checkpoint, in
 * one transaction whose `search_path` starts with the schema: the consumer's unqualified table
 * names land on the shadow tables, while the checkpoint (schema-qualified) stays in `public`.
 */
export async function riproduci(consumer: Consumer, o: OpzioniRiproduzione): Promise<{ posizione: Position | undefined; eventi: number }> {
  const schema = identificatore(o.schema);
  let posizione = await o.checkpoints.load(o.nome);
  const totale = await o.store.eventsAfter(undefined);
  let eventi = 0;
  const subscription = o.store.subscribe({ from: posizione ?? 'start', filter: consumer.filter, batchSize: o.batchSize ?? consumer.batchSize ?? 2000 });
  const messaggi = subscription[Symbol.asyncIterator]();
  let prossimo: Promise<IteratorResult<SubscriptionMessage>> | undefined = messaggi.next();
  try {
    for (;;) {
      const { value: m, done } = await prossimo!;
      prossimo = undefined;
      if (done || m.kind === 'caughtUp') break;
      if (o.interrotta?.()) throw new Error('replay interrupted');
      // Read the next page while this one is applied: reading and writing overlap.
      prossimo = messaggi.next();
      const batch = m.kind === 'events' ? m.events : [];
      await inTransazione(o.pool, async (client) => {
        await client.query(`SET LOCAL search_path TO ${schema}, public`);
        if (batch.length > 0) await consumer.handle(batch, client as SqlExecutor);
        await o.checkpoints.save(client as SqlExecutor, o.nome, posizione, m.position);
      });
      posizione = m.position;
      eventi += batch.length;
      o.progresso?.({ eventi, posizione, frazione: frazione(posizione, totale) });
    }
  } finally {
    await subscription.close();
    await prossimo?.catch(() => undefined);
  }
  return { posizione, eventi };
}

function frazione(posizione: Position | undefined, totale: number): number {
  if (!posizione || totale <= 0) return 0;
  try {
    return Math.min(1, Number(decodePgPosition(posizione).seq) / totale);
  } catch {
    return 0;
  }
}
