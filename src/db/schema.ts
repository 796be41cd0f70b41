// The whole database schema. Migrations under drizzle/ are generated from this
// file with `npm run db:generate`; never edit them by hand.

import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A one-time link handed to a member by /link-twitter, until it is completed, cancelled or expires. */
export const pendingLinks = sqliteTable(
  'pending_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** SHA-256 of the link token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    discordUserId: text('discord_user_id').notNull(),
    discordUserName: text('discord_user_name').notNull(),
    guildId: text('guild_id'),
    /** Sealed interaction token, to edit the member's ephemeral reply when linking ends. */
    interactionTokenSealed: text('interaction_token_sealed').notNull(),
    /** 'pending' until the link is opened, then 'authorizing' while the member is at X. */
    state: text('state', { enum: ['pending', 'authorizing'] }).notNull().default('pending'),
    requestToken: text('request_token').unique(),
    requestSecretSealed: text('request_secret_sealed'),
    createdAt: integer('created_at').notNull(),
    /** Interaction tokens die 15 minutes after the command; no edit is tried past this. */
    interactionExpiresAt: integer('interaction_expires_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('pending_links_user_idx').on(t.discordUserId), index('pending_links_expiry_idx').on(t.expiresAt)],
);

/** A Discord member's linked X account. Credentials are sealed with TokenCipher. */
export const linkedAccounts = sqliteTable('linked_accounts', {
  discordUserId: text('discord_user_id').primaryKey(),
  /** X ids exceed 2^53, so they stay strings. */
  xUserId: text('x_user_id').notNull(),
  xScreenName: text('x_screen_name').notNull(),
  accessTokenSealed: text('access_token_sealed').notNull(),
  accessSecretSealed: text('access_secret_sealed').notNull(),
  keyId: text('key_id').notNull(),
  /** 'broken' once X rejects the token; the member must link again. */
  status: text('status', { enum: ['active', 'broken'] }).notNull().default('active'),
  linkedAt: integer('linked_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Posts read from X, kept so repeat reports read only what is new. */
export const xPosts = sqliteTable(
  'x_posts',
  {
    /** Whose timeline (or whose mentions) the post was read for. */
    xUserId: text('x_user_id').notNull(),
    source: text('source', { enum: ['timeline', 'mentions'] }).notNull(),
    id: text('id').notNull(),
    createdAt: integer('created_at').notNull(),
    /** The post object exactly as X sent it. */
    json: text('json').notNull(),
    fetchedAt: integer('fetched_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.xUserId, t.source, t.id] }), index('x_posts_time_idx').on(t.xUserId, t.source, t.createdAt)],
);

/** What part of a timeline (or mentions) is stored, and how fresh it is. */
export const xFetchState = sqliteTable(
  'x_fetch_state',
  {
    xUserId: text('x_user_id').notNull(),
    source: text('source', { enum: ['timeline', 'mentions'] }).notNull(),
    /** Stored posts are complete from here to fullReadAt (epoch ms). */
    coveredFrom: integer('covered_from').notNull(),
    /** When the period was last read afresh from X. */
    fullReadAt: integer('full_read_at').notNull(),
    /** When anything was last read (afresh or only newer posts). */
    lastReadAt: integer('last_read_at').notNull(),
    /** Set when a bound stopped the last full read before the period start. */
    cutReason: text('cut_reason', { enum: ['max-posts', 'x-cap', 'budget'] }),
  },
  (t) => [primaryKey({ columns: [t.xUserId, t.source] })],
);

/** The member's X profile, cached for reports. */
export const xProfiles = sqliteTable('x_profiles', {
  xUserId: text('x_user_id').primaryKey(),
  json: text('json').notNull(),
  fetchedAt: integer('fetched_at').notNull(),
});

/** One row per /report: what it cost at X, for the footer, budgets and operators. */
export const reportRuns = sqliteTable(
  'report_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Cleared when the member unlinks; the usage figures stay for budgets. */
    discordUserId: text('discord_user_id'),
    guildId: text('guild_id'),
    days: integer('days').notNull(),
    startedAt: integer('started_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    upstreamRequests: integer('upstream_requests').notNull(),
    postsRead: integer('posts_read').notNull(),
    outcome: text('outcome').notNull(),
  },
  (t) => [index('report_runs_user_idx').on(t.discordUserId, t.startedAt), index('report_runs_guild_idx').on(t.guildId, t.startedAt)],
);

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
  (t) => [primaryKey({ columns: [t.guildId, t.discordUserId] }), index('guild_members_user_idx').on(t.discordUserId)],
);

export type PendingLink = typeof pendingLinks.$inferSelect;
export type LinkedAccount = typeof linkedAccounts.$inferSelect;
export type GuildSettings = typeof guildSettings.$inferSelect;
