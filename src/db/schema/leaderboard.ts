// Each server's leaderboard members and weekly digest (schedules and claims).
// SQLite (the same tables as ../schema-pg/leaderboard.ts).

import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Members who joined a server's leaderboard (/leaderboard join): only they are ever shown on it. */
export const leaderboardMembers = sqliteTable(
  'leaderboard_members',
  {
    guildId: text('guild_id').notNull(),
    discordUserId: text('discord_user_id').notNull(),
    joinedAt: integer('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.discordUserId] }), index('leaderboard_members_user_idx').on(t.discordUserId)],
);

/** A server's weekly digest (/twitter-admin digest set): where and when, in the admins' own time zone. */
export const digestSchedules = sqliteTable('digest_schedules', {
  guildId: text('guild_id').primaryKey(),
  channelId: text('channel_id').notNull(),
  /** 0 Sunday … 6 Saturday, in timeZone. */
  weekday: integer('weekday').notNull(),
  /** Minutes after local midnight. */
  minuteOfDay: integer('minute_of_day').notNull(),
  timeZone: text('time_zone').notNull(),
  locale: text('locale'),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * One row per server and scheduled week: inserted (the unique key decides
 * which replica) before the digest is posted, so it is posted at most once.
 */
export const digestClaims = sqliteTable(
  'digest_claims',
  {
    guildId: text('guild_id').notNull(),
    /** The scheduled moment (ms, UTC) this digest is for: one per server and week. */
    dueAt: integer('due_at').notNull(),
    claimedAt: integer('claimed_at').notNull(),
    /** 'claimed' while posting; then 'posted', 'late' (posted late, said so), 'skipped' (over a day late) or 'failed'. */
    outcome: text('outcome').notNull(),
    /** What its X reads cost, in millionths of a US dollar. */
    costMicroUsd: integer('cost_micro_usd').notNull().default(0),
    postsRead: integer('posts_read').notNull().default(0),
    detail: text('detail'),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.dueAt] })],
);
