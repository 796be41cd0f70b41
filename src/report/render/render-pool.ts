// Hands report rendering to the render worker, started on the first report (a
// bot that never reports never pays for the thread). Jobs wait here, in
// priority order (the report's run id: admission order), and go to the worker
// two at a time (one rendering, the next ready, so the worker never waits on a
// busy main thread between jobs): the worker holds at most two reports' posts,
// summaries and charts, however many reports finish reading together, and the
// first-admitted is rendered first. If the worker dies, its jobs fail and the
// next go to a new one. A job whose report gives up (its deadline) is failed at
// once; if it was in the worker, the worker (which may be stuck on it) is
// replaced and the other job in it sent again. The pool knows no engine: a
// job's data is loaded through a reader (render.ts), the worker's own when the
// engine gives it one (a SQLite file it reads itself, so posts never cross
// threads), else this thread's, and sent with the job; with no worker at all
// (a database in memory) rendering runs here, one block at a time in the CPU lane.

import type { Worker } from 'node:worker_threads';
import type { APIMessageTopLevelComponent } from 'discord-api-types/v10';
import { startWorker } from '../../threads/start-worker.js';
import { CpuLane } from '../lanes/cpu-lane.js';
import { LAST } from '../lanes/page-gate.js';
import { PriorityQueue, type Ranked } from '../lanes/priority-queue.js';
import { loadRenderData, type Rendered, type RenderJob, type RenderReader } from './job.js';

/** Where the posts a report shows are read, as the engine says (see Stores.renderSource). */
export interface RenderSource {
  /** Reads a job's data in this thread. */
  reader: RenderReader;
  /**
   * How the worker opens a reader of its own: a module exporting
   * `openRenderReader(arg)`, and its argument. Without it the data is loaded
   * here and sent with the job.
   */
  workerReader?: { module: string; arg: unknown };
  /** No worker: render in this thread (nothing a worker could read, and nothing worth a thread). */
  inThread?: boolean;
}

/** What the chart's fonts can draw, as the thread drawing it found them. */
export interface ChartFonts {
  /** Whether Japanese can be drawn, and the family it is drawn in. */
  cjk: boolean;
  cjkFamily: string;
}

/** A rendered job (or its failure), or the worker's fonts, once, when it starts. */
type WorkerMessage = { id: number; layout?: APIMessageTopLevelComponent[]; png?: Uint8Array; error?: string } | { fonts: ChartFonts };

interface Pending extends Ranked {
  id: number;
  job: RenderJob;
  resolve: (r: Rendered) => void;
  reject: (e: Error) => void;
}

/** Jobs in the worker at once. */
const IN_WORKER = 2;
/**
 * A worker with nothing to render for this long is stopped, giving back its heap and the chart's surfaces (about
 * 60 MiB after a report): a bot between reports holds no render thread; the next report starts one (well under a
 * second).
 */
export const WORKER_IDLE_MS = 120_000;

const asError = (reason: unknown) => (reason instanceof Error ? reason : new Error('the report gave up on its rendering'));

/**
 * The render thread's young generation, smaller than V8's default for a
 * thread: what it keeps between reports is about 15 MiB, and a full-size young
 * generation kept about 90 MiB committed. Only the young generation is bounded:
 * a bound on the old one would end the thread (and fail its reports) when a
 * report needs more.
 */
const RENDER_LIMITS = { maxYoungGenerationSizeMb: 12 };

export class RenderPool {
  private worker: Worker | null = null;
  private readonly queue = new PriorityQueue<Pending>();
  /** The jobs in the worker now (loading their data first, on PostgreSQL), by id. */
  private readonly inWorker = new Map<number, Pending>();
  private nextId = 0;
  private readonly lane = new CpuLane();
  /** The last job sent to the worker, posted once its data is loaded: the next is posted after it. */
  private posting: Promise<void> = Promise.resolve();

  /** Whether the chart's fonts were told already (a replaced worker checks them again). */
  private fontsTold = false;

  private idleTimer: NodeJS.Timeout | null = null;

  /** `onFonts` hears once, when the first chart is about to be drawn, whether Japanese can be drawn. */
  constructor(
    private readonly source: RenderSource,
    private readonly onFonts: (fonts: ChartFonts) => void = () => {},
    private readonly idleMs = WORKER_IDLE_MS,
  ) {}

  /** Renders `job` in its turn (`priority`, lower first); rejects with the signal's reason as soon as `signal` aborts. */
  async render(job: RenderJob, signal?: AbortSignal, priority = LAST): Promise<Rendered> {
    if (signal?.aborted) throw signal.reason;
    const { source } = this;
    if (source.inThread) return this.renderHere(job, priority);
    return new Promise<Rendered>((resolve, reject) => {
      const onAbort = () => this.abandon(pending, signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle =
        <T>(then: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener('abort', onAbort);
          then(value);
        };
      const pending: Pending = { id: this.nextId++, priority, job, resolve: settle(resolve), reject: settle(reject) };
      this.queue.push(pending);
      this.dispatch();
    });
  }

  /**
   * Renders in this thread, loading the renderer on first use: a bot that renders in its worker never loads the
   * rasteriser here.
   */
  private async renderHere(job: RenderJob, priority: number): Promise<Rendered> {
    const { renderReport, hasCjkFont, CJK_FAMILY } = await import('./render.js');
    this.tellFonts({ cjk: hasCjkFont(), cjkFamily: CJK_FAMILY });
    return this.lane.run(async () => renderReport(job, await loadRenderData(job, this.source.reader)), priority);
  }

  private tellFonts(fonts: ChartFonts): void {
    if (this.fontsTold) return;
    this.fontsTold = true;
    this.onFonts(fonts);
  }

  /** Jobs waiting for the worker: for tests and logs. */
  get waiting(): number {
    return this.queue.size;
  }

  /** Sends the first jobs in line to the worker, while it has room. */
  private dispatch(): void {
    while (this.inWorker.size < IN_WORKER) {
      const pending = this.queue.pop();
      if (!pending) return;
      this.inWorker.set(pending.id, pending);
      const { source } = this;
      const loading = source.workerReader ? Promise.resolve(undefined) : loadRenderData(pending.job, source.reader);
      // Posted in the order sent: a job whose data loads sooner (an engine's queries settle in any order) waits for the one before.
      const data = this.posting.then(() => loading);
      this.posting = data.then(
        () => undefined,
        () => undefined,
      );
      data.then(
        (loaded) => {
          if (this.inWorker.get(pending.id) !== pending) return; // given up while loading
          this.start().postMessage({ id: pending.id, job: pending.job, data: loaded });
        },
        (err: unknown) => this.finish(pending, () => pending.reject(asError(err))),
      );
    }
  }

  /** Settles a job in the worker and sends the next; with none left, the worker retires once idle long enough. */
  private finish(pending: Pending, settle: () => void): void {
    if (this.inWorker.get(pending.id) !== pending) return;
    this.inWorker.delete(pending.id);
    settle();
    this.dispatch();
    if (this.inWorker.size === 0 && this.worker) this.retireWhenIdle();
  }

  private retireWhenIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.inWorker.size > 0 || this.queue.size > 0) return;
      void this.close();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  /** Fails a job its report gave up on; if it was in the worker, replaces the worker (it may be stuck on that job). */
  private abandon(pending: Pending, reason: unknown): void {
    if (this.queue.remove(pending)) {
      pending.reject(asError(reason));
      return;
    }
    if (this.inWorker.get(pending.id) !== pending) return;
    const stuck = this.worker;
    this.worker = null;
    if (stuck) {
      stuck.removeAllListeners();
      void stuck.terminate();
    }
    // The other job in the stuck worker goes to the new one, in its turn.
    for (const other of this.inWorker.values()) if (other !== pending) this.queue.push(other);
    this.inWorker.clear();
    this.inWorker.set(pending.id, pending);
    this.finish(pending, () => pending.reject(asError(reason)));
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(import.meta.url, 'render-worker', { reader: this.source.workerReader ?? null }, RENDER_LIMITS);
    worker.unref();
    worker.on('message', (message: WorkerMessage) => {
      if ('fonts' in message) return this.tellFonts(message.fonts);
      const pending = this.inWorker.get(message.id);
      if (!pending) return;
      this.finish(pending, () => {
        if (message.error !== undefined || !message.layout || !message.png) pending.reject(new Error(`rendering failed: ${message.error}`));
        else pending.resolve({ layout: message.layout, png: message.png });
      });
    });
    const fail = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const failed = [...this.inWorker.values()];
      this.inWorker.clear();
      for (const pending of failed) pending.reject(err);
      this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the render worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
