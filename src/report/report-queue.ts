// Reports wait here for a slot, so a burst of /report costs bounded memory
// and the acks of everyone else never wait behind it. A report mostly waits on
// X, so many run at once; their CPU-heavy end goes through the CPU lane.
// An interface, so a shared, durable queue can take this one's place when the
// bot runs on several machines.

import type { AckPriority } from '../interaction/ack-priority.js';

export interface ReportQueue {
  /**
   * Runs `job` once a slot is free, always in a later turn of the event loop
   * than the call (the member's ack goes out first). `onWaiting` is told how
   * many reports are ahead when the job has to wait.
   */
  submit<T>(job: () => Promise<T>, onWaiting?: (ahead: number) => void): Promise<T>;
}

export class LocalReportQueue implements ReportQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    /** Jobs start once no interaction awaits its ack; without one, in the next turn. */
    private readonly acks?: Pick<AckPriority, 'whenIdle'>,
  ) {}

  submit<T>(job: () => Promise<T>, onWaiting?: (ahead: number) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        const idle = this.acks ? this.acks.whenIdle() : new Promise<void>((r) => setImmediate(r));
        void idle.then(() =>
          job()
            .then(resolve, reject)
            .finally(() => {
              this.running--;
              this.waiting.shift()?.();
            }),
        );
      };
      if (this.running < this.concurrency) {
        start();
        return;
      }
      onWaiting?.(this.waiting.length + 1);
      this.waiting.push(start);
    });
  }
}
