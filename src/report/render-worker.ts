// The render worker: renders reports (render.ts) on a thread of its own, so
// the main thread, which answers Discord, never runs a summary or a chart. On
// SQLite it reads the posts from the same file, read-only (WAL lets it read
// while the main thread writes), so only a small job and the finished PNG
// cross; on PostgreSQL the posts come with the job.

import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from '../db/database.js';
import * as schema from '../db/schema.js';
import { turnByTurn } from '../threads/turn-by-turn.js';
import { warmUpChart } from './chart.js';
import { type RenderData, type RenderJob, readRenderData, renderReport } from './render.js';
import { XCache } from './x-cache.js';

const { databasePath } = workerData as { databasePath: string | null };
const store = databasePath === null ? null : openReadOnly(databasePath);

function openReadOnly(path: string): XCache {
  const sqlite = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return new XCache(drizzle(sqlite, { schema }) as Db);
}
warmUpChart();

// One report per turn of the event loop, so each chart's native memory is freed before the next (see turnByTurn).
parentPort?.on(
  'message',
  turnByTurn(({ id, job, data }: { id: number; job: RenderJob; data?: RenderData }) => {
    try {
      const loaded = data ?? (store && readRenderData(job, store));
      if (!loaded) throw new Error('a job without its data, and no database to read it from');
      const { layout, png } = renderReport(job, loaded);
      const copy = new Uint8Array(png); // a buffer of its own, so it can be moved rather than copied across
      parentPort?.postMessage({ id, layout, png: copy }, [copy.buffer]);
    } catch (err) {
      parentPort?.postMessage({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  }),
);
