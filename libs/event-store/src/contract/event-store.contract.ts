import { randomUUID } from 'node:crypto';
import {
  InvalidEventError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../errors.js';
import type { EventData, RecordedEvent } from '../types.js';
import { MAX_STREAM_ID_LENGTH } from '../validation.js';
import { collect, event, events, stream, type ContractFixture } from './fixture.js';
import { orderingContract } from './ordering.contract.js';
import { consumerContract } from './consumer.contract.js';
import { badInputContract } from './bad-input.contract.js';
import { expectationsContract } from './expectations.contract.js';

/**
 * The definition of a faithful event store: every adapter runs this suite.
 * `setup` gives a fresh fixture per describe block.
 */
export function eventStoreContract(adapter: string, setup: () => Promise<ContractFixture>): void {
  describe(`event store contract: ${adapter}`, () => {
    let fx: ContractFixture;
    beforeAll(async () => {
      fx = await setup();
    });
    afterAll(async () => {
      await fx?.teardown();
    });
    const store = () => fx.store;

    describe('expected revision', () => {
      it('no_stream twice: the second append conflicts and reports the actual revision', async () => {
        const s = stream();
        await store().appendToStream(s, events(2), { expectedRevision: 'no_stream' });
        const failure = await store().appendToStream(s, events(1), { expectedRevision: 'no_stream' }).catch((e) => e);
        expect(failure).toBeInstanceOf(WrongExpectedVersionError);
        expect(failure.actual).toBe(1n);
        expect(failure.expected).toBe('no_stream');
      });

      it('stream_exists on a missing stream conflicts with actual no_stream', async () => {
        const failure = await store().appendToStream(stream(), events(1), { expectedRevision: 'stream_exists' }).catch((e) => e);
        expect(failure).toBeInstanceOf(WrongExpectedVersionError);
        expect(failure.actual).toBe('no_stream');
      });

      it('stream_exists on an existing stream appends', async () => {
        const s = stream();
        await store().appendToStream(s, events(1));
        const result = await store().appendToStream(s, events(1), { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('exact revision: succeeds when it matches and fails with the actual one when not', async () => {
        const s = stream();
        const first = await store().appendToStream(s, events(3), { expectedRevision: 'no_stream' });
        expect(first.nextExpectedRevision).toBe(2n);
        const second = await store().appendToStream(s, events(1), { expectedRevision: 2n });
        expect(second.nextExpectedRevision).toBe(3n);
        const failure = await store().appendToStream(s, events(1), { expectedRevision: 2n }).catch((e) => e);
        expect(failure).toBeInstanceOf(WrongExpectedVersionError);
        expect(failure.actual).toBe(3n);
        const onMissing = await store().appendToStream(stream(), events(1), { expectedRevision: 0n }).catch((e) => e);
        expect(onMissing.actual).toBe('no_stream');
      });

      it('two concurrent appends with the same expected revision: exactly one wins, batches never interleave', async () => {
        const s = stream();
        await store().appendToStream(s, events(1));
        const batches = [events(5, 'A'), events(5, 'B')];
        const results = await Promise.allSettled(batches.map((b) => store().appendToStream(s, b, { expectedRevision: 0n })));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toBeInstanceOf(WrongExpectedVersionError);
        expect(rejected.reason.actual).toBe(5n);
        const read = await store().readStream(s);
        expect(read).toHaveLength(6);
        expect(new Set(read.slice(1).map((e) => e.type)).size).toBe(1);
      });

      it('N concurrent `any` appends to one stream all succeed with revisions 0..N-1', async () => {
        const s = stream();
        const n = 25;
        const results = await Promise.all(Array.from({ length: n }, () => store().appendToStream(s, events(1))));
        expect(results.map((r) => r.nextExpectedRevision).sort((a, b) => Number(a - b))).toEqual(
          Array.from({ length: n }, (_, i) => BigInt(i)),
        );
        const read = await store().readStream(s);
        expect(read.map((e) => e.revision)).toEqual(Array.from({ length: n }, (_, i) => BigInt(i)));
      });
    });

    describe('bad input writes nothing', () => {
      const refused = async (streamId: string, batch: unknown[], reason: string) => {
        const failure = await store().appendToStream(streamId, batch as EventData[]).catch((e) => e);
        expect(failure).toBeInstanceOf(InvalidEventError);
        expect(failure.reason).toBe(reason);
        if (streamId) await expect(store().readStream(streamId)).rejects.toBeInstanceOf(StreamNotFoundError);
      };
      const cycle: Record<string, unknown> = {};
      cycle.self = cycle;

      it.each([
        ['empty type', { ...event(), type: '' }, 'EVENT_TYPE_INVALID'],
        ['blank type', { ...event(), type: '   ' }, 'EVENT_TYPE_INVALID'],
        ['non-string type', { ...event(), type: 42 }, 'EVENT_TYPE_INVALID'],
        ['a function in data', event('X', { f: () => 1 }), 'DATA_NOT_JSON'],
        ['a bigint in data', event('X', { n: 1n }), 'DATA_NOT_JSON'],
        ['NaN in data', event('X', { n: Number.NaN }), 'DATA_NOT_JSON'],
        ['undefined data', { ...event('X'), data: undefined }, 'DATA_NOT_JSON'],
        ['a cycle in data', event('X', cycle), 'DATA_NOT_JSON'],
        ['a Map in data', event('X', new Map()), 'DATA_NOT_JSON'],
        ['a symbol in metadata', event('X', {}, { s: Symbol('x') }), 'METADATA_NOT_JSON'],
        ['an event over 1 MiB', event('X', { blob: 'x'.repeat(1024 * 1024) }), 'EVENT_TOO_LARGE'],
        ['an id that is not a UUID', { ...event(), id: 'nope' }, 'EVENT_ID_INVALID'],
      ])('refuses %s, and the valid events of its batch are not written either', async (_label, bad, reason) => {
        await refused(stream(), [event(), bad, event()], reason);
      });

      it('refuses an id repeated in the batch', async () => {
        const e = event();
        await refused(stream(), [e, { ...e }], 'EVENT_ID_DUPLICATED');
      });

      it('refuses an empty or too long stream name', async () => {
        await refused('', [event()], 'STREAM_ID_EMPTY');
        const failure = await store().appendToStream('s'.repeat(MAX_STREAM_ID_LENGTH + 1), [event()]).catch((e) => e);
        expect(failure.reason).toBe('STREAM_ID_TOO_LONG');
        await expect(store().appendToStream('s'.repeat(MAX_STREAM_ID_LENGTH) , [event()])).resolves.toBeDefined();
      });
    });

    describe('idempotent re-append', () => {
      it('the same event ids with the same expectation return the first result and write nothing', async () => {
        const s = stream();
        await store().appendToStream(s, events(2));
        const batch = events(3);
        const first = await store().appendToStream(s, batch, { expectedRevision: 1n });
        const again = await store().appendToStream(s, batch, { expectedRevision: 1n });
        expect(again).toEqual(first);
        const withAny = await store().appendToStream(s, batch);
        expect(withAny).toEqual(first);
        expect(await store().readStream(s)).toHaveLength(5);
      });

      it('the same ids with a stale exact revision that is not where they were written conflict', async () => {
        const s = stream();
        const batch = events(2);
        await store().appendToStream(s, batch, { expectedRevision: 'no_stream' });
        await store().appendToStream(s, events(1));
        const failure = await store().appendToStream(s, batch, { expectedRevision: 0n }).catch((e) => e);
        expect(failure).toBeInstanceOf(WrongExpectedVersionError);
        expect(await store().readStream(s)).toHaveLength(3);
      });
    });

    describe('reading a stream', () => {
      let s: string;
      beforeAll(async () => {
        s = stream();
        await store().appendToStream(s, events(10));
      });
      const revisions = (read: RecordedEvent[]) => read.map((e) => Number(e.revision));

      it('forwards from the start, from a revision, with a maximum count', async () => {
        expect(revisions(await store().readStream(s))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(revisions(await store().readStream(s, { fromRevision: 7n }))).toEqual([7, 8, 9]);
        expect(revisions(await store().readStream(s, { fromRevision: 2n, maxCount: 3 }))).toEqual([2, 3, 4]);
        expect(await store().readStream(s, { fromRevision: 10n })).toEqual([]);
      });

      it('backwards from the end and from a revision', async () => {
        expect(revisions(await store().readStream(s, { direction: 'backwards', maxCount: 3 }))).toEqual([9, 8, 7]);
        expect(revisions(await store().readStream(s, { direction: 'backwards', fromRevision: 1n }))).toEqual([1, 0]);
      });

      it('a missing stream is StreamNotFound', async () => {
        await expect(store().readStream(stream())).rejects.toBeInstanceOf(StreamNotFoundError);
      });
    });

    describe('metadata and precision', () => {
      it('round-trips metadata, data and types exactly', async () => {
        const s = stream();
        const metadata = {
          actor: { userId: 'u-1', role: 'RUP', ufficio: 'UFF-1', codiceFiscale: 'RSSMRA80A01H501U' },
          correlationId: randomUUID(),
          causationId: randomUUID(),
          effectiveAt: '2011-05-04T10:00:00.000Z',
          idempotencyKey: 'k-1',
          custom: { nested: [1, 'due', null, true] },
        };
        const data = { importo: '4999.99', max: Number.MAX_SAFE_INTEGER, min: Number.MIN_SAFE_INTEGER, testo: 'perché € ü 日本', zero: 0, neg: -1.5 };
        const e = event('CigRichiesto', data, metadata);
        await store().appendToStream(s, [e]);
        const [read] = await store().readStream(s);
        expect(read.id).toBe(e.id);
        expect(read.type).toBe('CigRichiesto');
        expect(read.data).toEqual(data);
        expect(read.metadata).toEqual(metadata);
        expect(read.created).toBeInstanceOf(Date);
        expect(typeof read.revision).toBe('bigint');
      });

      it('keeps bigint revisions exact beyond 2^53', async () => {
        const s = stream();
        await store().appendToStream(s, events(1));
        const huge = 2n ** 63n - 1n;
        const failure = await store().appendToStream(s, events(1), { expectedRevision: huge }).catch((e) => e);
        expect(failure).toBeInstanceOf(WrongExpectedVersionError);
        expect(failure.expected).toBe(huge);
        expect(failure.actual).toBe(0n);
      });
    });

    describe('the global log', () => {
      it('readAll keeps the order of every stream and is exclusive of its start position', async () => {
        const a = stream('ordine');
        const b = stream('ordine');
        await Promise.all([
          ...Array.from({ length: 10 }, () => store().appendToStream(a, events(2))),
          ...Array.from({ length: 10 }, () => store().appendToStream(b, events(2))),
        ]);
        const all = await readEverything();
        for (const s of [a, b]) {
          const ours = all.filter((e) => e.streamId === s).map((e) => Number(e.revision));
          expect(ours).toEqual(Array.from({ length: 20 }, (_, i) => i));
        }
        const positions = all.map((e) => e.position);
        for (let i = 1; i < positions.length; i++) expect(store().comparePositions(positions[i - 1], positions[i])).toBeLessThan(0);
        const middle = all[Math.floor(all.length / 2)];
        const after = await store().readAll({ fromPosition: middle.position, maxCount: 1 });
        expect(after[0].position).toBe(all[Math.floor(all.length / 2) + 1].position);
      });

      it('readAll backwards is the reverse of forwards', async () => {
        const forwards = await store().readAll({ maxCount: 50 });
        const last = forwards.at(-1)!;
        const backwards = await store().readAll({ direction: 'backwards', fromPosition: last.position, maxCount: 49 });
        expect(backwards.map((e) => e.id)).toEqual(forwards.slice(0, 49).reverse().map((e) => e.id));
      });

      it('subscribe from a position delivers everything after it, says caught up, then delivers new events', async () => {
        const s = stream('sub');
        const first = await store().appendToStream(s, events(3));
        await store().appendToStream(s, events(4));
        const subscription = store().subscribe({ from: first.position, filter: { streamPrefixes: [s] } });
        const seen: RecordedEvent[] = [];
        let caughtUpAfter = -1;
        let appendedLive = false;
        for await (const message of subscription) {
          if (message.kind === 'events') seen.push(...message.events);
          if (message.kind === 'caughtUp' && caughtUpAfter < 0) {
            caughtUpAfter = seen.length;
            await store().appendToStream(s, events(2));
            appendedLive = true;
          }
          if (appendedLive && seen.length === 6) break;
        }
        await subscription.close();
        expect(caughtUpAfter).toBe(4);
        expect(seen.map((e) => Number(e.revision))).toEqual([3, 4, 5, 6, 7, 8]);
      });

      it('subscribe from `end` delivers only what is written after it started', async () => {
        const s = stream('end');
        await store().appendToStream(s, events(2));
        const subscription = store().subscribe({ from: 'end', filter: { streamPrefixes: [s] } });
        const seen: RecordedEvent[] = [];
        for await (const message of subscription) {
          if (message.kind === 'caughtUp' && seen.length === 0) await store().appendToStream(s, events(1, 'Nuovo'));
          if (message.kind === 'events') seen.push(...message.events);
          if (seen.length > 0) break;
        }
        await subscription.close();
        expect(seen.map((e) => e.type)).toEqual(['Nuovo']);
      });

      it('filters by event type', async () => {
        const s = stream('tipi');
        await store().appendToStream(s, [event('Uno'), event('Due'), event('Uno'), event('Tre')]);
        const { seen } = await collect(store(), { filter: { streamPrefixes: [s], eventTypes: ['Uno', 'Tre'] } }, (x, up) => up);
        expect(seen.map((e) => e.type)).toEqual(['Uno', 'Uno', 'Tre']);
      });
    });

    describe('deletion', () => {
      it('soft delete: reads as not found, stays in the global log, a new append continues the revisions', async () => {
        const s = stream('soft');
        const written = await store().appendToStream(s, events(3));
        await store().deleteStream(s);
        await expect(store().readStream(s)).rejects.toBeInstanceOf(StreamNotFoundError);
        const inLog = await collect(store(), { filter: { streamPrefixes: [s] } }, (x, up) => up);
        expect(inLog.seen).toHaveLength(3);
        const again = await store().appendToStream(s, events(1), { expectedRevision: 'no_stream' });
        expect(again.nextExpectedRevision).toBe(3n);
        expect((await store().readStream(s)).map((e) => e.revision)).toEqual([3n]);
        expect(written.nextExpectedRevision).toBe(2n);
      });

      it('tombstone: the stream can never be read or written again', async () => {
        const s = stream('tomb');
        await store().appendToStream(s, events(2));
        await store().tombstoneStream(s);
        await expect(store().readStream(s)).rejects.toBeInstanceOf(StreamDeletedError);
        await expect(store().appendToStream(s, events(1))).rejects.toBeInstanceOf(StreamDeletedError);
        await expect(store().appendToStream(s, events(1), { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(StreamDeletedError);
      });
    });

    async function readEverything(): Promise<RecordedEvent[]> {
      const all: RecordedEvent[] = [];
      for (;;) {
        const page = await store().readAll({ fromPosition: all.at(-1)?.position, maxCount: 500 });
        all.push(...page);
        if (page.length < 500) return all;
      }
    }

    badInputContract(() => fx);
    expectationsContract(() => fx);
    orderingContract(() => fx);
    consumerContract(() => fx);
  });
}
