// The report queue: runs wait in report_runs until a replica claims them;
// a replica takes no more than its slots, and a claim lapses with its
// replica, so another takes the report over.

import { describe, expect, it } from 'vitest';
import { asAsync } from '../../../src/db/async-store.js';
import { AckPriority } from '../../../src/interaction/ack-priority.js';
import { silentLogger } from '../../../src/log/logger.js';
import type { ClaimedRun } from '../../../src/report/queue/report-job.js';
import { ReportWorker } from '../../../src/report/queue/report-worker.js';
import { MAX_CLAIMS } from '../../../src/report/stores.js';
import { SqliteRunStore } from '../../../src/storage/sqlite/run-store.js';
import { eventually } from '../../support/harness.js';
import { queuedRun } from '../../support/queued-run.js';
import { useTempDatabase } from '../../support/temp-database.js';

const db = useTempDatabase();
const T0 = Date.parse('2026-11-24T10:00:00Z');
const LEASE_MS = 30_000;

function queue(runs: SqliteRunStore, n: number, ready = true): number[] {
  return Array.from({ length: n }, (_, i) => {
    const id = runs.startRun(queuedRun(`member-${i}`, T0));
    if (ready) runs.markReady(id);
    return id;
  });
}

/** A worker of 12 on a clock of the test's, whose reports end when the test ends them (`making`). */
function heldOpen() {
  const runs = new SqliteRunStore(db.current.db);
  const clock = { now: T0 };
  const making = new Map<number, () => void>();
  const worker = new ReportWorker({
    runs: asAsync(runs),
    make: (run) => new Promise<void>((done) => making.set(run.id, done)),
    concurrency: 12,
    leaseMs: LEASE_MS,
    now: () => clock.now,
    log: silentLogger,
  });
  return { runs, clock, making, worker };
}

describe('the report queue', () => {
  it('gives each run to one replica only, and to another once the first one’s lease lapses', () => {
    const runs = new SqliteRunStore(db.current.db);
    const [id] = queue(runs, 1);
    expect(runs.claim('a', T0, LEASE_MS, 10).map((r) => r.id)).toEqual([id]);
    expect(runs.claim('b', T0 + 1, LEASE_MS, 10)).toEqual([]);
    // 'a' is alive and says so: still not claimable.
    runs.extendLeases('a', [id!], T0 + 2 * LEASE_MS);
    expect(runs.claim('b', T0 + LEASE_MS + 1, LEASE_MS, 10)).toEqual([]);
    // 'a' died: its lease lapses and 'b' takes the run, with what 'a' had read.
    runs.updateRunUsage(id!, { requests: 3, postsRead: 7, postsRepeated: 0, userReads: 1 }, 0);
    const [taken] = runs.claim('b', T0 + 2 * LEASE_MS + 1, LEASE_MS, 10);
    expect(taken).toMatchObject({ id, upstreamRequests: 3, postsRead: 7, userReads: 1, job: '{}' });
    // 'a' coming back cannot renew a lease it lost.
    runs.extendLeases('a', [id!], T0 + 10 * LEASE_MS);
    expect(runs.claim('c', T0 + 3 * LEASE_MS + 2, LEASE_MS, 10).map((r) => r.id)).toEqual([id]);
  });

  it('never hands out a run before its ack went out, nor one that ended', () => {
    const runs = new SqliteRunStore(db.current.db);
    const [unready] = queue(runs, 1, false);
    const [ended] = queue(runs, 1);
    runs.finishRun(ended!, {
      outcome: 'ok',
      durationMs: 1,
      usage: { requests: 1, postsRead: 1, postsRepeated: 0, userReads: 0 },
      costMicroUsd: 1,
      anonymous: false,
    });
    expect(runs.claim('a', T0, LEASE_MS, 10)).toEqual([]);
    runs.markReady(unready!);
    expect(runs.claim('a', T0, LEASE_MS, 10).map((r) => r.id)).toEqual([unready]);
  });

  it('gives up on a run that took down every replica that made it, and lets the member know', () => {
    const runs = new SqliteRunStore(db.current.db);
    const [id] = queue(runs, 1);
    let at = T0;
    for (let i = 0; i < MAX_CLAIMS; i++) {
      expect(runs.claim(`replica-${i}`, at, LEASE_MS, 10).map((r) => r.id)).toEqual([id]);
      at += LEASE_MS + 1; // it died making it: the lease lapses
    }
    expect(runs.claim('next', at, LEASE_MS, 10)).toEqual([]);
    const cutOff = { now: at, staleBefore: T0 - 600_000, unreadyBefore: T0 - 60_000 };
    expect(runs.takeInterruptedRuns(cutOff).map((r) => r.id)).toEqual([id]);
  });

  it('counts the queued runs ahead of one, and none once it is claimed', () => {
    const runs = new SqliteRunStore(db.current.db);
    const ids = queue(runs, 3);
    expect(runs.queuedAhead(ids[2]!, T0)).toBe(3);
    runs.claim('a', T0, LEASE_MS, 1);
    expect(runs.queuedAhead(ids[2]!, T0)).toBe(2);
    expect(runs.queuedAhead(ids[0]!, T0)).toBe(0);
  });
});

describe('ReportWorker', () => {
  it('makes at most its concurrency at once, takes the next as one ends, and starts none while an ack waits', async () => {
    const runs = new SqliteRunStore(db.current.db);
    const acks = new AckPriority();
    const making: Array<{ run: ClaimedRun; done: () => void }> = [];
    const worker = new ReportWorker({
      runs: asAsync(runs),
      make: (run) => new Promise<void>((done) => making.push({ run, done })),
      concurrency: 2,
      leaseMs: LEASE_MS,
      acks,
      now: () => T0,
      log: silentLogger,
    });
    queue(runs, 5);
    acks.begin(); // an interaction awaiting its ack
    worker.start();
    await worker.pump();
    expect(worker.busy).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(making).toHaveLength(0);
    acks.end();
    await eventually(() => making.length === 2);
    making[0]!.done();
    await eventually(() => making.length === 3);
    expect(worker.busy).toBe(2);
    for (const m of making) m.done();
    await eventually(() => making.length === 5);
    for (const m of making) m.done();
    await eventually(() => worker.busy === 0);
    worker.stop();
    expect(new Set(making.map((m) => m.run.id)).size).toBe(5);
  });

  it('claims nothing while acks wait, then takes the runs of a whole burst in one claim', async () => {
    const runs = new SqliteRunStore(db.current.db);
    const acks = new AckPriority(60_000); // no timer lets a claim through meanwhile
    const claims: number[] = [];
    const store = asAsync(runs);
    const worker = new ReportWorker({
      runs: {
        ...store,
        claim: async (...args) => {
          const taken = await store.claim(...args);
          claims.push(taken.length);
          return taken;
        },
      },
      make: () => new Promise<void>(() => undefined),
      concurrency: 10,
      leaseMs: LEASE_MS,
      acks,
      now: () => T0,
      log: silentLogger,
    });
    for (let i = 0; i < 5; i++) acks.begin();
    worker.start();
    // The acks' reports join the queue one by one, each in a turn of its own, as they do in a burst.
    const pumps: Array<Promise<void>> = [];
    for (let i = 0; i < 5; i++) {
      queue(runs, 1);
      pumps.push(worker.pump());
      for (let t = 0; t < 5; t++) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(claims.filter((n) => n > 0)).toEqual([]);
    for (let i = 0; i < 5; i++) acks.end();
    await Promise.all(pumps);
    await eventually(() => worker.busy === 5);
    expect(claims.filter((n) => n > 0)).toEqual([5]);
    worker.stop();
  });

  it('starts reports one at a time in the order claimed, none while an ack that arrived during a start waits', async () => {
    const runs = new SqliteRunStore(db.current.db);
    const acks = new AckPriority(60_000); // no timer lets a start through meanwhile
    const started: number[] = [];
    const ids = queue(runs, 3);
    const worker = new ReportWorker({
      runs: asAsync(runs),
      make: (run) => {
        started.push(run.id);
        // An interaction arrives while the first report starts (its start is still running).
        if (started.length === 1) acks.begin();
        return new Promise<void>(() => undefined);
      },
      concurrency: 3,
      leaseMs: LEASE_MS,
      acks,
      now: () => T0,
      log: silentLogger,
    });
    worker.start();
    await eventually(() => started.length === 1);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([ids[0]]); // the others wait for the ack
    acks.end();
    await eventually(() => started.length === 3);
    expect(started).toEqual(ids);
    worker.stop();
  });

  it('tells how many reports it is making ahead of one, and the pace at which reports end lately (from ten ends on)', async () => {
    const { runs, clock, making, worker } = heldOpen();
    const ids = queue(runs, 12);
    worker.start();
    await eventually(() => making.size === 12);
    expect(worker.makingBefore(ids[3]!)).toBe(3);
    expect(worker.makingBefore(ids[0]!)).toBe(0);
    expect(worker.pace()).toBeNull(); // nothing ended yet
    for (const [i, id] of ids.slice(0, 10).entries()) {
      expect(worker.pace()).toBeNull(); // fewer than ten ends
      clock.now = T0 + 10_000 + i * 1_000; // within the leases (30 s), so none is claimed again
      making.get(id)!();
      await eventually(() => worker.busy === 11 - i);
    }
    expect(worker.pace()).toBe(1_000);
    expect(worker.makingBefore(ids[11]!)).toBe(1);
    clock.now += 6 * 60_000; // ends this old say nothing of the pace now
    expect(worker.pace()).toBeNull();
    worker.stop();
  });

  it('leaves a pause with nothing to make out of the pace (one report, then a burst 4 s later), and counts a long wait since the last end', async () => {
    const { runs, clock, making, worker } = heldOpen();
    const [alone] = queue(runs, 1);
    worker.start();
    await eventually(() => making.size === 1);
    clock.now = T0 + 4_000;
    making.get(alone!)!();
    await eventually(() => worker.busy === 0);
    clock.now = T0 + 8_000;
    const burst = queue(runs, 11);
    await worker.pump();
    await eventually(() => making.size === 12);
    for (const [i, id] of burst.slice(0, 10).entries()) {
      clock.now = T0 + 12_000 + i * 500; // within the leases (30 s), so none is claimed again
      making.get(id)!();
      await eventually(() => worker.busy === 10 - i);
    }
    // The burst's ten ends, 500 ms apart; with the lone report's end it would be (16,500 - 4,000) / 10.
    expect(worker.pace()).toBe(500);
    clock.now += 900; // a usual wait for the next end
    expect(worker.pace()).toBe(500);
    clock.now += 8_100; // 9 s without an end: the wait counts as a gap
    expect(worker.pace()).toBe((16_500 + 9_000 - 12_000) / 10);
    clock.now = T0 + 14_000; // the clock stepped back: ends still to come say nothing
    expect(worker.pace()).toBeNull();
    worker.stop();
    making.get(burst[10]!)!();
  });
});
