import { StreamNotFoundError, WrongExpectedVersionError } from '../errors.js';
import type { ExpectedRevision } from '../types.js';
import { events, stream, type ContractFixture } from './fixture.js';

/**
 * Where idempotency and soft deletion meet the expected revision: the rules EventStoreDB
 * applies, which every adapter follows (see the port's TSDoc).
 */
export function expectationsContract(fixture: () => ContractFixture): void {
  const store = () => fixture().store;
  const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

  describe('a batch overlapping the stream in part', () => {
    it.each<[string, ExpectedRevision]>([
      ['any', 'any'],
      ['stream_exists', 'stream_exists'],
    ])('with %s: [e1, e2] then [e2, e3] conflicts and writes nothing (e2 is never stored twice)', async (_label, expectedRevision) => {
      const s = stream('sovrapposto');
      const [e1, e2, e3] = events(3);
      await store().appendToStream(s, [e1, e2]);
      const failure = await failureOf(store().appendToStream(s, [e2, e3], { expectedRevision }));
      expect(failure).toBeInstanceOf(WrongExpectedVersionError);
      expect(failure).toMatchObject({ actual: 1n });
      expect((await store().readStream(s)).map((e) => e.id)).toEqual([e1.id, e2.id]);
    });

    it('the same batch, or a consecutive part of it, re-appended with any stays idempotent', async () => {
      const s = stream('ripetuto');
      const [e1, e2] = events(2);
      const first = await store().appendToStream(s, [e1, e2]);
      expect(await store().appendToStream(s, [e1, e2])).toEqual(first);
      expect(await store().appendToStream(s, [e2])).toEqual(first);
      expect((await store().appendToStream(s, [e1])).nextExpectedRevision).toBe(0n);
      expect(await store().readStream(s)).toHaveLength(2);
    });
  });

  describe('soft deletion and expectations', () => {
    it('soft-deleting a stream that was never written does nothing; the stream is then created at revision 0', async () => {
      const s = stream('mai-scritto');
      await store().deleteStream(s);
      await expect(store().readStream(s)).rejects.toBeInstanceOf(StreamNotFoundError);
      const created = await store().appendToStream(s, events(1), { expectedRevision: 'no_stream' });
      expect(created.nextExpectedRevision).toBe(0n);
      expect((await store().readStream(s)).map((e) => e.revision)).toEqual([0n]);
    });

    it('a soft-deleted stream keeps its last revision: an older exact one fails with it, that exact one recreates the stream', async () => {
      const s = stream('cancellato');
      await store().appendToStream(s, events(3));
      await store().deleteStream(s);
      const stale = await failureOf(store().appendToStream(s, events(1), { expectedRevision: 1n }));
      expect(stale).toBeInstanceOf(WrongExpectedVersionError);
      expect(stale).toMatchObject({ actual: 2n });
      await expect(store().readStream(s)).rejects.toBeInstanceOf(StreamNotFoundError);
      const again = await store().appendToStream(s, events(1), { expectedRevision: 2n });
      expect(again.nextExpectedRevision).toBe(3n);
      expect((await store().readStream(s)).map((e) => e.revision)).toEqual([3n]);
    });

    it('stream_exists on a soft-deleted stream fails with actual no_stream and writes nothing', async () => {
      const s = stream('cancellato-esiste');
      await store().appendToStream(s, events(2));
      await store().deleteStream(s);
      const failure = await failureOf(store().appendToStream(s, events(1), { expectedRevision: 'stream_exists' }));
      expect(failure).toBeInstanceOf(WrongExpectedVersionError);
      expect(failure).toMatchObject({ actual: 'no_stream' });
      await expect(store().readStream(s)).rejects.toBeInstanceOf(StreamNotFoundError);
    });
  });
}
