// Interaction ids already handled, on PostgreSQL: one insert that only the
// first replica to see an id can make (see discord/replay-guard.ts).

import { lt } from 'drizzle-orm';
import type { PgDb } from '../../db/postgres.js';
import { handledInteractions } from '../../db/schema-pg.js';
import { INTERACTION_TOKEN_LIFETIME_MS } from '../../interaction/contract.js';
import type { ReplayGuard } from '../../interaction/stores.js';

export class PgInteractionLedger implements ReplayGuard {
  private lastPurge = 0;

  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async firstSeen(interactionId: string): Promise<boolean> {
    const now = this.now();
    if (now - this.lastPurge > 60_000) {
      this.lastPurge = now;
      await this.db.delete(handledInteractions).where(lt(handledInteractions.expiresAt, now));
    }
    const recorded = await this.db
      .insert(handledInteractions)
      .values({ id: interactionId, expiresAt: now + INTERACTION_TOKEN_LIFETIME_MS })
      .onConflictDoNothing()
      .returning({ id: handledInteractions.id });
    return recorded.length === 1;
  }
}
