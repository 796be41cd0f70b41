// A fresh SQLite file per test, migrated, and deleted afterwards.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';

/** Registers the hooks; read `.current` inside a test (or a beforeEach registered after this call). */
export function useTempDatabase(): { readonly current: Database } {
  let dir = '';
  let database: Database | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xbot-db-'));
    database = openDatabase(join(dir, 'bot.sqlite'));
  });
  afterEach(() => {
    database?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get current(): Database {
      if (!database) throw new Error('the temporary database exists only while a test runs');
      return database;
    },
  };
}
