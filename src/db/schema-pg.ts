// The PostgreSQL twin of schema.ts, for operators who set DATABASE_URL: the
// same tables, columns and indexes, in PostgreSQL's types. drizzle keeps no
// schema across dialects, so a change to one is made to both (a test compares
// them); `npm run db:generate` writes each one's migrations, into
// drizzle/sqlite/ and drizzle/postgres/. Times are milliseconds, beyond 32
// bits: bigint, read as numbers.

import { bigint, boolean, index, integer, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';

/** A one-time link handed to a member by /link-twitter, until it is completed, cancelled or expires. */
export const pendingLinks = pgTable(
  'pending_links',
  {
    id: serial('id').primaryKey(),
    /** SHA-256 of the link token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    discordUserId: text('discord_user_id').notNull(),
    /** Display name, shown on the confirmation page and the success page. */
    discordUserName: text('discord_user_name').notNull(),
    /** Unique @username, shown beside the display name, which anyone can imitate. */
    discordUsername: text('discord_username').notNull().default(''),
    guildId: text('guild_id'),
    /** The member's Discord locale, for the texts that follow (confirmation, pages). */
    locale: text('locale'),
    /** Sealed interaction token, to edit the member's ephemeral reply when linking ends. */
    interactionTokenSealed: text('interaction_token_sealed').notNull(),
    /**
     * 'pending' until Continue is pressed, 'authorizing' while the member is at
     * X, 'exchanging' while the callback trades the verifier for the access
     * token (a link left in that state was cut off by a crash).
     */
    state: text('state', { enum: ['pending', 'authorizing', 'exchanging'] })
      .notNull()
      .default('pending'),
    requestToken: text('request_token').unique(),
    requestSecretSealed: text('request_secret_sealed'),
    /** SHA-256 of the secret in the browser cookie set by Continue: the callback completes only in that browser. */
    browserHash: text('browser_hash'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    /** Interaction tokens die 15 minutes after the command; no edit is tried past this. */
    interactionExpiresAt: bigint('interaction_expires_at', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('pending_links_user_idx').on(t.discordUserId), index('pending_links_expiry_idx').on(t.expiresAt)],
);

/**
 * A Discord member's linked X account. Credentials are sealed with TokenCipher.
 * One X account belongs to at most one member (unique x_user_id).
 */
export const linkedAccounts = pgTable(
  'linked_accounts',
  {
    discordUserId: text('discord_user_id').primaryKey(),
    /** X ids exceed 2^53, so they stay strings. */
    xUserId: text('x_user_id').notNull(),
    xScreenName: text('x_screen_name').notNull(),
    accessTokenSealed: text('access_token_sealed').notNull(),
    accessSecretSealed: text('access_secret_sealed').notNull(),
    keyId: text('key_id').notNull(),
    /** 'broken' once X rejects the token; the member must link again. */
    status: text('status', { enum: ['active', 'broken'] })
      .notNull()
      .default('active'),
    linkedAt: bigint('linked_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('linked_accounts_x_user_idx').on(t.xUserId)],
);

/**
 * Access tokens to revoke at X: written in the same transaction that forgets
 * them, deleted once X confirms, retried with backoff until then, so a crash
 * or an X outage never leaves a live token nobody can revoke.
 */
export const pendingRevocations = pgTable(
  'pending_revocations',
  {
    id: serial('id').primaryKey(),
    xUserId: text('x_user_id').notNull(),
    /** Sealed with the row's own context (revocation:<sealId>). */
    sealId: text('seal_id').notNull().unique(),
    accessTokenSealed: text('access_token_sealed').notNull(),
    accessSecretSealed: text('access_secret_sealed').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    attempts: bigint('attempts', { mode: 'number' }).notNull().default(0),
    nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('pending_revocations_due_idx').on(t.nextAttemptAt)],
);

/** Interaction ids already handled, kept while their token lives, so a replayed request is refused. */
export const handledInteractions = pgTable(
  'handled_interactions',
  {
    id: text('id').primaryKey(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('handled_interactions_expiry_idx').on(t.expiresAt)],
);

/** Posts read from X, kept so repeat reports read only what is new. */
export const xPosts = pgTable(
  'x_posts',
  {
    /** Whose timeline (or whose mentions) the post was read for. */
    xUserId: text('x_user_id').notNull(),
    source: text('source', { enum: ['timeline', 'mentions'] }).notNull(),
    id: text('id').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    fetchedAt: bigint('fetched_at', { mode: 'number' }).notNull(),
    // What reports use of the post, and nothing else (see report/stored-post.ts).
    kind: text('kind', { enum: ['original', 'reply', 'quote', 'repost'] }).notNull(),
    repliedTo: text('replied_to'),
    authorId: text('author_id'),
    text: text('text').notNull(),
    likes: bigint('likes', { mode: 'number' }).notNull(),
    reposts: bigint('reposts', { mode: 'number' }).notNull(),
    replies: bigint('replies', { mode: 'number' }).notNull(),
    quotes: bigint('quotes', { mode: 'number' }).notNull(),
    bookmarks: bigint('bookmarks', { mode: 'number' }).notNull(),
    impressions: bigint('impressions', { mode: 'number' }),
    /** Whether X sent non_public_metrics with the last read that asked for them (a later read that could not ask keeps them). */
    hasPrivate: boolean('has_private').notNull(),
    privateImpressions: bigint('private_impressions', { mode: 'number' }),
    profileClicks: bigint('profile_clicks', { mode: 'number' }),
    linkClicks: bigint('link_clicks', { mode: 'number' }),
    engagements: bigint('engagements', { mode: 'number' }),
    /** Space-separated: hashtags, usernames and hosts never contain one. */
    hashtags: text('hashtags').notNull(),
    mentions: text('mentions').notNull(),
    domains: text('domains').notNull(),
    hasMedia: boolean('has_media').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.xUserId, t.source, t.id] }),
    // Reports read by time; retention deletes by age timeline by timeline through it too.
    index('x_posts_time_idx').on(t.xUserId, t.source, t.createdAt),
  ],
);

/** How fresh the metrics of a timeline's stored posts are (what is stored: x_coverage). */
export const xFetchState = pgTable(
  'x_fetch_state',
  {
    xUserId: text('x_user_id').notNull(),
    source: text('source', { enum: ['timeline', 'mentions'] }).notNull(),
    /** When the posts younger than the refresh horizon were last read again for current metrics (0: never). */
    refreshedAt: bigint('refreshed_at', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.xUserId, t.source] })],
);

/**
 * Spans of time within which every post X served is stored. A report reads
 * only what no span covers, so no post is bought twice; spans that meet are
 * merged.
 */
export const xCoverage = pgTable(
  'x_coverage',
  {
    xUserId: text('x_user_id').notNull(),
    source: text('source', { enum: ['timeline', 'mentions'] }).notNull(),
    coveredFrom: bigint('covered_from', { mode: 'number' }).notNull(),
    coveredTo: bigint('covered_to', { mode: 'number' }).notNull(),
    /** Why the read that made this span stopped at coveredFrom though asked to go further back. */
    cutReason: text('cut_reason', { enum: ['max-posts', 'x-cap', 'budget'] }),
  },
  (t) => [primaryKey({ columns: [t.xUserId, t.source, t.coveredFrom] })],
);

/** The member's X profile, cached for reports. */
export const xProfiles = pgTable('x_profiles', {
  xUserId: text('x_user_id').primaryKey(),
  json: text('json').notNull(),
  fetchedAt: bigint('fetched_at', { mode: 'number' }).notNull(),
});

/**
 * Followers per X account per UTC day, from the profile reads the bot makes
 * anyway (X keeps no follower history): a report shows the change over its
 * period when the snapshots reach back that far.
 */
export const xFollowerSnapshots = pgTable(
  'x_follower_snapshots',
  {
    xUserId: text('x_user_id').notNull(),
    /** YYYY-MM-DD, UTC. */
    day: text('day').notNull(),
    followers: bigint('followers', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.xUserId, t.day] })],
);

/** The time zone a member last asked a report in: their default for the next one. Deleted on unlink. */
export const memberTimeZones = pgTable('member_time_zones', {
  discordUserId: text('discord_user_id').primaryKey(),
  /** An IANA name, checked before it is stored. */
  timeZone: text('time_zone').notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

/** One row per /report: what it cost at X, for the footer, budgets and operators. */
export const reportRuns = pgTable(
  'report_runs',
  {
    id: serial('id').primaryKey(),
    /** Cleared when the member unlinks; the usage figures stay for budgets. */
    discordUserId: text('discord_user_id'),
    guildId: text('guild_id'),
    days: bigint('days', { mode: 'number' }).notNull(),
    startedAt: bigint('started_at', { mode: 'number' }).notNull(),
    durationMs: bigint('duration_ms', { mode: 'number' }).notNull(),
    /** Updated as each X answer arrives, so a crash mid-report still counts what was read. */
    upstreamRequests: bigint('upstream_requests', { mode: 'number' }).notNull(),
    postsRead: bigint('posts_read', { mode: 'number' }).notNull(),
    /**
     * While running: the pages counted in posts_read and not yet stored (JSON id ranges, see
     * report/counted-pages.ts), written with the usage, so a takeover that reads them again counts them once.
     */
    countedUnstored: text('counted_unstored'),
    /** User objects X returned (the profile), billed apart from posts. */
    userReads: bigint('user_reads', { mode: 'number' }).notNull().default(0),
    /** What the reads cost at the prices of the day, in millionths of a US dollar (exact sums). */
    costMicroUsd: bigint('cost_micro_usd', { mode: 'number' }).notNull().default(0),
    /** 'running' from admission until the report ends; 'interrupted' when it could not be finished in time. */
    outcome: text('outcome').notNull(),
    /** Posts a running report may still read: held against the budgets until it ends. */
    reservedPosts: bigint('reserved_posts', { mode: 'number' }).notNull().default(0),
    /** The member's Discord locale, for a message sent after a restart. */
    locale: text('locale'),
    /** Sealed, while running: lets whichever replica runs it edit the member's message, or tell them it was cut off. */
    interactionTokenSealed: text('interaction_token_sealed'),
    /** What to make (see report/report-job.ts), as JSON: any replica can run it from this row alone. */
    job: text('job'),
    /** Set once the member's ack went out: from then on the run is in the queue, for any replica to claim. */
    ready: boolean('ready').notNull().default(false),
    /** The replica running it, and until when it holds it: a replica that dies lets its lease lapse and another claims the run. */
    claimedBy: text('claimed_by'),
    /** How many times replicas took it: one that kills every replica making it is taken only so often. */
    claims: bigint('claims', { mode: 'number' }).notNull().default(0),
    leaseUntil: bigint('lease_until', { mode: 'number' }).notNull().default(0),
    /** Made, but Discord took neither the report nor a direct message: the member's next command says so (then cleared). */
    undeliveredAt: bigint('undelivered_at', { mode: 'number' }),
  },
  (t) => [
    index('report_runs_user_idx').on(t.discordUserId, t.startedAt),
    index('report_runs_guild_idx').on(t.guildId, t.startedAt),
    // The app-wide monthly sum reads one month of runs, not the table.
    index('report_runs_started_idx').on(t.startedAt),
    // Replicas look for claimable runs (running, ready, lease lapsed) every second.
    index('report_runs_queue_idx').on(t.outcome, t.ready, t.leaseUntil),
  ],
);

/** How the bot behaves in one server, set by its admins with /twitter-admin. */
export const guildSettings = pgTable('guild_settings', {
  guildId: text('guild_id').primaryKey(),
  /** Role given to members while their X account is linked. */
  linkedRoleId: text('linked_role_id'),
  /** Whether /report public:true is allowed here. */
  publicReports: boolean('public_reports').notNull().default(true),
  /** When set, public reports only in this channel. */
  reportsChannelId: text('reports_channel_id'),
  /** Cap on X posts read per calendar month (UTC) for reports requested here; null: no cap. */
  monthlyPostBudget: bigint('monthly_post_budget', { mode: 'number' }),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

/** Members the bot has seen use a command in a server: whom a linked role applies to. */
export const guildMembers = pgTable(
  'guild_members',
  {
    guildId: text('guild_id').notNull(),
    discordUserId: text('discord_user_id').notNull(),
    seenAt: bigint('seen_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.guildId, t.discordUserId] }),
    index('guild_members_user_idx').on(t.discordUserId),
    // Members not seen for long are forgotten by age.
    index('guild_members_seen_idx').on(t.seenAt),
  ],
);

export type PendingLink = typeof pendingLinks.$inferSelect;
export type FetchState = typeof xFetchState.$inferSelect;
/** Why a read stopped before the period start. */
export type CutReason = NonNullable<(typeof xCoverage.$inferSelect)['cutReason']>;
export type LinkedAccount = typeof linkedAccounts.$inferSelect;
export type PendingRevocation = typeof pendingRevocations.$inferSelect;
export type GuildSettings = typeof guildSettings.$inferSelect;

/** The servers the bot is in, as the gateway last told it: what a READY after an outage is compared with. */
export const botGuilds = pgTable('bot_guilds', {
  guildId: text('guild_id').primaryKey(),
  seenAt: bigint('seen_at', { mode: 'number' }).notNull(),
});

/**
 * What reports read in months gone by, per server ('' for direct messages):
 * report_runs older than the current and the previous month are summed here
 * and deleted, so that table holds weeks, not years.
 */
export const monthlyUsage = pgTable(
  'monthly_usage',
  {
    /** 'YYYY-MM' (UTC). */
    month: text('month').notNull(),
    guildId: text('guild_id').notNull(),
    reports: bigint('reports', { mode: 'number' }).notNull(),
    upstreamRequests: bigint('upstream_requests', { mode: 'number' }).notNull(),
    postsRead: bigint('posts_read', { mode: 'number' }).notNull(),
    userReads: bigint('user_reads', { mode: 'number' }).notNull(),
    costMicroUsd: bigint('cost_micro_usd', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.guildId] })],
);

/**
 * A member's Discord Linked Roles connection: the Discord OAuth2 tokens
 * (scope role_connections.write) the bot pushes their X metadata with, sealed
 * like X's tokens. 'reconnect' once Discord refused to refresh them: the
 * member must connect again from the server's Linked Roles menu.
 */
export const discordConnections = pgTable('discord_connections', {
  discordUserId: text('discord_user_id').primaryKey(),
  accessTokenSealed: text('access_token_sealed').notNull(),
  refreshTokenSealed: text('refresh_token_sealed').notNull(),
  keyId: text('key_id').notNull(),
  /** When Discord's access token expires (ms). */
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  status: text('status', { enum: ['active', 'reconnect'] })
    .notNull()
    .default('active'),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});
export type DiscordConnection = typeof discordConnections.$inferSelect;

/**
 * Linked Roles connections the bot has forgotten (unlink, or the member's X
 * account linked by someone else) whose metadata Discord must still be told
 * to clear. A row is the forgotten connection's sealed tokens, moved here in
 * the transaction that forgets it, and is retried until Discord confirms the
 * clear or refuses the tokens (see role-connections/role-clears.ts).
 */
export const pendingRoleClears = pgTable(
  'pending_role_clears',
  {
    id: serial('id').primaryKey(),
    discordUserId: text('discord_user_id').notNull(),
    /** Sealed as in discord_connections (context: the member's id), so a row is the connection moved as it was. */
    accessTokenSealed: text('access_token_sealed').notNull(),
    refreshTokenSealed: text('refresh_token_sealed').notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    attempts: bigint('attempts', { mode: 'number' }).notNull().default(0),
    nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('pending_role_clears_due_idx').on(t.nextAttemptAt)],
);
export type PendingRoleClear = typeof pendingRoleClears.$inferSelect;

/**
 * Discord OAuth2 `state` values /linked-role handed out that have come back
 * in a callback: recorded only then (a state is signed by the bot and bound to
 * the browser, so opening a sign-in stores nothing), to refuse a second use
 * until the state has expired anyway. Only hashes are stored.
 */
export const roleConnectionStates = pgTable(
  'role_connection_states',
  {
    stateHash: text('state_hash').primaryKey(),
    browserHash: text('browser_hash').notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('role_connection_states_expiry_idx').on(t.expiresAt)],
);

/** See schema.ts. */
export const reportViews = pgTable(
  'report_views',
  {
    id: text('id').primaryKey(),
    discordUserId: text('discord_user_id').notNull(),
    xUserId: text('x_user_id').notNull(),
    linkedAt: bigint('linked_at', { mode: 'number' }).notNull(),
    guildId: text('guild_id'),
    days: bigint('days', { mode: 'number' }).notNull(),
    timeZone: text('time_zone').notNull(),
    public: boolean('public').notNull(),
    render: text('render').notNull(),
    sharedAt: bigint('shared_at', { mode: 'number' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('report_views_user_idx').on(t.discordUserId), index('report_views_created_idx').on(t.createdAt)],
);

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
