// The digest port (digest/digest-store.ts) on PostgreSQL, shared by replicas:
// a claim is one INSERT … ON CONFLICT statement, so of two replicas claiming
// the same server and week at the same moment exactly one gets the row.

import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { PgDb } from '../../db/postgres.js';
import { digestClaims, digestSchedules } from '../../db/schema-pg.js';
import type { DigestClaim, DigestEnd, DigestSchedule, DigestStore } from '../../digest/stores.js';

export class PgDigestStore implements DigestStore {
  constructor(private readonly db: PgDb) {}

  async set(schedule: DigestSchedule): Promise<void> {
    await this.db.insert(digestSchedules).values(schedule).onConflictDoUpdate({ target: digestSchedules.guildId, set: schedule });
  }

  async off(guildId: string): Promise<boolean> {
    const gone = await this.db
      .delete(digestSchedules)
      .where(eq(digestSchedules.guildId, guildId))
      .returning({ id: digestSchedules.guildId });
    return gone.length > 0;
  }

  async get(guildId: string): Promise<DigestSchedule | null> {
    const [row] = await this.db.select().from(digestSchedules).where(eq(digestSchedules.guildId, guildId));
    return row ?? null;
  }

  async all(): Promise<DigestSchedule[]> {
    return this.db.select().from(digestSchedules);
  }

  async claim(guildId: string, dueAt: number, now: number, staleBefore: number): Promise<boolean> {
    const held = await this.db
      .insert(digestClaims)
      .values({ guildId, dueAt, claimedAt: now, outcome: 'claimed' })
      .onConflictDoUpdate({
        target: [digestClaims.guildId, digestClaims.dueAt],
        set: { claimedAt: sql`excluded.claimed_at` },
        setWhere: and(eq(digestClaims.outcome, 'claimed'), lt(digestClaims.claimedAt, staleBefore)),
      })
      .returning({ at: digestClaims.claimedAt });
    return held[0]?.at === now;
  }

  async renew(guildId: string, dueAt: number, heldAt: number, now: number): Promise<boolean> {
    const renewed = await this.db
      .update(digestClaims)
      .set({ claimedAt: now })
      .where(
        and(
          eq(digestClaims.guildId, guildId),
          eq(digestClaims.dueAt, dueAt),
          eq(digestClaims.claimedAt, heldAt),
          eq(digestClaims.outcome, 'claimed'),
        ),
      )
      .returning({ at: digestClaims.claimedAt });
    return renewed.length > 0;
  }

  async finish(guildId: string, dueAt: number, claimedAt: number, end: DigestEnd): Promise<boolean> {
    const done = await this.db
      .update(digestClaims)
      .set(end)
      .where(and(eq(digestClaims.guildId, guildId), eq(digestClaims.dueAt, dueAt), eq(digestClaims.claimedAt, claimedAt)))
      .returning({ at: digestClaims.claimedAt });
    return done.length > 0;
  }

  async last(guildId: string): Promise<DigestClaim | null> {
    const [row] = await this.db
      .select()
      .from(digestClaims)
      .where(eq(digestClaims.guildId, guildId))
      .orderBy(desc(digestClaims.dueAt))
      .limit(1);
    return (row as DigestClaim | undefined) ?? null;
  }

  async forgetGuild(guildId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(digestSchedules).where(eq(digestSchedules.guildId, guildId));
      await tx.delete(digestClaims).where(eq(digestClaims.guildId, guildId));
    });
  }
}
