// Each server's leaderboard members and weekly digest (schedules and claims).
// PostgreSQL (the same tables as ../schema/leaderboard.ts).

import { bigint, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** Members who joined a server's leaderboard (/leaderboard join): only they are ever shown on it. */
export const leaderboardMembers = pgTable(
  'leaderboard_members',
  {
    guildId: text('guild_id').notNull(),
    discordUserId: text('discord_user_id').notNull(),
    joinedAt: bigint('joined_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.discordUserId] }), index('leaderboard_members_user_idx').on(t.discordUserId)],
);

/** A server's weekly digest (/twitter-admin digest set): where and when, in the admins' own time zone. */
export const digestSchedules = pgTable('digest_schedules', {
  guildId: text('guild_id').primaryKey(),
  channelId: text('channel_id').notNull(),
  weekday: integer('weekday').notNull(),
  minuteOfDay: integer('minute_of_day').notNull(),
  timeZone: text('time_zone').notNull(),
  locale: text('locale'),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

/** One row per server and scheduled week, claimed before posting (see schema.ts). */
export const digestClaims = pgTable(
  'digest_claims',
  {
    guildId: text('guild_id').notNull(),
    dueAt: bigint('due_at', { mode: 'number' }).notNull(),
    claimedAt: bigint('claimed_at', { mode: 'number' }).notNull(),
    outcome: text('outcome').notNull(),
    costMicroUsd: bigint('cost_micro_usd', { mode: 'number' }).notNull().default(0),
    postsRead: integer('posts_read').notNull().default(0),
    detail: text('detail'),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.dueAt] })],
);
