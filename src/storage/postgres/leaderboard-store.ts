// The leaderboard port (leaderboard/leaderboard-store.ts) on PostgreSQL.

import { and, asc, eq } from 'drizzle-orm';
import type { PgDb } from '../../db/postgres.js';
import { leaderboardMembers } from '../../db/schema-pg.js';
import type { BoardMembership, LeaderboardStore } from '../../leaderboard/stores.js';

export class PgLeaderboardStore implements LeaderboardStore {
  constructor(private readonly db: PgDb) {}

  async join(guildId: string, discordUserId: string, now: number): Promise<boolean> {
    const added = await this.db
      .insert(leaderboardMembers)
      .values({ guildId, discordUserId, joinedAt: now })
      .onConflictDoNothing()
      .returning({ id: leaderboardMembers.discordUserId });
    return added.length > 0;
  }

  async leave(guildId: string, discordUserId: string): Promise<boolean> {
    const gone = await this.db
      .delete(leaderboardMembers)
      .where(and(eq(leaderboardMembers.guildId, guildId), eq(leaderboardMembers.discordUserId, discordUserId)))
      .returning({ id: leaderboardMembers.discordUserId });
    return gone.length > 0;
  }

  async members(guildId: string): Promise<BoardMembership[]> {
    return this.db
      .select({ discordUserId: leaderboardMembers.discordUserId, joinedAt: leaderboardMembers.joinedAt })
      .from(leaderboardMembers)
      .where(eq(leaderboardMembers.guildId, guildId))
      .orderBy(asc(leaderboardMembers.joinedAt), asc(leaderboardMembers.discordUserId));
  }

  async isMember(guildId: string, discordUserId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: leaderboardMembers.discordUserId })
      .from(leaderboardMembers)
      .where(and(eq(leaderboardMembers.guildId, guildId), eq(leaderboardMembers.discordUserId, discordUserId)));
    return row !== undefined;
  }

  async forgetGuild(guildId: string): Promise<void> {
    await this.db.delete(leaderboardMembers).where(eq(leaderboardMembers.guildId, guildId));
  }
}
