// The revocation queue's records on PostgreSQL (see linking/revocation-store.ts).

import { and, asc, eq, lte } from 'drizzle-orm';
import type { PgDb } from '../../db/postgres.js';
import { type PendingRevocation, pendingRevocations } from '../../db/schema-pg.js';
import type { RevocationStore } from '../../linking/stores.js';

export class PgRevocationStore implements RevocationStore {
  constructor(private readonly db: PgDb) {}

  async find(sealId: string): Promise<PendingRevocation | undefined> {
    const [row] = await this.db.select().from(pendingRevocations).where(eq(pendingRevocations.sealId, sealId));
    return row;
  }

  async takeAttempt(id: number, attempts: number, nextAttemptAt: number): Promise<boolean> {
    const taken = await this.db
      .update(pendingRevocations)
      .set({ attempts: attempts + 1, nextAttemptAt })
      .where(and(eq(pendingRevocations.id, id), eq(pendingRevocations.attempts, attempts)))
      .returning({ id: pendingRevocations.id });
    return taken.length === 1;
  }

  async remove(id: number): Promise<void> {
    await this.db.delete(pendingRevocations).where(eq(pendingRevocations.id, id));
  }

  async due(now: number | null, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ sealId: pendingRevocations.sealId })
      .from(pendingRevocations)
      .where(now === null ? undefined : lte(pendingRevocations.nextAttemptAt, now))
      .orderBy(asc(pendingRevocations.nextAttemptAt))
      .limit(limit);
    return rows.map((r) => r.sealId);
  }
}
