// The render worker: a report rendered off the main thread from the shared
// SQLite file; a worker that dies fails its jobs clearly and is replaced.

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { asAsync } from '../../../src/db/async-store.js';
import { openDatabase } from '../../../src/db/database.js';
import { post } from '../../../src/local-x/posts.js';
import { CJK_FAMILY, hasCjkFont } from '../../../src/report/chart/chart-fonts.js';
import type { RenderJob, RenderReader } from '../../../src/report/render/job.js';
import type { ChartFonts } from '../../../src/report/render/render-pool.js';
import { RenderPool } from '../../../src/report/render/render-pool.js';
import { SqlitePostStore } from '../../../src/storage/sqlite/post-store.js';
import { RENDER_READER_MODULE } from '../../../src/storage/sqlite/render-reader.js';
import { eventually } from '../../support/harness.js';
import { layoutText } from '../../support/layout-text.js';
import { useTempDatabase } from '../../support/temp-database.js';

const db = useTempDatabase();
const NOW = Date.parse('2026-11-23T12:00:00Z');
const DAY = 86_400_000;

const job = (): RenderJob => ({
  locale: null,
  profile: { id: '1', name: 'Ada', username: 'ada' },
  timeline: { xUserId: '1', source: 'timeline', from: NOW - 7 * DAY, to: NOW },
  mentions: null,
  withPrevious: false,
  period: { start: NOW - 7 * DAY, end: NOW, days: 7 },
  timeZone: 'UTC',
  read: { posts: { storedFrom: NOW - 7 * DAY, cut: null }, mentions: null },
  limits: { maxPosts: 1000, postMicroUsd: 5000, periods: [7, 30, 90] },
  refreshHorizonHours: 48,
  showPrivate: true,
  footer: { dataAsOf: NOW, usage: { requests: 1, postsRead: 2, postsRepeated: 0, userReads: 0 }, costMicroUsd: 10_000 },
  controls: null,
});

/** The SQLite engine's source: the worker opens the file itself. */
const fromFile = (path: string) => ({
  reader: asAsync(new SqlitePostStore(db.current.db)),
  workerReader: { module: RENDER_READER_MODULE, arg: path },
});

describe('RenderPool', () => {
  it('renders in a worker from the posts stored in the shared file, and replaces a worker that died', { timeout: 30_000 }, async () => {
    const cache = new SqlitePostStore(db.current.db);
    cache.savePosts(
      '1',
      'timeline',
      [post({ at: new Date(NOW - DAY).toISOString(), likes: 7 }), post({ at: new Date(NOW - 2 * DAY).toISOString() })],
      NOW,
    );
    const path = db.current.sqlite.name;
    const fonts: ChartFonts[] = [];
    const pool = new RenderPool(fromFile(path), (f) => fonts.push(f));
    try {
      const first = await pool.render(job());
      expect(layoutText(first.layout)).toContain('Last 7 days, today included');
      expect(layoutText(first.layout)).toContain('**Activity**\n**2** posts');
      expect(Buffer.from(first.png).subarray(1, 4).toString()).toBe('PNG');

      // The worker dies mid-job: the job fails with a clear error, and the next one gets a new worker.
      const worker = (pool as unknown as { worker: { terminate(): Promise<number> } }).worker;
      const dying = pool.render(job());
      await worker.terminate();
      await expect(dying).rejects.toThrow(/render worker stopped|rendering failed/);
      expect(layoutText((await pool.render(job())).layout)).toContain('Last 7 days, today included');
      // What the worker found of the fonts is told once, as this thread finds them, though a second worker started.
      expect(fonts).toEqual([{ cjk: hasCjkFont(), cjkFamily: CJK_FAMILY }]);
    } finally {
      await pool.close();
    }
  });

  it('stops a worker left with nothing to render, and starts another for the next report', { timeout: 30_000 }, async () => {
    const cache = new SqlitePostStore(db.current.db);
    cache.savePosts('1', 'timeline', [post({ at: new Date(NOW - DAY).toISOString() })], NOW);
    const pool = new RenderPool(fromFile(db.current.sqlite.name), () => {}, 20);
    const workerOf = () => (pool as unknown as { worker: object | null }).worker;
    try {
      await pool.render(job());
      expect(workerOf()).not.toBeNull();
      await eventually(() => workerOf() === null, 10_000);
      expect(layoutText((await pool.render(job())).layout)).toContain('Last 7 days, today included');
    } finally {
      await pool.close();
    }
  });

  it('fails a job its report gave up on at once, replaces the worker, and still renders the jobs queued behind it', {
    timeout: 30_000,
  }, async () => {
    const cache = new SqlitePostStore(db.current.db);
    cache.savePosts('1', 'timeline', [post({ at: new Date(NOW - DAY).toISOString() })], NOW);
    const pool = new RenderPool(fromFile(db.current.sqlite.name));
    try {
      await pool.render(job()); // the worker is up
      const first = (pool as unknown as { worker: object }).worker;
      const deadline = new AbortController();
      const givenUp = pool.render(job(), deadline.signal);
      const behind = pool.render(job());
      deadline.abort(new Error('report deadline reached'));
      await expect(givenUp).rejects.toThrow('report deadline reached');
      expect(layoutText((await behind).layout)).toContain('Last 7 days, today included');
      expect((pool as unknown as { worker: object }).worker).not.toBe(first);
      // An already expired report does not even reach the worker.
      await expect(pool.render(job(), AbortSignal.abort(new Error('too late')))).rejects.toThrow('too late');
    } finally {
      await pool.close();
    }
  });

  it('sends the worker two jobs at a time, the earliest-admitted reports’ first, whatever order they came in', {
    timeout: 30_000,
  }, async () => {
    const cache = new SqlitePostStore(db.current.db);
    cache.savePosts('1', 'timeline', [post({ at: new Date(NOW - DAY).toISOString() })], NOW);
    const pool = new RenderPool(fromFile(db.current.sqlite.name));
    try {
      const done: number[] = [];
      const render = (runId: number) => pool.render(job(), undefined, runId).then(() => done.push(runId));
      const all = [render(4), render(6), render(9), render(2), render(5)];
      expect(pool.waiting).toBe(3); // runs 4 and 6 went to the worker at once; the others wait here
      await Promise.all(all);
      expect(done).toEqual([4, 6, 2, 5, 9]);
    } finally {
      await pool.close();
    }
  });

  it('posts jobs to the worker in the order sent when their data is loaded here, though a later job’s data loads first', {
    timeout: 30_000,
  }, async () => {
    const base = asAsync(new SqlitePostStore(db.current.db));
    let fastLoaded = () => {};
    const fastDone = new Promise<void>((resolve) => {
      fastLoaded = resolve;
    });
    // As on PostgreSQL: the data is loaded in this thread, and the earlier job's queries come back last.
    const reader: RenderReader = {
      postsIn: async (window) => {
        if (window.xUserId === 'slow') await fastDone;
        const posts = await base.postsIn(window);
        if (window.xUserId === 'fast') setImmediate(fastLoaded);
        return posts;
      },
      followerSnapshots: (id) => base.followerSnapshots(id),
    };
    const pool = new RenderPool({ reader });
    const of = (xUserId: string): RenderJob => ({ ...job(), timeline: { ...job().timeline, xUserId } });
    try {
      const done: string[] = [];
      await Promise.all([
        pool.render(of('slow'), undefined, 1).then(() => done.push('slow')),
        pool.render(of('fast'), undefined, 2).then(() => done.push('fast')),
      ]);
      expect(done).toEqual(['slow', 'fast']);
    } finally {
      await pool.close();
    }
  });

  it('renders in this thread, one report at a time, when the database is in memory and no worker could read it', async () => {
    const memory = openDatabase(':memory:');
    try {
      const cache = new SqlitePostStore(memory.db);
      cache.savePosts('1', 'timeline', [post({ at: new Date(NOW - DAY).toISOString() })], NOW);
      const fonts: ChartFonts[] = [];
      const pool = new RenderPool({ reader: asAsync(cache), inThread: true }, (f) => fonts.push(f));
      const [a, b] = await Promise.all([pool.render(job()), pool.render(job())]);
      expect(fonts).toEqual([{ cjk: hasCjkFont(), cjkFamily: CJK_FAMILY }]);
      expect(layoutText(a.layout)).toContain('**Activity**\n**1** post');
      expect(layoutText(b.layout)).toContain('Last 7 days, today included');
      expect((pool as unknown as { worker: unknown }).worker).toBeNull();
      await pool.close();
    } finally {
      memory.close();
    }
  });

  it('leaves the rasteriser out of the thread that queues and delivers reports: only rendering loads it', { timeout: 60_000 }, async () => {
    // A fresh process loads the bot's whole module graph, then the renderer; the native libraries it has loaded
    // after each step say whether Skia (about 30 MiB resident) came with the bot or only with rendering.
    const root = join(import.meta.dirname, '..', '..', '..');
    const script = `
      const skia = () => process.report.getReport().sharedObjects.some((o) => /skia/.test(o));
      await import('./src/bot.ts');
      const withBot = skia();
      await import('./src/report/render/render.ts');
      console.log(JSON.stringify({ withBot, withRenderer: skia() }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root });
    expect(JSON.parse(stdout.trim().split('\n').pop() ?? '')).toEqual({ withBot: false, withRenderer: true });
  });
});
