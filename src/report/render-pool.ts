// Hands report rendering to the render worker, one job at a time in order,
// started on the first report (a bot that never reports never pays for the
// thread). If the worker dies, its jobs fail and the next report starts a new
// one. A job whose report gives up (its deadline) is failed at once and its
// worker, which may be stuck on it, replaced: the jobs queued behind it go to
// the new one. With no database file to share (':memory:'), rendering runs
// here, one block at a time in the CPU lane.

import type { Worker } from 'node:worker_threads';
import type { APIEmbed } from 'discord-api-types/v10';
import { startWorker } from '../threads/start-worker.js';
import { CpuLane } from './cpu-lane.js';
import { type Rendered, type RenderJob, renderReport } from './render.js';
import type { XCache } from './x-cache.js';

type Pending = { job: RenderJob; resolve: (r: Rendered) => void; reject: (e: Error) => void };

export class RenderPool {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private readonly lane = new CpuLane();

  constructor(
    private readonly databasePath: string,
    /** For rendering in this thread when there is no file to share. */
    private readonly store: XCache,
  ) {}

  /** Renders `job`; rejects with the signal's reason as soon as `signal` aborts. */
  render(job: RenderJob, signal?: AbortSignal): Promise<Rendered> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.databasePath === ':memory:') return this.lane.run(() => renderReport(job, this.store));
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<Rendered>((resolve, reject) => {
      const onAbort = () => this.abandon(id, signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle =
        <T>(then: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener('abort', onAbort);
          then(value);
        };
      this.pending.set(id, { job, resolve: settle(resolve), reject: settle(reject) });
      worker.postMessage({ id, job });
    });
  }

  /** Fails a job its report gave up on, and replaces the worker (it may be stuck on that job); the others carry on. */
  private abandon(id: number, reason: unknown): void {
    const abandoned = this.pending.get(id);
    if (!abandoned) return;
    this.pending.delete(id);
    abandoned.reject(reason instanceof Error ? reason : new Error('the report gave up on its rendering'));
    const stuck = this.worker;
    this.worker = null;
    if (stuck) {
      stuck.removeAllListeners();
      void stuck.terminate();
    }
    if (this.pending.size === 0) return;
    const worker = this.start();
    for (const [pendingId, { job }] of this.pending) worker.postMessage({ id: pendingId, job });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(import.meta.url, 'render-worker', { databasePath: this.databasePath });
    worker.unref();
    worker.on('message', (message: { id: number; embed?: APIEmbed; png?: Uint8Array; error?: string }) => {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!pending) return;
      if (message.error !== undefined || !message.embed || !message.png) pending.reject(new Error(`rendering failed: ${message.error}`));
      else pending.resolve({ embed: message.embed, png: message.png });
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const pending of this.pending.values()) pending.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the render worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
