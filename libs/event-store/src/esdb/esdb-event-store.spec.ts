import { randomUUID } from 'node:crypto';
import {
  StreamDeletedError as ClientStreamDeletedError,
  StreamNotFoundError as ClientStreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, InvalidEventError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../errors.js';
import type { EventData } from '../types.js';
import { encodeEsdbPosition, type EsdbPosition } from './esdb-mapping.js';
import { EsdbEventStore } from './esdb-event-store.js';

// A hand-made client: only what each test needs, every call recorded. The behaviour of a
// real server is the contract suite's job (esdb-event-store.int-spec.ts, with ESDB_URL).

type Call = [method: string, ...args: unknown[]];
const at = (n: number): EsdbPosition => ({ commit: BigInt(n), prepare: BigInt(n) });
const entry = (n: number, type = 'Provato', streamId = 's-1'): AllStreamResolvedEvent => ({
  event: { streamId, id: randomUUID(), isJson: true, revision: BigInt(n), type, created: new Date(0), data: { n }, metadata: {}, position: at(n) },
});
async function* yieldAll<T>(items: readonly T[], error?: Error): AsyncGenerator<T> {
  yield* items;
  if (error) throw error;
}

/** An `$all` of `length` records at positions 1..length, every third one a system event. */
function fakeClient(overrides: Record<string, (...args: never[]) => unknown> = {}, length = 0) {
  const calls: Call[] = [];
  const log = Array.from({ length }, (_, i) => entry(i + 1, (i + 1) % 3 === 0 ? '$metadata' : 'Provato'));
  const record = (name: string, fn: (...args: never[]) => unknown) => (...args: never[]) => {
    calls.push([name, ...args]);
    return fn(...args);
  };
  const refuse = (name: string) => () => {
    throw new Error(`unexpected call to ${name}`);
  };
  const client = Object.fromEntries(
    ['appendToStream', 'readStream', 'subscribeToAll', 'deleteStream', 'tombstoneStream', 'dispose'].map((name) => [
      name,
      record(name, overrides[name] ?? refuse(name)),
    ]),
  );
  // EventStoreDB reads $all forwards from a position inclusively, backwards exclusively.
  client.readAll = record('readAll', ((options: { direction: string; fromPosition: EsdbPosition | 'start' | 'end'; maxCount: number }) => {
    const from = options.fromPosition;
    const selected =
      options.direction === 'backwards'
        ? log.filter((e) => from === 'end' || e.event!.position.commit < (from as EsdbPosition).commit).reverse()
        : log.filter((e) => from === 'start' || e.event!.position.commit >= (from as EsdbPosition).commit);
    return yieldAll(selected.slice(0, options.maxCount));
  }) as never);
  return { client: client as unknown as EventStoreDBClient, calls };
}

const event = (type = 'Provato'): EventData => ({ id: randomUUID(), type, data: { n: 1 }, metadata: { correlationId: 'c' } });

describe('EsdbEventStore (fake client)', () => {
  it('refuses bad input like every adapter, before anything is sent', async () => {
    const { client, calls } = fakeClient();
    const store = new EsdbEventStore(client);
    const refused = async (streamId: string, batch: unknown[], expectedRevision?: unknown) =>
      (await store.appendToStream(streamId, batch as EventData[], { expectedRevision: expectedRevision as never }).catch((e) => e)).reason;
    expect(await refused('s', [event(), { ...event(), id: 'nope' }])).toBe('EVENT_ID_INVALID');
    expect(await refused('s', [{ ...event(), data: { n: 1n } }])).toBe('DATA_NOT_JSON');
    expect(await refused('', [event()])).toBe('STREAM_ID_EMPTY');
    expect(await refused('s', [event()], -1n)).toBe('REVISION_INVALID');
    await expect(store.readStream('')).rejects.toBeInstanceOf(InvalidEventError);
    await expect(store.deleteStream('x'.repeat(256))).rejects.toBeInstanceOf(InvalidEventError);
    expect(calls).toEqual([]);
  });

  it('appends with our ids and expectation, and returns the position read back from the last event', async () => {
    const written = entry(7);
    const { client, calls } = fakeClient({
      appendToStream: async () => ({ success: true, nextExpectedRevision: 7n, position: at(1) }),
      readStream: () => yieldAll([written]),
    });
    const store = new EsdbEventStore(client);
    const batch = [event('Uno'), event('Due')];
    const result = await store.appendToStream('s-1', batch, { expectedRevision: 5n });
    expect(result).toEqual({ nextExpectedRevision: 7n, position: encodeEsdbPosition(at(7)) });
    const [, streamId, sent, options] = calls[0] as [string, string, Array<Record<string, unknown>>, unknown];
    expect(streamId).toBe('s-1');
    expect(sent.map((e) => [e.id, e.type, e.contentType])).toEqual(batch.map((e) => [e.id, e.type, 'application/json']));
    expect(sent[0].metadata).toEqual({ correlationId: 'c', $correlationId: 'c' });
    expect(options).toEqual({ expectedRevision: 5n });
    expect(calls[1]).toEqual(['readStream', 's-1', { direction: 'forwards', fromRevision: 7n, maxCount: 1 }]);
  });

  it('falls back to the append result position when the event can no longer be read', async () => {
    const { client } = fakeClient({
      appendToStream: async () => ({ success: true, nextExpectedRevision: 0n, position: at(42) }),
      readStream: () => yieldAll([], new ClientStreamNotFoundError(undefined, 's-1')),
    });
    expect((await new EsdbEventStore(client).appendToStream('s-1', [event()])).position).toBe(encodeEsdbPosition(at(42)));
  });

  it('maps append failures: wrong expected version with the exact expectation, deleted, unavailable', async () => {
    const huge = 2n ** 63n - 1n;
    const failWith = (error: Error) => new EsdbEventStore(fakeClient({ appendToStream: async () => Promise.reject(error) }).client);
    const wrong = new ClientWrongExpectedVersionError(undefined, { streamName: 's-1', expected: huge, current: 0n });
    await expect(failWith(wrong).appendToStream('s-1', [event()], { expectedRevision: huge })).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      expected: huge,
      actual: 0n,
    });
    const tomb = ClientStreamDeletedError.fromStreamName('s-1');
    await expect(failWith(tomb).appendToStream('s-1', [event()])).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(failWith(new UnavailableError()).appendToStream('s-1', [event()])).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('an empty batch only checks the expectation', async () => {
    const missing = new EsdbEventStore(fakeClient({ readStream: () => yieldAll([], new ClientStreamNotFoundError(undefined, 's')) }).client);
    await expect(missing.appendToStream('s', [], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({ actual: 'no_stream' });
    expect((await missing.appendToStream('s', [])).nextExpectedRevision).toBe(-1n);
    const existing = new EsdbEventStore(fakeClient({ readStream: () => yieldAll([entry(4)]) }).client);
    await expect(existing.appendToStream('s', [], { expectedRevision: 3n })).rejects.toMatchObject({ expected: 3n, actual: 4n });
    expect(await existing.appendToStream('s', [], { expectedRevision: 4n })).toEqual({ nextExpectedRevision: 4n, position: encodeEsdbPosition(at(4)) });
  });

  it('reads a stream with the client options and maps not found and deleted', async () => {
    const { client, calls } = fakeClient({ readStream: () => yieldAll([entry(9), entry(8)]) });
    const read = await new EsdbEventStore(client).readStream('s-1', { direction: 'backwards', maxCount: 2 });
    expect(read.map((e) => e.revision)).toEqual([9n, 8n]);
    expect(calls[0]).toEqual(['readStream', 's-1', { direction: 'backwards', fromRevision: 'end', maxCount: 2 }]);
    const failing = (error: Error) => new EsdbEventStore(fakeClient({ readStream: () => yieldAll([], error) }).client);
    await expect(failing(new ClientStreamNotFoundError(undefined, 's')).readStream('s')).rejects.toBeInstanceOf(StreamNotFoundError);
    await expect(failing(ClientStreamDeletedError.fromStreamName('s')).readStream('s')).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('readAll hides system events, is exclusive of its start both ways and pages through the log', async () => {
    const store = new EsdbEventStore(fakeClient({}, 400).client);
    const visible = Array.from({ length: 400 }, (_, i) => i + 1).filter((n) => n % 3 !== 0);
    const numbers = (events: { revision: bigint }[]) => events.map((e) => Number(e.revision));
    expect(numbers(await store.readAll({ maxCount: 1000 }))).toEqual(visible);
    expect(numbers(await store.readAll({ fromPosition: encodeEsdbPosition(at(10)), maxCount: 3 }))).toEqual([11, 13, 14]);
    expect(numbers(await store.readAll({ direction: 'backwards', fromPosition: encodeEsdbPosition(at(10)), maxCount: 3 }))).toEqual([8, 7, 5]);
    expect(numbers(await store.readAll({ direction: 'backwards', maxCount: 2 }))).toEqual([400, 398]);
    expect(await store.readAll({ maxCount: 0 })).toEqual([]);
    await expect(store.readAll({ fromPosition: 'nope' as never })).rejects.toMatchObject({ reason: 'POSITION_INVALID' });
  });

  it('head position is the newest non-system event; eventsAfter counts up to its cap', async () => {
    const store = new EsdbEventStore(fakeClient({}, 300).client, { lagCountCap: 150 });
    expect(await store.headPosition()).toBe(encodeEsdbPosition(at(299)));
    expect(await store.eventsAfter(encodeEsdbPosition(at(290)))).toBe(6); // 291..300 without 291, 294, 297, 300
    expect(await store.eventsAfter(undefined)).toBe(150);
    expect(await new EsdbEventStore(fakeClient().client).headPosition()).toBeUndefined();
  });

  it('soft delete ignores a missing stream, tombstone ignores a tombstoned one, other failures propagate', async () => {
    const store = (error: Error) =>
      new EsdbEventStore(fakeClient({ deleteStream: async () => Promise.reject(error), tombstoneStream: async () => Promise.reject(error) }).client);
    await expect(store(new ClientStreamNotFoundError(undefined, 's')).deleteStream('s')).resolves.toBeUndefined();
    await expect(store(ClientStreamDeletedError.fromStreamName('s')).tombstoneStream('s')).resolves.toBeUndefined();
    await expect(store(ClientStreamDeletedError.fromStreamName('s')).deleteStream('s')).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(store(new UnavailableError()).tombstoneStream('s')).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('soft-deleting a stream that was never written is a no-op (the server answers WrongExpectedVersion even with any)', async () => {
    const neverWritten = new ClientWrongExpectedVersionError(undefined, { streamName: 's', expected: 'any', current: 'no_stream' });
    const { client, calls } = fakeClient({ deleteStream: async () => Promise.reject(neverWritten) });
    await expect(new EsdbEventStore(client).deleteStream('s')).resolves.toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it('stream_exists on a soft-deleted stream is WrongExpectedVersion no_stream; on a tombstoned one StreamDeletedError', async () => {
    const deleted = ClientStreamDeletedError.fromStreamName('s');
    const store = (readFailure: Error) =>
      new EsdbEventStore(fakeClient({ appendToStream: async () => Promise.reject(deleted), readStream: () => yieldAll([], readFailure) }).client);
    const soft = await store(new ClientStreamNotFoundError(undefined, 's')).appendToStream('s', [event()], { expectedRevision: 'stream_exists' }).catch((e) => e);
    expect(soft).toBeInstanceOf(WrongExpectedVersionError);
    expect(soft).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
    const hard = await store(ClientStreamDeletedError.fromStreamName('s')).appendToStream('s', [event()], { expectedRevision: 'stream_exists' }).catch((e) => e);
    expect(hard).toBeInstanceOf(StreamDeletedError);
  });

  it('the 1 MiB limit covers the whole append with the metadata the adapter adds: refused before anything is sent', async () => {
    const { client, calls } = fakeClient();
    const store = new EsdbEventStore(client);
    // Under the limit as given; over it once correlationId is mirrored as $correlationId.
    const metadata = { correlationId: 'c'.repeat(2_000) };
    const sized = (blob: number): EventData => ({ id: randomUUID(), type: 'Grande', data: { blob: 'x'.repeat(blob) }, metadata });
    const probe = sized(0);
    const overhead = JSON.stringify(probe.data).length + JSON.stringify(metadata).length + 2 * probe.type.length;
    const nearLimit = sized(1024 * 1024 - overhead - 100);
    const refused = await store.appendToStream('s', [nearLimit]).catch((e) => e);
    expect(refused).toBeInstanceOf(InvalidEventError);
    expect(refused).toMatchObject({ reason: 'APPEND_TOO_LARGE' });
    const halves = await store.appendToStream('s', [sized(600 * 1024), sized(600 * 1024)]).catch((e) => e);
    expect(halves).toMatchObject({ reason: 'APPEND_TOO_LARGE' });
    expect(calls).toEqual([]);
  });

  it('readStream hides system events ($-prefixed types), as readAll and subscriptions do', async () => {
    const { client } = fakeClient({ readStream: () => yieldAll([entry(0), entry(1, '$metadata'), entry(2), entry(3, '$>')]) });
    expect((await new EsdbEventStore(client).readStream('s-1')).map((e) => e.revision)).toEqual([0n, 2n]);
  });

  it('close leaves an injected client to its owner', async () => {
    const { client, calls } = fakeClient({ dispose: async () => undefined });
    await new EsdbEventStore(client).close();
    expect(calls).toEqual([]);
  });
});
