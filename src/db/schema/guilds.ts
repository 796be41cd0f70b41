// Servers: their settings, the members seen in them and the roster the gateway reconciles.
// SQLite (the same tables as ../schema-pg/guilds.ts).

import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** How the bot behaves in one server, set by its admins with /twitter-admin. */
export const guildSettings = sqliteTable('guild_settings', {
  guildId: text('guild_id').primaryKey(),
  /** Role given to members while their X account is linked. */
  linkedRoleId: text('linked_role_id'),
  /** Whether /report public:true is allowed here. */
  publicReports: integer('public_reports', { mode: 'boolean' }).notNull().default(true),
  /** When set, public reports only in this channel. */
  reportsChannelId: text('reports_channel_id'),
  /** Cap on X posts read per calendar month (UTC) for reports requested here; null: no cap. */
  monthlyPostBudget: integer('monthly_post_budget'),
  updatedAt: integer('updated_at').notNull(),
});

/** Members the bot has seen use a command in a server: whom a linked role applies to. */
export const guildMembers = sqliteTable(
  'guild_members',
  {
    guildId: text('guild_id').notNull(),
    discordUserId: text('discord_user_id').notNull(),
    seenAt: integer('seen_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.guildId, t.discordUserId] }),
    index('guild_members_user_idx').on(t.discordUserId),
    // Members not seen for long are forgotten by age.
    index('guild_members_seen_idx').on(t.seenAt),
  ],
);

/** The servers the bot is in, as the gateway last told it: what a READY after an outage is compared with. */
export const botGuilds = sqliteTable('bot_guilds', {
  guildId: text('guild_id').primaryKey(),
  seenAt: integer('seen_at').notNull(),
});

export type GuildSettings = typeof guildSettings.$inferSelect;
