// The queue of admitted reports (report_runs): a report joins it once the
// member's ack is out (enqueue), any replica's worker claims it in
// admission order (report-worker.ts), and one that will not run is let go
// with what it held released (abandon).

import type { AckPriority } from '../../interaction/ack-priority.js';
import type { Logger } from '../../log/logger.js';
import type { ReportRunStore } from '../stores.js';
import type { ClaimedRun } from './report-job.js';
import { ReportWorker } from './report-worker.js';

/** A run's end when nothing was read: it is let go, or given up for the member. */
export const NOTHING_DONE = {
  durationMs: 0,
  usage: { requests: 0, postsRead: 0, postsRepeated: 0, userReads: 0 },
  costMicroUsd: 0,
  anonymous: false,
};

export interface ReportQueueDeps {
  runs: ReportRunStore;
  /** Makes and delivers one claimed report; never expected to throw. */
  make: (run: ClaimedRun) => Promise<void>;
  /** REPORT_CONCURRENCY: reports this replica makes at once. */
  concurrency: number;
  leaseMs: number;
  acks?: Pick<AckPriority, 'whenIdle'>;
  /** Whether X's pages (or requests) are all taken, so reports being made are ahead of a new one too. */
  saturated: () => boolean;
  /** Whether a read of this report waits for a page or a request now, behind those of reports admitted before it. */
  waiting?: (runId: number) => boolean;
  now: () => number;
  log: Logger;
}

export class ReportQueue {
  /** Takes reports from the shared queue and makes them. */
  readonly worker: ReportWorker;

  constructor(private readonly deps: ReportQueueDeps) {
    this.worker = new ReportWorker({
      runs: deps.runs,
      make: deps.make,
      concurrency: deps.concurrency,
      leaseMs: deps.leaseMs,
      acks: deps.acks,
      now: deps.now,
      log: deps.log,
    });
  }

  /**
   * The member's ack went out: the admitted report joins the queue, and this
   * replica looks for work at once. Returns how many reports are ahead of it
   * (0: it is being made already, or its place is unknown). Whichever
   * replica makes it edits the member's message with it. Throws only when
   * the run could not be queued: once it is marked ready, it will be made,
   * and the member must not be told it failed.
   */
  async enqueue(runId: number): Promise<number> {
    // After the acks waiting to go out: in a burst its write would sit between them, and claims wait for them anyway.
    await this.deps.acks?.whenIdle();
    await this.deps.runs.markReady(runId);
    try {
      await this.worker.pump();
      const queued = await this.deps.runs.queuedAhead(runId, this.deps.now());
      // Reports admitted first are served first: while X's pages are all taken, those being made ahead of it are ahead too.
      return queued + (this.deps.saturated() ? this.worker.makingBefore(runId) : 0);
    } catch (err) {
      // Queued all the same: a worker (this one at its next look, or another replica's) claims it.
      this.deps.log.warn('a queued report’s place is unknown', { runId, error: err });
      return 0;
    }
  }

  /** When a report with `ahead` reports before it is likely delivered, at the pace reports are finishing now; null: unknown. */
  readyAt(ahead: number): number | null {
    const pace = this.worker.pace();
    return pace === null ? null : this.deps.now() + (ahead + 1) * pace;
  }

  /**
   * Where a report being made stands while one of its reads waits for a page
   * or a request: the reports admitted before it still being made here go
   * first, so they are ahead of it. Null when none is, or it waits for none.
   */
  placeOf(runId: number): { ahead: number; readyAt: number | null } | null {
    if (!this.deps.waiting?.(runId)) return null;
    const ahead = this.worker.makingBefore(runId);
    return ahead > 0 ? { ahead, readyAt: this.readyAt(ahead) } : null;
  }

  /** The admitted report will not run (Discord refused the defer): release what it held. */
  async abandon(runId: number): Promise<void> {
    await this.deps.runs.finishRun(runId, { ...NOTHING_DONE, outcome: 'abandoned' });
  }
}
