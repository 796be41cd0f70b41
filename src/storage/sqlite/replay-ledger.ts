// Interaction ids already handled, in the SQLite file (see discord/replay-guard.ts).
// Every interaction passes here on the way to its ack. Committed one by one,
// each id cost 35-80 µs of the thread that answers Discord (nearly all of it
// the commit): a fifth of an ack in a burst. So the ids asked about in one
// turn of the event loop are written together, in one transaction right
// after it, and each is answered only once that has committed: no ack goes
// out before its id is stored, as before.

import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { handledInteractions } from '../../db/schema.js';
import { INTERACTION_TOKEN_LIFETIME_MS } from '../../interaction/contract.js';
import type { ReplayGuard } from '../../interaction/stores.js';

interface Asked {
  id: string;
  answer: (first: boolean) => void;
  fail: (err: unknown) => void;
}

export class SqliteInteractionLedger implements ReplayGuard {
  private lastPurge = 0;
  private readonly insert;
  /** Ids asked about since the last commit, in the order asked: of the same id twice, the first is first. */
  private asked: Asked[] = [];

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.insert = db
      .insert(handledInteractions)
      .values({ id: sql.placeholder('id'), expiresAt: sql.placeholder('expiresAt') })
      .onConflictDoNothing()
      .prepare();
  }

  firstSeen(interactionId: string): Promise<boolean> {
    return new Promise((answer, fail) => {
      if (this.asked.length === 0) setImmediate(() => this.commitNow());
      this.asked.push({ id: interactionId, answer, fail });
    });
  }

  /** Writes the ids asked about so far: after their turn, or before it ends when the database is about to close. */
  commitNow(): void {
    const asked = this.asked;
    if (asked.length === 0) return; // committed already, by an early call
    this.asked = [];
    let firsts: boolean[];
    try {
      firsts = this.db.$client.transaction(() => this.record(asked.map((a) => a.id)))();
    } catch (err) {
      // Nothing of the transaction stands (a closed database, a full disk): no id counts as seen.
      for (const a of asked) a.fail(err);
      return;
    }
    for (const [i, a] of asked.entries()) a.answer(firsts[i] as boolean);
  }

  private record(ids: string[]): boolean[] {
    const now = this.now();
    if (now - this.lastPurge > 60_000) {
      this.db.delete(handledInteractions).where(lt(handledInteractions.expiresAt, now)).run();
      this.lastPurge = now;
    }
    const expiresAt = now + INTERACTION_TOKEN_LIFETIME_MS;
    return ids.map((id) => this.insert.run({ id, expiresAt }).changes === 1);
  }
}
