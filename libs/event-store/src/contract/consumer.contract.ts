import { CheckpointStore } from '../consumer/checkpoint-store.js';
import type { Consumer, SqlExecutor } from '../consumer/consumer.js';
import { ConsumerRunner } from '../consumer/consumer-runner.js';
import type { Position, RecordedEvent } from '../types.js';
import { events, sleep, stream, type ContractFixture } from './fixture.js';

/** A consumer that appends one row per event, with no unique key, so a double apply shows. */
function rowsConsumer(name: string, prefix: string): Consumer {
  return {
    name,
    filter: { streamPrefixes: [prefix] },
    batchSize: 10,
    async handle(batch: readonly RecordedEvent[], tx: SqlExecutor) {
      for (const e of batch) await tx.query('INSERT INTO contract_rows (consumer, event_id) VALUES ($1, $2)', [name, e.id]);
    },
  };
}

/**
 * Fails the end of a batch once, after the consumer wrote its rows: the statement that would move
 * the checkpoint and commit raises in PostgreSQL instead, a crash at the worst moment.
 */
class CrashOnceCheckpoints extends CheckpointStore {
  crashes = 0;
  override moveAndCommit(consumer: string, previous: Position | undefined, next: Position): string {
    if (this.crashes === 0 && previous !== undefined) {
      this.crashes++;
      return `DO $$ BEGIN RAISE EXCEPTION 'simulated crash between read-model write and checkpoint'; END $$; COMMIT`;
    }
    return super.moveAndCommit(consumer, previous, next);
  }
}

/** Counts the checkpoint writes. */
class CountingCheckpoints extends CheckpointStore {
  saves = 0;
  override moveAndCommit(consumer: string, previous: Position | undefined, next: Position): string {
    this.saves++;
    return super.moveAndCommit(consumer, previous, next);
  }
}

export function consumerContract(fixture: () => ContractFixture): void {
  describe('checkpointed consumers', () => {
    const store = () => fixture().store;
    const pool = () => fixture().readModels;
    let checkpoints: CheckpointStore;

    beforeAll(async () => {
      checkpoints = new CheckpointStore(pool());
      await checkpoints.migrate();
      await pool().query('CREATE TABLE IF NOT EXISTS contract_rows (consumer text NOT NULL, event_id uuid NOT NULL)');
    });

    const applied = async (name: string) => {
      const { rows } = await pool().query<{ total: string; distinct: string }>(
        'SELECT count(*) AS total, count(DISTINCT event_id) AS distinct FROM contract_rows WHERE consumer = $1',
        [name],
      );
      return { total: Number(rows[0].total), distinct: Number(rows[0].distinct) };
    };
    const until = async (check: () => Promise<boolean>, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error('timed out');
        await sleep(25);
      }
    };

    it('a crash between the read-model write and the checkpoint neither loses nor doubles an event', async () => {
      const prefix = stream('crash');
      const name = `crash-${prefix}`;
      await store().appendToStream(`${prefix}-a`, events(25));
      const crashing = new CrashOnceCheckpoints(pool());
      const runner = new ConsumerRunner(store(), pool(), crashing, rowsConsumer(name, prefix), { retryDelayMs: 10 });
      runner.start();
      await until(async () => (await applied(name)).distinct === 25 && runner.status().caughtUp);
      await runner.stop();
      expect(crashing.crashes).toBe(1);
      expect(await applied(name)).toEqual({ total: 25, distinct: 25 });
    });

    it('a restarted consumer continues from its checkpoint', async () => {
      const prefix = stream('restart');
      const name = `restart-${prefix}`;
      await store().appendToStream(`${prefix}-a`, events(12));
      const first = new ConsumerRunner(store(), pool(), checkpoints, rowsConsumer(name, prefix));
      first.start();
      await until(async () => (await applied(name)).total === 12);
      await first.stop();
      const last = await store().appendToStream(`${prefix}-a`, events(8));
      const second = new ConsumerRunner(store(), pool(), checkpoints, rowsConsumer(name, prefix));
      second.start();
      expect(await second.waitFor(last.position, 10_000)).toBe(true);
      await second.stop();
      expect(await applied(name)).toEqual({ total: 20, distinct: 20 });
    });

    it('a filtered consumer moves over unwanted events in memory (read-your-writes answers) and stores that progress at most every idleCheckpointMs', async () => {
      const prefix = stream('sparse');
      const name = `sparse-${prefix}`;
      const noise = stream('noise');
      const lazy = new CountingCheckpoints(pool());
      const runner = new ConsumerRunner(store(), pool(), lazy, rowsConsumer(name, prefix), { idleCheckpointMs: 60_000 });
      runner.start();
      await store().appendToStream(`${prefix}-a`, events(1));
      await until(async () => (await applied(name)).total === 1);
      const afterWanted = lazy.saves;
      expect(afterWanted).toBeGreaterThan(0);
      let last: Position | undefined;
      for (let i = 0; i < 15; i++) last = (await store().appendToStream(noise, events(1))).position;
      expect(await runner.waitFor(last!, 10_000)).toBe(true);
      expect(lazy.saves).toBe(afterWanted);
      await runner.stop();

      // Restarted from the stored checkpoint, it scans those events again and applies nothing twice.
      const eager = new CountingCheckpoints(pool());
      const again = new ConsumerRunner(store(), pool(), eager, rowsConsumer(name, prefix), { idleCheckpointMs: 0 });
      again.start();
      expect(await again.waitFor(last!, 10_000)).toBe(true);
      await again.stop();
      expect(eager.saves).toBeGreaterThan(0);
      expect(store().comparePositions((await checkpoints.load(name))!, last!)).toBeGreaterThanOrEqual(0);
      expect(await applied(name)).toEqual({ total: 1, distinct: 1 });
    });

    it('two runners of one consumer: one is active, the other stands by, every event applied once', async () => {
      const prefix = stream('pair');
      const name = `pair-${prefix}`;
      const runners = [0, 1].map(() => new ConsumerRunner(store(), pool(), checkpoints, rowsConsumer(name, prefix), { standbyPollMs: 50 }));
      runners.forEach((r) => r.start());
      for (let i = 0; i < 10; i++) await store().appendToStream(`${prefix}-${i % 3}`, events(3));
      await until(async () => (await applied(name)).total >= 30);
      await sleep(200);
      expect(runners.filter((r) => r.status().active)).toHaveLength(1);
      const activeOne = runners.find((r) => r.status().active)!;
      await activeOne.stop();
      const last = await store().appendToStream(`${prefix}-x`, events(5));
      const standby = runners.find((r) => r !== activeOne)!;
      expect(await standby.waitFor(last.position, 10_000)).toBe(true);
      await standby.stop();
      expect(await applied(name)).toEqual({ total: 35, distinct: 35 });
    });
  });
}
