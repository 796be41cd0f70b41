// The digest port (digest/digest-store.ts) on SQLite: one process holds the
// file, and each claim is one transaction.

import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { digestClaims, digestSchedules } from '../../db/schema.js';
import type { DigestClaim, DigestEnd, DigestSchedule, DigestStore } from '../../digest/stores.js';

export class SqliteDigestStore implements DigestStore {
  constructor(private readonly db: Db) {}

  async set(schedule: DigestSchedule): Promise<void> {
    this.db.insert(digestSchedules).values(schedule).onConflictDoUpdate({ target: digestSchedules.guildId, set: schedule }).run();
  }

  async off(guildId: string): Promise<boolean> {
    return this.db.delete(digestSchedules).where(eq(digestSchedules.guildId, guildId)).run().changes > 0;
  }

  async get(guildId: string): Promise<DigestSchedule | null> {
    return this.db.select().from(digestSchedules).where(eq(digestSchedules.guildId, guildId)).get() ?? null;
  }

  async all(): Promise<DigestSchedule[]> {
    return this.db.select().from(digestSchedules).all();
  }

  async claim(guildId: string, dueAt: number, now: number, staleBefore: number): Promise<boolean> {
    return this.db.$client.transaction(() => {
      const inserted = this.db
        .insert(digestClaims)
        .values({ guildId, dueAt, claimedAt: now, outcome: 'claimed' })
        .onConflictDoNothing()
        .run().changes;
      if (inserted > 0) return true;
      const stale = and(
        eq(digestClaims.guildId, guildId),
        eq(digestClaims.dueAt, dueAt),
        eq(digestClaims.outcome, 'claimed'),
        lt(digestClaims.claimedAt, staleBefore),
      );
      return this.db.update(digestClaims).set({ claimedAt: now }).where(stale).run().changes > 0;
    })();
  }

  async renew(guildId: string, dueAt: number, heldAt: number, now: number): Promise<boolean> {
    const mine = and(
      eq(digestClaims.guildId, guildId),
      eq(digestClaims.dueAt, dueAt),
      eq(digestClaims.claimedAt, heldAt),
      eq(digestClaims.outcome, 'claimed'),
    );
    return this.db.update(digestClaims).set({ claimedAt: now }).where(mine).run().changes > 0;
  }

  async finish(guildId: string, dueAt: number, claimedAt: number, end: DigestEnd): Promise<boolean> {
    const mine = and(eq(digestClaims.guildId, guildId), eq(digestClaims.dueAt, dueAt), eq(digestClaims.claimedAt, claimedAt));
    return this.db.update(digestClaims).set(end).where(mine).run().changes > 0;
  }

  async last(guildId: string): Promise<DigestClaim | null> {
    const row = this.db
      .select()
      .from(digestClaims)
      .where(eq(digestClaims.guildId, guildId))
      .orderBy(desc(digestClaims.dueAt))
      .limit(1)
      .get();
    return (row as DigestClaim | undefined) ?? null;
  }

  async forgetGuild(guildId: string): Promise<void> {
    this.db.transaction((tx) => {
      tx.delete(digestSchedules).where(eq(digestSchedules.guildId, guildId)).run();
      tx.delete(digestClaims).where(eq(digestClaims.guildId, guildId)).run();
    });
  }
}
