// CPU-bound blocks of report work (storing a page of posts; with the database
// in memory, rendering) run here one at a time, each in its own turn of the
// event loop. An ack that arrives meanwhile waits for at most one such block,
// never for a pile of them, even when many reports' pages arrive together.
// Blocks are taken in priority order (a report's run id: admission order),
// chosen when the lane is free, so the first-admitted report's pages are
// stored first and its next page asked of X first.

import { LAST } from './page-gate.js';
import { PriorityQueue, type Ranked } from './priority-queue.js';

interface Block extends Ranked {
  run: () => Promise<unknown>;
}

export class CpuLane {
  private readonly blocks = new PriorityQueue<Block>();
  private busy = false;

  /** `before` is awaited each time the lane is free to take a block (e.g. until no ack is waiting). */
  constructor(private readonly before?: () => Promise<void>) {}

  /** Runs `work` in a turn of its own once the blocks ahead of it (lower `priority`, or equal and earlier) are done. */
  run<T>(work: () => T | Promise<T>, priority = LAST): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.blocks.push({
        priority,
        // A block that returns a promise holds the lane until it settles (storing on PostgreSQL).
        run: async () => {
          try {
            resolve(await work());
          } catch (err) {
            reject(err);
          }
        },
      });
      this.next();
    });
  }

  /** How many blocks wait: for tests and logs. */
  get waiting(): number {
    return this.blocks.size;
  }

  private next(): void {
    if (this.busy || this.blocks.size === 0) return;
    this.busy = true;
    void (async () => {
      try {
        await this.before?.();
      } catch {
        // a failed wait only means no wait
      }
      // Chosen after the wait, in a turn of its own: a block of an earlier report that arrived meanwhile goes first.
      await new Promise((resolve) => setImmediate(resolve));
      const block = this.blocks.pop();
      try {
        await block?.run();
      } finally {
        this.busy = false;
        this.next();
      }
    })();
  }
}
