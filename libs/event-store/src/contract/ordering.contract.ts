import type { Position, RecordedEvent } from '../types.js';
import { collect, events, seededRandom, sleep, stream, type ContractFixture, type HeldAppend } from './fixture.js';

/**
 * Commit order against numbering order: a subscriber must never skip an event whose
 * transaction took a lower number but committed later, nor see a rolled-back one.
 */
export function orderingContract(fixture: () => ContractFixture): void {
  describe('out-of-order commits', () => {
    const store = () => fixture().store;

    it('20 concurrent writers committing out of order: the subscriber gets every event exactly once, also after a restart from its checkpoint', async () => {
      const prefix = stream('ooo');
      const random = seededRandom(20);
      const writers = 20;
      const perWriter = 3;
      const expected = writers * perWriter * 2;

      // First subscriber: runs while the writers work, stops half way, keeps its checkpoint.
      let checkpoint: Position | undefined;
      const first: RecordedEvent[] = [];
      const firstRun = (async () => {
        const subscription = store().subscribe({ from: 'start', filter: { streamPrefixes: [prefix] }, batchSize: 7 });
        for await (const message of subscription) {
          if (message.kind === 'events') first.push(...message.events);
          if (message.kind !== 'caughtUp') checkpoint = message.position;
          if (first.length >= expected / 2) break;
        }
        await subscription.close();
      })();

      // Each writer holds a transaction that took its numbers, while another append of the
      // same writer commits at once; the held ones then commit in a shuffled order.
      const held: HeldAppend[] = [];
      for (let w = 0; w < writers; w++) {
        const s = `${prefix}-w${w}`;
        if (fixture().holdAppend) held.push(await fixture().holdAppend!(`${s}-held`, events(perWriter)));
        else await store().appendToStream(`${s}-held`, events(perWriter));
        await store().appendToStream(`${s}-direct`, events(perWriter));
      }
      const order = held.map((h, i) => ({ h, k: random() + i * 0 })).sort((a, b) => a.k - b.k);
      await Promise.all(order.map(async ({ h }, i) => {
        await sleep(Math.floor(random() * 40) + i * 3);
        await h.commit();
      }));
      await firstRun;

      // Second subscriber: restarts from the saved checkpoint.
      const { seen: second } = await collect(
        store(),
        { from: checkpoint ?? 'start', filter: { streamPrefixes: [prefix] }, batchSize: 11 },
        (seen) => first.filter((e) => !checkpoint || store().comparePositions(e.position, checkpoint) <= 0).length + seen.length >= expected,
      );
      const beforeCheckpoint = first.filter((e) => !checkpoint || store().comparePositions(e.position, checkpoint) <= 0);
      const ids = [...beforeCheckpoint, ...second].map((e) => e.id);
      expect(ids).toHaveLength(expected);
      expect(new Set(ids).size).toBe(expected);
      const all = await collect(store(), { filter: { streamPrefixes: [prefix] } }, (x, up) => up);
      expect(new Set(all.seen.map((e) => e.id))).toEqual(new Set(ids));
    }, 60_000);

    it('a rolled-back append never appears and does not stall the subscriber', async () => {
      const hold = fixture().holdAppend;
      const prefix = stream('rollback');
      const doomed = hold ? await hold(`${prefix}-doomed`, events(2)) : undefined;
      await store().appendToStream(`${prefix}-ok`, events(2));
      const pending = collect(store(), { filter: { streamPrefixes: [prefix] } }, (seen) => seen.length >= 3, 10_000);
      await sleep(100);
      await doomed?.rollback();
      await store().appendToStream(`${prefix}-ok`, events(1));
      const { seen } = await pending;
      expect(seen.map((e) => e.streamId)).toEqual([`${prefix}-ok`, `${prefix}-ok`, `${prefix}-ok`]);
    });

    it('a filtered subscription advances its checkpoint over long stretches of events it does not want', async () => {
      const wanted = stream('wanted');
      await store().appendToStream(wanted, events(1));
      const noise = stream('noise');
      let last: Position | undefined;
      for (let i = 0; i < 6; i++) last = (await store().appendToStream(noise, events(500))).position;
      const result = await collect(store(), { filter: { streamPrefixes: [wanted] }, batchSize: 200 }, (seen, up) => up);
      expect(result.seen).toHaveLength(1);
      expect(store().comparePositions(result.checkpoints.at(-1)!, last!)).toBeGreaterThanOrEqual(0);
    });
  });
}
