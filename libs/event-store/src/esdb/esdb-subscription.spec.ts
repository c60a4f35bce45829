import { PassThrough } from 'node:stream';
import { UnavailableError, type AllStreamResolvedEvent, type AllStreamSubscription, type Filter } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../errors.js';
import type { Position, SubscribeOptions, SubscriptionMessage } from '../types.js';
import { encodeEsdbPosition, type EsdbPosition } from './esdb-mapping.js';
import { EsdbSubscription } from './esdb-subscription.js';

// The client's subscription is a Readable in object mode plus `unsubscribe`, emitting
// `caughtUp` and calling the filter's `checkpointReached`: a PassThrough fakes it exactly.

const at = (n: number): EsdbPosition => ({ commit: BigInt(n) * 100n, prepare: BigInt(n) * 100n });
const pos = (n: number): Position => encodeEsdbPosition(at(n));
const resolved = (n: number, type = 'Provato', streamId = 'a-1'): AllStreamResolvedEvent => ({
  event: {
    streamId,
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    isJson: true,
    revision: BigInt(n),
    type,
    created: new Date(0),
    data: { n },
    metadata: undefined,
    position: at(n),
  },
});

function setup(options: SubscribeOptions = {}, head: Position | undefined = undefined) {
  const calls = { unsubscribe: 0, closed: 0 };
  const stream = Object.assign(new PassThrough({ objectMode: true }), {
    unsubscribe: async () => {
      calls.unsubscribe++;
    },
  });
  const opened: Array<{ from: unknown; filter: Filter }> = [];
  const subscription = new EsdbSubscription(
    {
      open: (from, filter) => {
        opened.push({ from, filter });
        return stream as unknown as AllStreamSubscription;
      },
      head: async () => head,
      closed: () => void calls.closed++,
    },
    options,
  );
  const iterator = subscription[Symbol.asyncIterator]();
  const messages: SubscriptionMessage[] = [];
  /** Pulls messages until `count` were received in all. */
  const take = async (count: number) => {
    while (messages.length < count) {
      const next = await iterator.next();
      if (next.done) break;
      messages.push(next.value);
    }
    return messages;
  };
  /** Asks for the first message and waits until the stream is open (the head is read first). */
  const started = async () => {
    const first = iterator.next();
    for (let i = 0; opened.length === 0 && i < 100; i++) await new Promise((r) => setImmediate(r));
    return { first };
  };
  const write = (...items: AllStreamResolvedEvent[]) => items.forEach((item) => stream.write(item));
  const checkpoint = (n: number) => opened[0].filter.checkpointReached?.(stream as unknown as AllStreamSubscription, at(n));
  return { stream, opened, calls, subscription, iterator, messages, take, started, write, checkpoint };
}

const summary = (messages: SubscriptionMessage[]) =>
  messages.map((m) => (m.kind === 'events' ? `events ${m.events.map((e) => Number(e.revision)).join(',')} @${m.position}` : `${m.kind} @${m.position}`));

describe('EsdbSubscription', () => {
  it('batches what is buffered, skips system events, moves to the head and says caught up', async () => {
    const t = setup({ filter: { streamPrefixes: ['a-'] } }, pos(5));
    const { first } = await t.started();
    expect(t.opened[0].from).toBe('start');
    expect(t.opened[0].filter).toMatchObject({ filterOn: 'streamName', prefixes: ['a-'] });
    t.write(resolved(1), resolved(2), resolved(3), resolved(4, '$metadata', '$$a-1'));
    t.stream.emit('caughtUp');
    t.messages.push((await first).value as SubscriptionMessage);
    await t.take(3);
    expect(summary(t.messages)).toEqual([`events 1,2,3 @${pos(4)}`, `checkpoint @${pos(5)}`, `caughtUp @${pos(5)}`]);
    expect((t.messages[0] as { events: readonly unknown[] } & SubscriptionMessage).events[0]).toMatchObject({ id: '00000000-0000-4000-8000-000000000001', data: { n: 1 } });
    await t.subscription.close();
  });

  it('is exclusive of its start position and never delivers an event twice', async () => {
    const t = setup({ from: pos(2) });
    const { first } = await t.started();
    expect(t.opened[0].from).toEqual(at(2));
    t.write(resolved(1), resolved(2), resolved(3), resolved(3), resolved(4));
    t.stream.emit('caughtUp');
    t.messages.push((await first).value as SubscriptionMessage);
    await t.take(2);
    expect(summary(t.messages)).toEqual([`events 3,4 @${pos(4)}`, `caughtUp @${pos(4)}`]);
    await t.subscription.close();
  });

  it('from `end` subscribes after the head read before subscribing', async () => {
    const t = setup({ from: 'end' }, pos(7));
    const { first } = await t.started();
    expect(t.opened[0].from).toEqual(at(7));
    t.stream.emit('caughtUp');
    expect((await first).value).toEqual({ kind: 'caughtUp', position: pos(7) });
    await t.subscription.close();
  });

  it('splits batches at batchSize', async () => {
    const t = setup({ batchSize: 2 });
    const { first } = await t.started();
    t.write(resolved(1), resolved(2), resolved(3), resolved(4), resolved(5));
    t.messages.push((await first).value as SubscriptionMessage);
    await t.take(3);
    expect(summary(t.messages)).toEqual([`events 1,2 @${pos(2)}`, `events 3,4 @${pos(4)}`, `events 5 @${pos(5)}`]);
    await t.subscription.close();
  });

  it('server checkpoints advance over events the filter leaves out; event types are checked on the client', async () => {
    const t = setup({ filter: { streamPrefixes: ['a-'], eventTypes: ['Uno'] } });
    const { first } = await t.started();
    t.write(resolved(1, 'Due'), resolved(2, 'Due'));
    void t.checkpoint(9);
    t.write(resolved(10, 'Uno'), resolved(11, 'Due'));
    t.messages.push((await first).value as SubscriptionMessage);
    await t.take(2);
    expect(summary(t.messages)).toEqual([`checkpoint @${pos(9)}`, `events 10 @${pos(11)}`]);
    await t.subscription.close();
  });

  it('once live, says caught up again after each batch; not after falling behind', async () => {
    const t = setup();
    const { first } = await t.started();
    t.stream.emit('caughtUp');
    t.messages.push((await first).value as SubscriptionMessage);
    t.write(resolved(1));
    await t.take(3);
    t.stream.emit('fellBehind');
    t.write(resolved(2));
    await t.take(4);
    t.stream.emit('caughtUp');
    await t.take(5);
    expect(summary(t.messages)).toEqual([
      'caughtUp @undefined',
      `events 1 @${pos(1)}`,
      `caughtUp @${pos(1)}`,
      `events 2 @${pos(2)}`,
      `caughtUp @${pos(2)}`,
    ]);
    await t.subscription.close();
  });

  it('maps a client error, and reports a stream the server ended as unavailable', async () => {
    const failing = setup();
    const { first } = await failing.started();
    failing.stream.emit('error', new UnavailableError());
    await expect(first).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(failing.calls.unsubscribe).toBe(1);

    const ended = setup();
    const { first: next } = await ended.started();
    ended.stream.end();
    await expect(next).rejects.toThrow(/ended the subscription/);
  });

  it('close unsubscribes, ends the iteration and tells the store', async () => {
    const t = setup();
    const { first } = await t.started();
    await t.subscription.close();
    expect(await first).toEqual({ done: true, value: undefined });
    expect(t.calls).toEqual({ unsubscribe: 1, closed: 1 });
    expect(t.stream.destroyed).toBe(true);
    await t.subscription.close();
    expect(t.calls).toEqual({ unsubscribe: 1, closed: 1 });
  });

  it('pauses the server stream while the consumer is behind, resumes when it catches up', async () => {
    const t = setup({ batchSize: 1 });
    const { first } = await t.started();
    for (let n = 1; n <= 150; n++) t.write(resolved(n));
    await new Promise((r) => setImmediate(r));
    expect(t.stream.isPaused()).toBe(true);
    t.messages.push((await first).value as SubscriptionMessage);
    await t.take(150);
    expect(t.stream.isPaused()).toBe(false);
    expect(t.messages.map((m) => (m.kind === 'events' ? Number(m.events[0].revision) : -1))).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    await t.subscription.close();
  });
});
