// Interaction ids already handled, in the SQLite file (see discord/replay-guard.ts).

import { lt, sql } from 'drizzle-orm';
import type { Sync } from '../../db/async-store.js';
import type { Db } from '../../db/database.js';
import { handledInteractions } from '../../db/schema.js';
import { INTERACTION_TOKEN_LIFETIME_MS } from '../../interaction/contract.js';
import type { ReplayGuard } from '../../interaction/stores.js';

export class SqliteInteractionLedger implements Sync<ReplayGuard> {
  private lastPurge = 0;
  /** Prepared once: every interaction passes here on the way to its ack. */
  private readonly insert;

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

  firstSeen(interactionId: string): boolean {
    const now = this.now();
    if (now - this.lastPurge > 60_000) {
      this.db.delete(handledInteractions).where(lt(handledInteractions.expiresAt, now)).run();
      this.lastPurge = now;
    }
    return this.insert.run({ id: interactionId, expiresAt: now + INTERACTION_TOKEN_LIFETIME_MS }).changes === 1;
  }
}
