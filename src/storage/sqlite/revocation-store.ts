// Persistence for the revocation queue (see revocations.ts). Records enter it
// in the transactions that forget their tokens (link-store.ts).

import { and, asc, eq, lte } from 'drizzle-orm';
import type { Sync } from '../../db/async-store.js';
import type { Db } from '../../db/database.js';
import { type PendingRevocation, pendingRevocations } from '../../db/schema.js';
import type { RevocationStore } from '../../linking/stores.js';

export class SqliteRevocationStore implements Sync<RevocationStore> {
  constructor(private readonly db: Db) {}

  find(sealId: string): PendingRevocation | undefined {
    return this.db.select().from(pendingRevocations).where(eq(pendingRevocations.sealId, sealId)).get();
  }

  /**
   * Takes the next attempt by moving its time on, if no one else took this
   * attempt first (the count is still `attempts`): a concurrent sweep, here
   * or on another machine, skips it.
   */
  takeAttempt(id: number, attempts: number, nextAttemptAt: number): boolean {
    return (
      this.db
        .update(pendingRevocations)
        .set({ attempts: attempts + 1, nextAttemptAt })
        .where(and(eq(pendingRevocations.id, id), eq(pendingRevocations.attempts, attempts)))
        .run().changes === 1
    );
  }

  remove(id: number): void {
    this.db.delete(pendingRevocations).where(eq(pendingRevocations.id, id)).run();
  }

  /** The seal ids of revocations due at `now` (every one, with null), soonest first. */
  due(now: number | null, limit: number): string[] {
    return this.db
      .select({ sealId: pendingRevocations.sealId })
      .from(pendingRevocations)
      .where(now === null ? undefined : lte(pendingRevocations.nextAttemptAt, now))
      .orderBy(asc(pendingRevocations.nextAttemptAt))
      .limit(limit)
      .all()
      .map((r) => r.sealId);
  }
}
