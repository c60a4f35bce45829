import {
  DeadlineExceededError, MaxAppendSizeExceededError, TimeoutError, UnavailableError,
  StreamDeletedError as ClientStreamDeletedError, StreamNotFoundError as ClientStreamNotFoundError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  type AllStreamResolvedEvent, type PrefixesFilter, type RegexFilter, type ResolvedEvent,
} from '@eventstore/db-client';
import fc from 'fast-check';
import { EventStoreUnavailableError, InvalidEventError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../errors.js';
import type { Position } from '../types.js';
import {
  compareEsdbPositions, decodeEsdbPosition, encodeEsdbPosition, exactTypesRegex, fromClientExpectedRevision, fromClientMetadata,
  fromResolvedEvent, isSystemEventType, toActualRevision, toClientEvent, toClientExpectedRevision, toClientFilter, toClientMetadata,
  toEventStoreError,
} from './esdb-mapping.js';

const U64_MAX = 2n ** 64n - 1n;

describe('expected revision', () => {
  it.each([
    ['any', 'any'],
    ['no_stream', 'no_stream'],
    ['stream_exists', 'stream_exists'],
    [0n, 0n],
    [2n ** 53n + 1n, 2n ** 53n + 1n],
    [2n ** 63n - 1n, 2n ** 63n - 1n],
  ] as const)('port %p maps to client %p and back', (ours, client) => {
    expect(toClientExpectedRevision(ours)).toBe(client);
    expect(fromClientExpectedRevision(client)).toBe(ours);
  });

  it('reads the legacy numeric expectations of gRPC trailers', () => {
    expect(fromClientExpectedRevision(-1n)).toBe('no_stream');
    expect(fromClientExpectedRevision(-2n)).toBe('any');
    expect(fromClientExpectedRevision(-4n)).toBe('stream_exists');
  });

  it('maps the actual revision to a bigint or no_stream', () => {
    expect(toActualRevision(2n ** 60n)).toBe(2n ** 60n);
    expect(toActualRevision(0n)).toBe(0n);
    expect(toActualRevision('no_stream')).toBe('no_stream');
    expect(toActualRevision(-1n)).toBe('no_stream');
    expect(toActualRevision(undefined)).toBe('no_stream');
  });
});

describe('positions', () => {
  const position = fc.record({ commit: fc.bigInt({ min: 0n, max: U64_MAX }), prepare: fc.bigInt({ min: 0n, max: U64_MAX }) });

  it('encodes to fixed-width "commit/prepare" and decodes back', () => {
    expect(encodeEsdbPosition({ commit: 1234n, prepare: 1200n })).toBe('00000000000000001234/00000000000000001200');
    expect(encodeEsdbPosition({ commit: U64_MAX, prepare: 0n })).toBe('18446744073709551615/00000000000000000000');
    fc.assert(fc.property(position, (p) => expect(decodeEsdbPosition(encodeEsdbPosition(p))).toEqual(p)));
  });

  it('string order and the comparator are (commit, prepare) order', () => {
    const numeric = (a: { commit: bigint; prepare: bigint }, b: { commit: bigint; prepare: bigint }) =>
      a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
    fc.assert(
      fc.property(position, position, (a, b) => {
        const [ea, eb] = [encodeEsdbPosition(a), encodeEsdbPosition(b)];
        expect(compareEsdbPositions(ea, eb)).toBe(numeric(a, b));
        expect(Math.sign(ea.localeCompare(eb, 'en'))).toBe(numeric(a, b));
      }),
    );
    expect(compareEsdbPositions(encodeEsdbPosition({ commit: 9n, prepare: 9n }), encodeEsdbPosition({ commit: 10n, prepare: 0n }))).toBe(-1);
  });

  it.each([
    ['', '1/2', '00000000000000000001', '00000000000000000001/0000000000000000001', '00000000000000000001-00000000000000000002'],
    [' 00000000000000000001/00000000000000000002', '0000000000000000000a/00000000000000000002', '-0000000000000000001/00000000000000000002'],
    ['18446744073709551616/00000000000000000000', '00000000000000000000/99999999999999999999'],
  ].flat())('decoding refuses %p with InvalidEventError POSITION_INVALID, before any call', (bad) => {
    const failure = (() => {
      try {
        decodeEsdbPosition(bad as Position);
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(InvalidEventError);
    expect(failure).toMatchObject({ reason: 'POSITION_INVALID' });
  });

  it('encoding refuses parts outside unsigned 64 bits', () => {
    expect(() => encodeEsdbPosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => encodeEsdbPosition({ commit: 0n, prepare: U64_MAX + 1n })).toThrow(RangeError);
  });
});

describe('errors', () => {
  it('wrong expected version keeps the caller expectation and the actual revision as bigint', () => {
    const client = new ClientWrongExpectedVersionError(undefined, { streamName: 's-1', expected: 2n ** 63n - 1n, current: 2n ** 62n });
    const ours = toEventStoreError(client, { streamId: 's-1', expected: 2n ** 63n - 1n });
    expect(ours).toBeInstanceOf(WrongExpectedVersionError);
    expect(ours).toMatchObject({ streamId: 's-1', expected: 2n ** 63n - 1n, actual: 2n ** 62n, code: 'WRONG_EXPECTED_VERSION' });
  });

  it('wrong expected version on a missing stream is actual no_stream; without context the client values are used', () => {
    const client = new ClientWrongExpectedVersionError(undefined, { streamName: 's-2', expected: 'stream_exists', current: 'no_stream' });
    expect(toEventStoreError(client)).toMatchObject({ streamId: 's-2', expected: 'stream_exists', actual: 'no_stream' });
    const legacy = Object.assign(new Error('wrong'), { type: 'wrong-expected-version', streamName: 's-3', expectedVersion: -1n, actualVersion: 4n });
    expect(toEventStoreError(legacy)).toMatchObject({ streamId: 's-3', expected: 'no_stream', actual: 4n });
  });

  it('stream not found and stream deleted', () => {
    const notFound = toEventStoreError(new ClientStreamNotFoundError(undefined, 'gone'));
    expect(notFound).toBeInstanceOf(StreamNotFoundError);
    expect(notFound).toMatchObject({ streamId: 'gone' });
    const deleted = toEventStoreError(ClientStreamDeletedError.fromStreamName('tomb'), { streamId: 'tomb' });
    expect(deleted).toBeInstanceOf(StreamDeletedError);
    expect(deleted).toMatchObject({ streamId: 'tomb' });
  });

  it.each([
    ['UnavailableError', new UnavailableError()],
    ['DeadlineExceededError', new DeadlineExceededError()],
    ['TimeoutError', new TimeoutError()],
    ['an object with type unavailable', { type: 'unavailable', message: 'down' }],
    ['a raw gRPC UNAVAILABLE', Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14, details: 'x' })],
    ['a raw gRPC DEADLINE_EXCEEDED', Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4 })],
    ['a Node connection error', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2113'), { code: 'ECONNREFUSED' })],
    ['a failed discovery', new Error('Failed to discover after 10 attempts.')],
  ])('%s is EventStoreUnavailableError, keeping the cause', (_label, error) => {
    const mapped = toEventStoreError(error);
    expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
    expect((mapped as EventStoreUnavailableError).cause).toBe(error);
  });

  it('an append over the server limit is InvalidEventError APPEND_TOO_LARGE', () => {
    expect(toEventStoreError(MaxAppendSizeExceededError.fromMaxAppendSize(1024))).toMatchObject({ reason: 'APPEND_TOO_LARGE' });
    expect(toEventStoreError(MaxAppendSizeExceededError.fromMaxAppendSize(1024))).toBeInstanceOf(InvalidEventError);
  });

  it('anything else passes unchanged; our own errors too', () => {
    const other = new TypeError('bug');
    expect(toEventStoreError(other)).toBe(other);
    const ours = new StreamNotFoundError('x');
    expect(toEventStoreError(ours, { streamId: 'y' })).toBe(ours);
    expect(toEventStoreError('text')).toEqual(new Error('text'));
  });
});

describe('metadata', () => {
  const full = {
    actor: { userId: 'u-1', role: 'RUP', ufficio: 'UFF-1', codiceFiscale: 'RSSMRA80A01H501U' },
    correlationId: 'c-1',
    causationId: 'k-1',
    effectiveAt: '2011-05-04T10:00:00.000Z',
    idempotencyKey: 'i-1',
    custom: { nested: [1, 'due', null, true] },
  };

  it('writes our keys and the $-prefixed mirrors EventStoreDB projections read', () => {
    expect(toClientMetadata(full)).toEqual({ ...full, $correlationId: 'c-1', $causationId: 'k-1' });
    expect(toClientMetadata(undefined)).toEqual({});
  });

  it('round-trips exactly, through JSON and through bytes, without leaking $ keys', () => {
    const json = JSON.parse(JSON.stringify(toClientMetadata(full)));
    expect(fromClientMetadata(json)).toEqual(full);
    expect(fromClientMetadata(new Uint8Array(Buffer.from(JSON.stringify(toClientMetadata(full)))))).toEqual(full);
    expect(fromClientMetadata(toClientMetadata({ other: 1 }))).toEqual({ other: 1 });
  });

  it('keeps a $ key the caller set to its own value, and adopts the mirror of a foreign event', () => {
    const own = { correlationId: 'c-1', $correlationId: 'elsewhere' };
    expect(fromClientMetadata(toClientMetadata(own))).toEqual(own);
    expect(fromClientMetadata({ $correlationId: 'c-9', $causationId: 'k-9', x: 1 })).toEqual({ correlationId: 'c-9', causationId: 'k-9', x: 1 });
  });

  it('reads missing or non-object metadata as {}', () => {
    expect(fromClientMetadata(undefined)).toEqual({});
    expect(fromClientMetadata(new Uint8Array())).toEqual({});
    expect(fromClientMetadata(new Uint8Array(Buffer.from('not json')))).toEqual({});
    expect(fromClientMetadata([1, 2])).toEqual({});
  });
});

describe('subscription filter', () => {
  const checkpointReached = () => undefined;

  it('stream prefixes filter on stream name, server-side', () => {
    const plan = toClientFilter({ streamPrefixes: ['appalto-', 'cig-'] }, { checkpointReached });
    expect(plan.filter).toMatchObject({ filterOn: 'streamName', prefixes: ['appalto-', 'cig-'], checkpointInterval: 1 });
    expect(plan.filter.checkpointReached).toBe(checkpointReached);
    expect(plan.clientSideTypes).toBeUndefined();
  });

  it('event types alone become an exact, anchored, escaped regex on event type', () => {
    const plan = toClientFilter({ eventTypes: ['Uno', 'Tre.v2'] });
    const filter = plan.filter as RegexFilter;
    expect(filter.filterOn).toBe('eventType');
    expect(plan.clientSideTypes).toBeUndefined();
    const regex = new RegExp(filter.regex);
    expect(['Uno', 'Tre.v2'].map((t) => regex.test(t))).toEqual([true, true]);
    expect(['UnoBis', 'xUno', 'Due', 'Tre-v2', 'TreXv2'].some((t) => regex.test(t))).toBe(false);
    expect(exactTypesRegex(['a(b)*'])).toBe('^(?:a\\(b\\)\\*)$');
  });

  it('with both, the server filters by stream prefix and the types are checked on the client', () => {
    const plan = toClientFilter({ streamPrefixes: ['tipi-'], eventTypes: ['Uno', 'Tre'] });
    expect((plan.filter as PrefixesFilter).prefixes).toEqual(['tipi-']);
    expect(plan.filter.filterOn).toBe('streamName');
    expect([...(plan.clientSideTypes ?? [])]).toEqual(['Uno', 'Tre']);
  });

  it('without a filter (or with empty lists) system events are excluded server-side, so checkpoints still flow', () => {
    for (const filter of [undefined, {}, { streamPrefixes: [], eventTypes: [] }]) {
      const plan = toClientFilter(filter, { checkpointReached, maxSearchWindow: 64 });
      expect(plan.filter).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*', maxSearchWindow: 64 });
      expect(plan.filter.checkpointReached).toBe(checkpointReached);
    }
  });
});

describe('events', () => {
  const recorded = {
    streamId: 'appalto-1',
    id: '6f1d7f39-5b1e-4c4e-9a53-111111111111',
    isJson: true as const,
    revision: 2n ** 53n + 7n,
    type: 'CigRichiesto',
    created: new Date('2024-01-02T03:04:05.678Z'),
    data: { importo: '4999.99' },
    metadata: { correlationId: 'c-1', $correlationId: 'c-1', actor: { userId: 'u' } },
    position: { commit: 5000n, prepare: 4990n },
  };

  it('maps a resolved event, revision and position exact, metadata without $ keys', () => {
    expect(fromResolvedEvent({ event: recorded, commitPosition: 5000n } as AllStreamResolvedEvent)).toEqual({
      streamId: 'appalto-1',
      revision: 2n ** 53n + 7n,
      position: '00000000000000005000/00000000000000004990',
      id: recorded.id,
      type: 'CigRichiesto',
      data: { importo: '4999.99' },
      metadata: { correlationId: 'c-1', actor: { userId: 'u' } },
      created: recorded.created,
    });
  });

  it('parses JSON held as bytes, keeps other bytes, and skips a record without event', () => {
    const bytes = { ...recorded, isJson: false as const, data: new Uint8Array(Buffer.from('{"a":[1,2]}')), metadata: undefined };
    expect(fromResolvedEvent({ event: bytes } as unknown as ResolvedEvent)).toMatchObject({ data: { a: [1, 2] }, metadata: {} });
    const binary = new Uint8Array([0xff, 0x00]);
    expect(fromResolvedEvent({ event: { ...bytes, data: binary } } as unknown as ResolvedEvent)?.data).toBe(binary);
    expect(fromResolvedEvent({ commitPosition: 1n })).toBeUndefined();
  });

  it('refuses an event without position (server before 22.6)', () => {
    expect(() => fromResolvedEvent({ event: { ...recorded, position: undefined } } as ResolvedEvent)).toThrow(/22\.6/);
  });

  it('builds the client JSON event with our id, parsed data and mirrored metadata', () => {
    const serialised = { id: recorded.id, type: 'CigRichiesto', data: '{"n":1}', metadata: '{"causationId":"k"}' };
    expect(toClientEvent(serialised)).toEqual({
      id: recorded.id,
      contentType: 'application/json',
      type: 'CigRichiesto',
      data: { n: 1 },
      metadata: { causationId: 'k', $causationId: 'k' },
    });
  });

  it('tells system events by their $ type', () => {
    expect(['$metadata', '$>', '$streamDeleted', '$statsCollected'].every(isSystemEventType)).toBe(true);
    expect(isSystemEventType('CigRichiesto')).toBe(false);
  });
});
