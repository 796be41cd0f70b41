// Takes reports from the queue (report_runs, see run-store.ts) and makes
// them, as many at once as REPORT_CONCURRENCY allows. Every replica runs one:
// a report admitted on one replica may be made on another, and a replica that
// dies lets its leases lapse, so another takes its reports over and finishes
// them. Runs start one at a time, in the order claimed (admission order), each
// in a turn of its own once no interaction awaits its ack: a burst of starts
// (opening tokens, signing, the first reads) never sits between waiting acks.

import { randomBytes } from 'node:crypto';
import type { AckPriority } from '../../interaction/ack-priority.js';
import type { Logger } from '../../log/logger.js';
import type { ReportRunStore } from '../stores.js';
import type { ClaimedRun } from './report-job.js';

/** How often the queue is looked at besides this replica's own admissions (others' reports, lapsed leases). */
export const POLL_MS = 1_000;
/** Reports whose ends give the pace at which reports are finishing. */
const PACE_OVER = 20;
/**
 * Fewest ends that tell a pace. The first ends of a burst come slowly (the
 * reads are still filling up): from 3, the burst of 200's first estimates
 * were 40-130% late; from 10, a second or two later, they are close.
 */
const PACE_FROM = 10;
/** Ends older than this say nothing of the present pace. */
const PACE_WINDOW_MS = 5 * 60_000;

export interface ReportWorkerDeps {
  runs: Pick<ReportRunStore, 'claim' | 'extendLeases'>;
  /** Makes and delivers one claimed report; never expected to throw. */
  make: (run: ClaimedRun) => Promise<void>;
  concurrency: number;
  /** How long a claim holds without word from its replica (REPORT_LEASE_SECONDS); renewed every third of it. */
  leaseMs: number;
  acks?: Pick<AckPriority, 'whenIdle'>;
  now: () => number;
  log: Logger;
}

export class ReportWorker {
  /** Names this replica's claims; a new one each start, so a restarted replica never mistakes an old claim for its own. */
  readonly replica = randomBytes(9).toString('base64url');
  private readonly held = new Set<number>();
  private claiming: Promise<void> | null = null;
  private again = false;
  private timers: NodeJS.Timeout[] = [];
  private stopped = true;
  /** The last start in line: each waits for the one before it. */
  private starting: Promise<void> = Promise.resolve();
  /** When the last reports ended (deps.now()), oldest first. */
  private readonly ends: number[] = [];
  /** Since when this replica has been making reports without a pause (null: making none). */
  private busySince: number | null = null;

  constructor(private readonly deps: ReportWorkerDeps) {}

  start(): void {
    this.stopped = false;
    const poll = setInterval(() => void this.pump(), POLL_MS);
    const renew = setInterval(() => this.renew(), this.deps.leaseMs / 3);
    poll.unref();
    renew.unref();
    this.timers = [poll, renew];
    this.deps.log.info('taking reports from the queue', { replica: this.replica, concurrency: this.deps.concurrency });
    void this.pump();
  }

  /** Stops claiming; reports in hand run on (their leases lapse if the process ends). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  /** How many reports this replica is making now. */
  get busy(): number {
    return this.held.size;
  }

  /** Reports this replica is making that were admitted before `runId` (run ids grow with admission). */
  makingBefore(runId: number): number {
    let before = 0;
    for (const id of this.held) if (id < runId) before++;
    return before;
  }

  /** Milliseconds between report ends lately, since it last had none to make; null when too few ended to tell. */
  pace(): number | null {
    // Only ends since it last had nothing to make: a report that ended before a pause would count the pause as
    // making (one alone, then a burst 20 s later, put the burst's first estimates 100 s too late).
    const now = this.deps.now();
    const since = Math.max(now - PACE_WINDOW_MS, this.busySince ?? Number.POSITIVE_INFINITY);
    const recent = this.ends.filter((at) => at >= since && at <= now);
    const first = recent[0];
    const last = recent.at(-1);
    if (recent.length < PACE_FROM || first === undefined || last === undefined) return null;
    const between = (last - first) / (recent.length - 1);
    // A wait since the last end of over twice the usual gap counts as a gap too: ends close together (quick
    // failures) and then none for a while must not promise the next report in milliseconds.
    const pace = now - last > 2 * between ? (now - first) / recent.length : between;
    return pace > 0 ? pace : null;
  }

  /** Claims what the queue holds, as far as free slots allow; a call during a claim makes it look once more. */
  pump(): Promise<void> {
    if (this.claiming) {
      this.again = true;
      return this.claiming;
    }
    const claiming = (async () => {
      do {
        this.again = false;
        await this.claimOnce();
      } while (this.again && !this.stopped);
    })()
      .catch((err: unknown) => this.deps.log.error('could not take reports from the queue', { error: err }))
      .finally(() => {
        this.claiming = null;
      });
    this.claiming = claiming;
    return claiming;
  }

  private async claimOnce(): Promise<void> {
    if (this.deps.concurrency - this.held.size <= 0 || this.stopped) return;
    // After the acks waiting to go out: in a burst, one claim takes the runs of many acks, instead of
    // one claim per ack sitting between the acks that wait.
    await this.deps.acks?.whenIdle();
    const free = this.deps.concurrency - this.held.size;
    if (free <= 0 || this.stopped) return;
    const claimed = await this.deps.runs.claim(this.replica, this.deps.now(), this.deps.leaseMs, free);
    for (const run of claimed) {
      if (this.held.size === 0) this.busySince = this.deps.now();
      this.held.add(run.id);
      void this.makeOne(run);
    }
  }

  private async makeOne(run: ClaimedRun): Promise<void> {
    try {
      // Always in a later turn than the claim, and than the start before it, after any ack waiting to go out.
      const turn = this.starting.then(() =>
        this.deps.acks ? this.deps.acks.whenIdle() : new Promise<void>((resolve) => setImmediate(resolve)),
      );
      this.starting = turn;
      await turn;
      await this.deps.make(run);
    } catch (err) {
      this.deps.log.error('a queued report failed', { runId: run.id, error: err });
    } finally {
      this.held.delete(run.id);
      if (this.held.size === 0) this.busySince = null;
      this.ends.push(this.deps.now());
      if (this.ends.length > PACE_OVER) this.ends.shift();
      if (!this.stopped) void this.pump();
    }
  }

  private renew(): void {
    if (this.held.size === 0) return;
    this.deps.runs
      .extendLeases(this.replica, [...this.held], this.deps.now() + this.deps.leaseMs)
      .catch((err: unknown) => this.deps.log.warn('could not renew the leases of running reports', { error: err }));
  }
}
