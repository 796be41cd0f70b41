// The render worker's own reader of a SQLite file (see report/render/render-worker.ts):
// the same file, read only, so a report's posts never cross threads.

import BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { asAsync } from '../../db/async-store.js';
import type { Db } from '../../db/database.js';
import * as schema from '../../db/schema.js';
import type { RenderReader } from '../../report/render/job.js';
import { SqlitePostStore } from './post-store.js';

/** Loaded by the worker by name: RenderSource.workerReader. */
export function openRenderReader(path: unknown): RenderReader {
  if (typeof path !== 'string') throw new Error('the render reader needs the database file');
  const sqlite = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return asAsync(new SqlitePostStore(drizzle(sqlite, { schema }) as Db));
}

/** Where the worker finds this module: compiled beside this one, or (tests, tsx) its TypeScript source. */
export const RENDER_READER_MODULE = new URL(`./render-reader${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
