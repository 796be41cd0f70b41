// Background work (sweeps, queue workers, the digest ticker, the SQLite
// checkpoints) registered in one place, in the order it starts. Stopping runs
// in the reverse order, so a job stops before whatever it relies on. A job
// that fails to start or to stop is logged and the others carry on: one
// broken sweep must not keep the bot from serving commands, nor from closing.

import type { Logger } from '../log/logger.js';

/** Ends a started job; may finish asynchronously. */
export type Stop = () => unknown;

export interface Job {
  /** Named in the logs. */
  name: string;
  /** Starts the work (awaited before the next job starts); returns how to stop it, if it needs stopping. */
  start(): Stop | undefined | Promise<Stop | undefined>;
}

export class JobRegistry {
  private readonly jobs: Job[] = [];
  private running: { name: string; stop: Stop }[] = [];
  private started = false;
  private stopped = false;

  constructor(private readonly log: Logger) {}

  add(name: string, start: Job['start']): this {
    if (this.started) throw new Error(`job ${name} registered after the jobs started`);
    this.jobs.push({ name, start });
    return this;
  }

  /** Starts every job in the order registered; at most once, and none once stop() was called. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const job of this.jobs) {
      if (this.stopped) return;
      try {
        const stop = await job.start();
        if (stop) this.running.push({ name: job.name, stop });
        // Stopped while this one was starting: it stops too, rather than run on after close.
        if (this.stopped) await this.stop();
      } catch (err) {
        this.log.error(`background job ${job.name} failed to start`, { job: job.name, error: err });
      }
    }
  }

  /** Stops the started jobs, last started first; a second call finds nothing left to stop. */
  async stop(): Promise<void> {
    this.stopped = true;
    const running = this.running.reverse();
    this.running = [];
    for (const { name, stop } of running) {
      try {
        await stop();
      } catch (err) {
        this.log.error(`background job ${name} failed to stop`, { job: name, error: err });
      }
    }
  }

  /** The registered jobs' names, in start order. */
  get names(): string[] {
    return this.jobs.map((j) => j.name);
  }
}

/** Runs `run` every `ms` (not keeping the process alive for it); returns the stop. */
export function every(ms: number, run: () => void): Stop {
  const timer = setInterval(run, ms);
  timer.unref();
  return () => clearInterval(timer);
}
