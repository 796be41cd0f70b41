// Hands report rendering to the render worker, one job at a time in order,
// started on the first report (a bot that never reports never pays for the
// thread). If the worker dies, its jobs fail and the next report starts a new
// one. A job whose report gives up (its deadline) is failed at once and its
// worker, which may be stuck on it, replaced: the jobs queued behind it go to
// the new one. With no database file to share (':memory:'), rendering runs
// here, one block at a time in the CPU lane. On PostgreSQL the posts are
// loaded here and sent with the job.

import type { Worker } from 'node:worker_threads';
import type { APIMessageTopLevelComponent } from 'discord-api-types/v10';
import { startWorker } from '../threads/start-worker.js';
import { CpuLane } from './cpu-lane.js';
import { loadRenderData, type RenderData, type Rendered, type RenderJob, readRenderData, renderReport } from './render.js';
import type { PostStore, XCache } from './x-cache.js';

/** Where the posts a report shows are read. */
export type RenderSource =
  /** A SQLite file: the worker reads it. */
  | { databasePath: string }
  /** SQLite in memory: rendered in this thread. */
  | { cache: XCache }
  /** PostgreSQL: loaded in this thread, sent with the job. */
  | { posts: PostStore };

type Pending = { job: RenderJob; data?: RenderData; resolve: (r: Rendered) => void; reject: (e: Error) => void };

export class RenderPool {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private readonly lane = new CpuLane();

  constructor(private readonly source: RenderSource) {}

  /** Renders `job`; rejects with the signal's reason as soon as `signal` aborts. */
  async render(job: RenderJob, signal?: AbortSignal): Promise<Rendered> {
    if (signal?.aborted) throw signal.reason;
    const { source } = this;
    if ('cache' in source) return this.lane.run(() => renderReport(job, readRenderData(job, source.cache)));
    const data = 'posts' in source ? await loadRenderData(job, source.posts) : undefined;
    if (signal?.aborted) throw signal.reason;
    return this.inWorker(job, data, signal);
  }

  private inWorker(job: RenderJob, data: RenderData | undefined, signal?: AbortSignal): Promise<Rendered> {
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
      this.pending.set(id, { job, data, resolve: settle(resolve), reject: settle(reject) });
      worker.postMessage({ id, job, data });
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
    for (const [pendingId, { job, data }] of this.pending) worker.postMessage({ id: pendingId, job, data });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(import.meta.url, 'render-worker', {
      databasePath: 'databasePath' in this.source ? this.source.databasePath : null,
    });
    worker.unref();
    worker.on('message', (message: { id: number; layout?: APIMessageTopLevelComponent[]; png?: Uint8Array; error?: string }) => {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!pending) return;
      if (message.error !== undefined || !message.layout || !message.png) pending.reject(new Error(`rendering failed: ${message.error}`));
      else pending.resolve({ layout: message.layout, png: message.png });
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
