// The SQLite file as the bot opens it: WAL mode (the render worker reads while
// the main thread writes), migrations applied, its folder made.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';

it('opens the database in WAL mode with migrations applied, making its folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xbot-db-'));
  const database = openDatabase(join(dir, 'nested', 'bot.sqlite'));
  try {
    expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = database.sqlite.prepare("select name from sqlite_master where type='table'").all();
    expect(tables).toEqual(expect.arrayContaining([{ name: 'pending_links' }, { name: 'linked_accounts' }]));
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
