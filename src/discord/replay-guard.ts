// Refuses an interaction that was already handled. A signed interaction
// replayed byte for byte passes the signature check, so ids are remembered
// for as long as an interaction token lives; together with the timestamp
// window this makes every signed request work once.

import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { handledInteractions } from '../db/schema.js';
import { INTERACTION_TOKEN_LIFETIME_MS } from '../interaction/contract.js';

/** Signed requests whose timestamp is further than this from our clock are refused. */
export const TIMESTAMP_TOLERANCE_S = 5 * 60;

export interface ReplayGuard {
  /** Records the interaction id; false when it was seen before. */
  firstSeen(interactionId: string): Promise<boolean>;
}

export function isFreshTimestamp(timestamp: string | undefined, nowMs: number): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= TIMESTAMP_TOLERANCE_S;
}

export class InteractionLedger {
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
