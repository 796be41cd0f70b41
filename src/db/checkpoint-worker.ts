// The checkpoint thread (see checkpointer.ts): its own connection copies the
// write-ahead log back into the database file, and syncs it, every few
// hundred milliseconds. PASSIVE never waits for a lock: writers carry on, and
// frames a reader still needs are simply copied next time.

import { workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

const { databasePath, everyMs } = workerData as { databasePath: string; everyMs: number };
const sqlite = new BetterSqlite3(databasePath);
sqlite.pragma('synchronous = NORMAL');
const checkpoint = () => {
  try {
    sqlite.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or briefly locked: the next turn tries again; the main connection's own checkpoint is the safety net.
  }
};
setInterval(checkpoint, everyMs);
