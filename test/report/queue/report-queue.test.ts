// A report joins the queue once its ack is out, and after every other ack
// waiting: in a burst its write would otherwise sit between them.

import { describe, expect, it } from 'vitest';
import { asAsync } from '../../../src/db/async-store.js';
import { AckPriority } from '../../../src/interaction/ack-priority.js';
import { silentLogger } from '../../../src/log/logger.js';
import { ReportQueue } from '../../../src/report/queue/report-queue.js';
import { SqliteRunStore } from '../../../src/storage/sqlite/run-store.js';
import { queuedRun } from '../../support/queued-run.js';
import { useTempDatabase } from '../../support/temp-database.js';

const db = useTempDatabase();
const T0 = Date.parse('2026-11-24T10:00:00Z');

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** A queue that makes nothing (every run queued stays ahead of the next), recording what it marks ready. */
function queueOf(runs: SqliteRunStore, acks: AckPriority) {
  const marked: number[] = [];
  const store = asAsync(runs);
  const queue = new ReportQueue({
    runs: {
      ...store,
      markReady: async (id) => {
        marked.push(id);
        return store.markReady(id);
      },
    },
    make: () => new Promise<void>(() => undefined),
    concurrency: 0,
    leaseMs: 30_000,
    acks,
    saturated: () => false,
    now: () => T0,
    log: silentLogger,
  });
  return { queue, marked };
}

describe('ReportQueue.enqueue', () => {
  it('marks a run ready only once no ack waits, then says how many are ahead of it', async () => {
    const runs = new SqliteRunStore(db.current.db);
    const acks = new AckPriority(60_000); // no timer lets it through meanwhile
    const { queue, marked } = queueOf(runs, acks);
    const first = runs.startRun(queuedRun('member-1', T0));
    const second = runs.startRun(queuedRun('member-2', T0));
    acks.begin(); // another member's ack still on its way
    const places = [queue.enqueue(first), queue.enqueue(second)];
    await turns(10);
    expect(marked).toEqual([]);
    expect(runs.claim('another replica', T0, 30_000, 10)).toEqual([]); // not in the queue yet: nothing to claim
    acks.end();
    expect(await Promise.all(places)).toEqual([1, 2]);
    expect(marked).toEqual([first, second]);
  });

  it('still queues the run when acks never stop arriving, after the longest wait background work is given', async () => {
    const runs = new SqliteRunStore(db.current.db);
    const acks = new AckPriority(20);
    const { queue, marked } = queueOf(runs, acks);
    const run = runs.startRun(queuedRun('member-1', T0));
    acks.begin(); // an ack that never ends: a stream of interactions with no gap
    expect(await queue.enqueue(run)).toBe(1);
    expect(marked).toEqual([run]);
  });

  it('says a run marked ready is queued even when its place cannot be read, and throws only when it could not be marked', async () => {
    const runs = new SqliteRunStore(db.current.db);
    const store = asAsync(runs);
    const queueWith = (failing: Partial<typeof store>) =>
      new ReportQueue({
        runs: { ...store, ...failing },
        make: () => new Promise<void>(() => undefined),
        concurrency: 0,
        leaseMs: 30_000,
        saturated: () => false,
        now: () => T0,
        log: silentLogger,
      });
    const run = runs.startRun(queuedRun('member-1', T0));
    const placeLost = queueWith({ queuedAhead: () => Promise.reject(new Error('connection lost')) });
    expect(await placeLost.enqueue(run)).toBe(0);
    expect(runs.claim('another replica', T0, 30_000, 10).map((c) => c.id)).toEqual([run]);

    const other = runs.startRun(queuedRun('member-2', T0));
    const notMarked = queueWith({ markReady: () => Promise.reject(new Error('connection lost')) });
    await expect(notMarked.enqueue(other)).rejects.toThrow('connection lost');
  });
});

describe('ReportQueue.placeOf', () => {
  it('counts the reports admitted before one and still being made while its reads wait, with an estimate once reports end', async () => {
    const runs = new SqliteRunStore(db.current.db);
    const clock = { now: T0 };
    const waiting = new Set<number>();
    const finish = new Map<number, () => void>();
    const queue = new ReportQueue({
      runs: asAsync(runs),
      make: (run) => new Promise<void>((resolve) => finish.set(run.id, resolve)),
      concurrency: 13,
      leaseMs: 30_000,
      saturated: () => waiting.size > 0,
      waiting: (runId) => waiting.has(runId),
      now: () => clock.now,
      log: silentLogger,
    });
    const ids = Array.from({ length: 13 }, (_, i) => runs.startRun(queuedRun(`member-${i}`, T0)));
    queue.worker.start();
    for (const id of ids) await queue.enqueue(id);
    await turns(20);
    expect(finish.size).toBe(13); // all being made
    for (const id of ids) waiting.add(id);
    expect(queue.placeOf(ids[0]!)).toBeNull(); // none ahead of the first
    expect(queue.placeOf(ids[12]!)).toEqual({ ahead: 12, readyAt: null }); // no pace yet
    waiting.delete(ids[12]!);
    expect(queue.placeOf(ids[12]!)).toBeNull(); // its reads wait for nothing: it is not held back by those ahead
    waiting.add(ids[12]!);
    for (const [i, id] of ids.slice(0, 10).entries()) {
      clock.now = T0 + 4000 + i * 1500; // ends 1.5 s apart
      finish.get(id)?.();
      await turns(5);
    }
    // Two still ahead of the last: it is likely ready after them and itself, 1.5 s each.
    expect(queue.placeOf(ids[12]!)).toEqual({ ahead: 2, readyAt: clock.now + 3 * 1500 });
    queue.worker.stop();
    for (const id of ids.slice(10)) finish.get(id)?.();
    await turns(5);
  });
});
