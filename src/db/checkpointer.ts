// Checkpoints off the event loop. In WAL mode a commit appends to the log,
// and the commit that finds the log past a threshold copies it back into the
// database file and syncs it: a stall of tens of milliseconds (360 ms on a
// 756 MiB database) on whatever request made that commit. Here a thread of
// its own does that copying, often enough that the main connection's own
// checkpoint (kept, at a far higher threshold, in case that thread dies)
// never comes due.

import type { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { startWorker } from '../threads/start-worker.js';

/** The main connection checkpoints itself only past this many pages (about 40 MiB): a safety net. */
export const SAFETY_NET_PAGES = 10_000;
const EVERY_MS = 250;

export class Checkpointer {
  private worker: Worker | null = null;

  constructor(private readonly databasePath: string) {}

  /** Hands checkpoints to a thread; a database in memory has no log to copy. */
  start(main: BetterSqlite3.Database): void {
    if (this.databasePath === ':memory:' || this.worker) return;
    main.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
    const worker = startWorker(import.meta.url, 'checkpoint-worker', { databasePath: this.databasePath, everyMs: EVERY_MS });
    worker.unref();
    // A thread that fails leaves the main connection's own checkpoints in charge.
    worker.on('error', () => undefined);
    this.worker = worker;
  }

  /** Ends the thread; closing the main connection afterwards makes the last checkpoint. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
