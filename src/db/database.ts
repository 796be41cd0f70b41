// Opens the SQLite database (creating its folder), switches to WAL and applies
// any pending migrations, so a fresh machine needs no separate set-up step.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: BetterSqlite3.Database };

export interface Database {
  db: Db;
  sqlite: BetterSqlite3.Database;
  close(): void;
}

// src/db and dist/db are both two levels below the project root.
const MIGRATIONS = fileURLToPath(new URL('../../drizzle/sqlite', import.meta.url));

export function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  // With WAL, NORMAL syncs at checkpoints instead of at every commit: a commit is no fsync on the event loop. A power
  // cut may lose the last commits (never corrupt the file); a crash of the process loses nothing.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return { db, sqlite, close: () => sqlite.close() };
}

export function databaseIsHealthy(database: Database): boolean {
  try {
    return database.sqlite.prepare('select 1 as ok').get() !== undefined;
  } catch {
    return false;
  }
}
