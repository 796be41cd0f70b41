// The leaderboard port (leaderboard/leaderboard-store.ts) on SQLite.

import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { leaderboardMembers } from '../../db/schema.js';
import type { BoardMembership, LeaderboardStore } from '../../leaderboard/stores.js';

export class SqliteLeaderboardStore implements LeaderboardStore {
  constructor(private readonly db: Db) {}

  async join(guildId: string, discordUserId: string, now: number): Promise<boolean> {
    const r = this.db.insert(leaderboardMembers).values({ guildId, discordUserId, joinedAt: now }).onConflictDoNothing().run();
    return r.changes > 0;
  }

  async leave(guildId: string, discordUserId: string): Promise<boolean> {
    const where = and(eq(leaderboardMembers.guildId, guildId), eq(leaderboardMembers.discordUserId, discordUserId));
    return this.db.delete(leaderboardMembers).where(where).run().changes > 0;
  }

  async members(guildId: string): Promise<BoardMembership[]> {
    return this.db
      .select({ discordUserId: leaderboardMembers.discordUserId, joinedAt: leaderboardMembers.joinedAt })
      .from(leaderboardMembers)
      .where(eq(leaderboardMembers.guildId, guildId))
      .orderBy(asc(leaderboardMembers.joinedAt), asc(leaderboardMembers.discordUserId))
      .all();
  }

  async isMember(guildId: string, discordUserId: string): Promise<boolean> {
    const where = and(eq(leaderboardMembers.guildId, guildId), eq(leaderboardMembers.discordUserId, discordUserId));
    return this.db.select({ id: leaderboardMembers.discordUserId }).from(leaderboardMembers).where(where).get() !== undefined;
  }

  async forgetGuild(guildId: string): Promise<void> {
    this.db.delete(leaderboardMembers).where(eq(leaderboardMembers.guildId, guildId)).run();
  }
}
