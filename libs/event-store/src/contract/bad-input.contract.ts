import { InvalidEventError, StreamNotFoundError } from '../errors.js';
import type { EventData, SubscribeOptions } from '../types.js';
import { event, events, stream, type ContractFixture } from './fixture.js';

const NUL = 'a\u0000b';
const LONE_HIGH = 'a\ud800b';
const LONE_LOW = '\udc00b';

/**
 * Input the store cannot hold as given, or that is beyond its range: every adapter refuses it
 * with `InvalidEventError` before touching its engine, names what is wrong, and writes nothing.
 */
export function badInputContract(fixture: () => ContractFixture): void {
  describe('bad input is refused before the store is touched', () => {
    const store = () => fixture().store;
    const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);
    const refused = async (streamId: string, batch: unknown[], reason: string, names?: RegExp) => {
      const failure = await failureOf(store().appendToStream(streamId, batch as EventData[]));
      expect(failure).toBeInstanceOf(InvalidEventError);
      expect(failure).toMatchObject({ reason });
      if (names) expect((failure as Error).message).toMatch(names);
      return failure as InvalidEventError;
    };

    it.each([
      ['a NUL in a data value', event('X', { lotti: [{ oggetto: 'ok' }, { oggetto: NUL }] }), 'DATA_NOT_JSON', /data\.lotti\[1\]\.oggetto.*NUL/],
      ['a NUL in a data key', event('X', { nested: { [NUL]: 1 } }), 'DATA_NOT_JSON', /key of data\.nested.*NUL/],
      ['a lone high surrogate in data', event('X', { testo: LONE_HIGH }), 'DATA_NOT_JSON', /data\.testo.*surrogate/],
      ['a lone low surrogate in data', event('X', [LONE_LOW]), 'DATA_NOT_JSON', /data\[0\].*surrogate/],
      ['a NUL in metadata', event('X', {}, { motivazione: NUL }), 'METADATA_NOT_JSON', /metadata\.motivazione.*NUL/],
      ['a lone surrogate in a metadata key', event('X', {}, { [LONE_HIGH]: 'x' }), 'METADATA_NOT_JSON', /key of metadata.*surrogate/],
      ['a NUL in the type', { ...event(), type: NUL }, 'EVENT_TYPE_INVALID', /type.*NUL/],
      ['a lone surrogate in the type', { ...event(), type: LONE_HIGH }, 'EVENT_TYPE_INVALID', /type.*surrogate/],
      ['a type starting with $ (reserved to the store)', { ...event(), type: '$Provato' }, 'EVENT_TYPE_INVALID', /\$/],
    ])('refuses %s, naming it, and writes no event of the batch', async (_label, bad, reason, names) => {
      const s = stream('testo');
      const failure = await refused(s, [event(), bad, event()], reason, names);
      expect(failure.index).toBe(1);
      await expect(store().readStream(s)).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it.each([
      ['a NUL', `s-${NUL}`],
      ['a lone surrogate', `s-${LONE_HIGH}`],
      ['the $ prefix reserved to the store', '$s-riservato'],
    ])('refuses a stream name with %s in every call that names a stream', async (_label, name) => {
      for (const call of [
        () => store().appendToStream(name, [event()]),
        () => store().readStream(name),
        () => store().deleteStream(name),
        () => store().tombstoneStream(name),
      ]) {
        const failure = await failureOf(call());
        expect(failure).toBeInstanceOf(InvalidEventError);
        expect(failure).toMatchObject({ reason: 'STREAM_ID_INVALID' });
      }
    });

    it('refuses an append whose events together exceed 1 MiB although each is under it, and writes none of them', async () => {
      const s = stream('grande');
      const half = (n: number) => event('Grande', { n, blob: 'x'.repeat(600 * 1024) });
      const failure = await refused(s, [half(1), half(2)], 'APPEND_TOO_LARGE');
      expect(failure.message).toMatch(/1048576/);
      await expect(store().readStream(s)).rejects.toBeInstanceOf(StreamNotFoundError);
      await expect(store().appendToStream(s, [half(1)])).resolves.toBeDefined();
    });

    it('refuses revisions outside 0 .. 2^63 - 1', async () => {
      const s = stream('revisioni');
      await store().appendToStream(s, events(1));
      for (const call of [
        () => store().appendToStream(s, events(1), { expectedRevision: 2n ** 63n }),
        () => store().appendToStream(s, events(1), { expectedRevision: 2n ** 64n + 5n }),
        () => store().readStream(s, { fromRevision: 2n ** 63n }),
        () => store().readStream(s, { fromRevision: -1n }),
      ]) {
        const failure = await failureOf(call());
        expect(failure).toBeInstanceOf(InvalidEventError);
        expect(failure).toMatchObject({ reason: 'REVISION_INVALID' });
      }
      expect(await store().readStream(s)).toHaveLength(1);
    });

    it('refuses counts that are not whole numbers >= 0', async () => {
      const s = stream('conteggi');
      await store().appendToStream(s, events(1));
      for (const maxCount of [-1, 1.5, Number.NaN]) {
        for (const call of [() => store().readStream(s, { maxCount }), () => store().readAll({ maxCount })]) {
          const failure = await failureOf(call());
          expect(failure).toBeInstanceOf(InvalidEventError);
          expect(failure).toMatchObject({ reason: 'COUNT_INVALID' });
        }
      }
    });

    it('refuses a position token it did not produce, in readAll and in subscribe', async () => {
      const failure = await failureOf(store().readAll({ fromPosition: 'not-a-position' as never }));
      expect(failure).toBeInstanceOf(InvalidEventError);
      expect(failure).toMatchObject({ reason: 'POSITION_INVALID' });
      expect(await subscribeFailure({ from: 'not-a-position' as never })).toMatchObject({ reason: 'POSITION_INVALID' });
    });

    it('refuses a subscription with a batch size under 1 or a filter value it cannot hold', async () => {
      expect(await subscribeFailure({ batchSize: 0 })).toMatchObject({ reason: 'COUNT_INVALID' });
      expect(await subscribeFailure({ filter: { streamPrefixes: [NUL] } })).toMatchObject({ reason: 'FILTER_INVALID' });
      expect(await subscribeFailure({ filter: { eventTypes: [LONE_HIGH] } })).toMatchObject({ reason: 'FILTER_INVALID' });
    });

    /** The error of a subscription, whether `subscribe` throws or its first step does. */
    async function subscribeFailure(options: SubscribeOptions): Promise<unknown> {
      try {
        const subscription = store().subscribe(options);
        try {
          for await (const message of subscription) if (message) break;
        } finally {
          await subscription.close();
        }
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidEventError);
        return error;
      }
      return undefined;
    }
  });
}
