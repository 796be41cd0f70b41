// Checkpoints run in a thread of their own: the log the main connection
// writes is copied back into the database file without the main connection
// (and so without any request) doing it.

import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { Checkpointer, SAFETY_NET_PAGES } from '../../src/db/checkpointer.js';
import { eventually } from '../support/harness.js';
import { useTempDatabase } from '../support/temp-database.js';

const db = useTempDatabase();

/** From the WAL index (the -shm file): frames in the log, and frames already copied back (nBackfill). */
function walIndex(path: string): { frames: number; backfilled: number } {
  const shm = readFileSync(`${path}-shm`);
  return { frames: shm.readUInt32LE(16), backfilled: shm.readUInt32LE(96) };
}

it('copies the log back from its own thread, leaving the main connection only a far-off safety net', async () => {
  const { sqlite } = db.current;
  const path = sqlite.name;
  const checkpointer = new Checkpointer(path);
  checkpointer.start(sqlite);
  try {
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(SAFETY_NET_PAGES);
    sqlite.exec('create table filler (n integer, pad text)');
    const insert = sqlite.prepare('insert into filler values (?, ?)');
    for (let i = 0; i < 200; i++) insert.run(i, 'x'.repeat(2000));
    expect(walIndex(path).frames).toBeGreaterThan(100);
    expect(walIndex(path).frames).toBeLessThan(SAFETY_NET_PAGES);
    await eventually(() => {
      const index = walIndex(path);
      return index.backfilled === index.frames;
    });
  } finally {
    await checkpointer.close();
  }
});
