// The whole database schema. Migrations under drizzle/sqlite/ are generated from this
// file with `npm run db:generate`; never edit them by hand. A change that must
// carry data across (0016 fills x_posts' columns from the JSON they replace)
// gets a migration of its own from `npm run db:generate -- --custom`.

import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A one-time link handed to a member by /link-twitter, until it is completed, cancelled or expires. */
export const pendingLinks = sqliteTable(
  'pending_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    createdAt: integer('created_at').notNull(),
    /** Interaction tokens die 15 minutes after the command; no edit is tried past this. */
    interactionExpiresAt: integer('interaction_expires_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('pending_links_user_idx').on(t.discordUserId), index('pending_links_expiry_idx').on(t.expiresAt)],
);

/**
 * A Discord member's linked X account. Credentials are sealed with TokenCipher.
 * One X account belongs to at most one member (unique x_user_id).
 */
export const linkedAccounts = sqliteTable(
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
    linkedAt: integer('linked_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('linked_accounts_x_user_idx').on(t.xUserId)],
);

/**
 * Access tokens to revoke at X: written in the same transaction that forgets
 * them, deleted once X confirms, retried with backoff until then, so a crash
 * or an X outage never leaves a live token nobody can revoke.
 */
export const pendingRevocations = sqliteTable(
  'pending_revocations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    xUserId: text('x_user_id').notNull(),
    /** Sealed with the row's own context (revocation:<sealId>). */
    sealId: text('seal_id').notNull().unique(),
    accessTokenSealed: text('access_token_sealed').notNull(),
    accessSecretSealed: text('access_secret_sealed').notNull(),
    createdAt: integer('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
  },
  (t) => [index('pending_revocations_due_idx').on(t.nextAttemptAt)],
);

/** Interaction ids already handled, kept while their token lives, so a replayed request is refused. */
export const handledInteractions = sqliteTable(
  'handled_interactions',
  {
    id: text('id').primaryKey(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('handled_interactions_expiry_idx').on(t.expiresAt)],
);

/** Posts read from X, kept so repeat reports read only what is new. */
export const xPosts = sqliteTable(
  'x_posts',
  {
    /** Whose timeline (or whose mentions) the post was read for. */
    xUserId: text('x_user_id').notNull(),
    source: text('source', { enum: ['timeline', 'mentions'] }).notNull(),
    id: text('id').notNull(),
    createdAt: integer('created_at').notNull(),
    fetchedAt: integer('fetched_at').notNull(),
    // What reports use of the post, and nothing else (see report/stored-post.ts).
    kind: text('kind', { enum: ['original', 'reply', 'quote', 'repost'] }).notNull(),
    repliedTo: text('replied_to'),
    authorId: text('author_id'),
    text: text('text').notNull(),
    likes: integer('likes').notNull(),
    reposts: integer('reposts').notNull(),
    replies: integer('replies').notNull(),
    quotes: integer('quotes').notNull(),
    bookmarks: integer('bookmarks').notNull(),
    impressions: integer('impressions'),
    /** Whether X sent non_public_metrics with the last read that asked for them (a later read that could not ask keeps them). */
    hasPrivate: integer('has_private', { mode: 'boolean' }).notNull(),
    privateImpressions: integer('private_impressions'),
    profileClicks: integer('profile_clicks'),
    linkClicks: integer('link_clicks'),
    engagements: integer('engagements'),
    /** Space-separated: hashtags, usernames and hosts never contain one. */
    hashtags: text('hashtags').notNull(),
    mentions: text('mentions').notNull(),
    domains: text('domains').notNull(),
    hasMedia: integer('has_media', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.xUserId, t.source, t.id] }),
    // Reports read by time; retention deletes by age timeline by timeline through it too.
    index('x_posts_time_idx').on(t.xUserId, t.source, t.createdAt),
  ],
);

/** How fresh the metrics of a timeline's stored posts are (what is stored: x_coverage). */
export const xFetchState = sqliteTable(
  'x_fetch_state',
  {
    xUserId: text('x_user_id').notNull(),
    source: text('source', { enum: ['timeline', 'mentions'] }).notNull(),
    /** When the posts younger than the refresh horizon were last read again for current metrics (0: never). */
    refreshedAt: integer('refreshed_at').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.xUserId, t.source] })],
);

/**
 * Spans of time within which every post X served is stored. A report reads
 * only what no span covers, so no post is bought twice; spans that meet are
 * merged.
 */
export const xCoverage = sqliteTable(
  'x_coverage',
  {
    xUserId: text('x_user_id').notNull(),
    source: text('source', { enum: ['timeline', 'mentions'] }).notNull(),
    coveredFrom: integer('covered_from').notNull(),
    coveredTo: integer('covered_to').notNull(),
    /** Why the read that made this span stopped at coveredFrom though asked to go further back. */
    cutReason: text('cut_reason', { enum: ['max-posts', 'x-cap', 'budget'] }),
  },
  (t) => [primaryKey({ columns: [t.xUserId, t.source, t.coveredFrom] })],
);

/** The member's X profile, cached for reports. */
export const xProfiles = sqliteTable('x_profiles', {
  xUserId: text('x_user_id').primaryKey(),
  json: text('json').notNull(),
  fetchedAt: integer('fetched_at').notNull(),
});

/**
 * Followers per X account per UTC day, from the profile reads the bot makes
 * anyway (X keeps no follower history): a report shows the change over its
 * period when the snapshots reach back that far.
 */
export const xFollowerSnapshots = sqliteTable(
  'x_follower_snapshots',
  {
    xUserId: text('x_user_id').notNull(),
    /** YYYY-MM-DD, UTC. */
    day: text('day').notNull(),
    followers: integer('followers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.xUserId, t.day] })],
);

/** The time zone a member last asked a report in: their default for the next one. Deleted on unlink. */
export const memberTimeZones = sqliteTable('member_time_zones', {
  discordUserId: text('discord_user_id').primaryKey(),
  /** An IANA name, checked before it is stored. */
  timeZone: text('time_zone').notNull(),
  updatedAt: integer('updated_at').notNull(),
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
    /** Updated as each X answer arrives, so a crash mid-report still counts what was read. */
    upstreamRequests: integer('upstream_requests').notNull(),
    postsRead: integer('posts_read').notNull(),
    /**
     * While running: the pages counted in posts_read and not yet stored (JSON id ranges, see
     * report/counted-pages.ts), written with the usage, so a takeover that reads them again counts them once.
     */
    countedUnstored: text('counted_unstored'),
    /** User objects X returned (the profile), billed apart from posts. */
    userReads: integer('user_reads').notNull().default(0),
    /** What the reads cost at the prices of the day, in millionths of a US dollar (exact sums). */
    costMicroUsd: integer('cost_micro_usd').notNull().default(0),
    /** 'running' from admission until the report ends; 'interrupted' when it could not be finished in time. */
    outcome: text('outcome').notNull(),
    /** Posts a running report may still read: held against the budgets until it ends. */
    reservedPosts: integer('reserved_posts').notNull().default(0),
    /** The member's Discord locale, for a message sent after a restart. */
    locale: text('locale'),
    /** Sealed, while running: lets whichever replica runs it edit the member's message, or tell them it was cut off. */
    interactionTokenSealed: text('interaction_token_sealed'),
    /** What to make (see report/report-job.ts), as JSON: any replica can run it from this row alone. */
    job: text('job'),
    /** Set once the member's ack went out: from then on the run is in the queue, for any replica to claim. */
    ready: integer('ready', { mode: 'boolean' }).notNull().default(false),
    /** The replica running it, and until when it holds it: a replica that dies lets its lease lapse and another claims the run. */
    claimedBy: text('claimed_by'),
    /** How many times replicas took it: one that kills every replica making it is taken only so often. */
    claims: integer('claims').notNull().default(0),
    leaseUntil: integer('lease_until').notNull().default(0),
    /** Made, but Discord took neither the report nor a direct message: the member's next command says so (then cleared). */
    undeliveredAt: integer('undelivered_at'),
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

export type PendingLink = typeof pendingLinks.$inferSelect;
export type FetchState = typeof xFetchState.$inferSelect;
/** Why a read stopped before the period start. */
export type CutReason = NonNullable<(typeof xCoverage.$inferSelect)['cutReason']>;
export type LinkedAccount = typeof linkedAccounts.$inferSelect;
export type PendingRevocation = typeof pendingRevocations.$inferSelect;
export type GuildSettings = typeof guildSettings.$inferSelect;

/** The servers the bot is in, as the gateway last told it: what a READY after an outage is compared with. */
export const botGuilds = sqliteTable('bot_guilds', {
  guildId: text('guild_id').primaryKey(),
  seenAt: integer('seen_at').notNull(),
});

/**
 * What reports read in months gone by, per server ('' for direct messages):
 * report_runs older than the current and the previous month are summed here
 * and deleted, so that table holds weeks, not years.
 */
export const monthlyUsage = sqliteTable(
  'monthly_usage',
  {
    /** 'YYYY-MM' (UTC). */
    month: text('month').notNull(),
    guildId: text('guild_id').notNull(),
    reports: integer('reports').notNull(),
    upstreamRequests: integer('upstream_requests').notNull(),
    postsRead: integer('posts_read').notNull(),
    userReads: integer('user_reads').notNull(),
    costMicroUsd: integer('cost_micro_usd').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.guildId] })],
);

/**
 * A member's Discord Linked Roles connection: the Discord OAuth2 tokens
 * (scope role_connections.write) the bot pushes their X metadata with, sealed
 * like X's tokens. 'reconnect' once Discord refused to refresh them: the
 * member must connect again from the server's Linked Roles menu.
 */
export const discordConnections = sqliteTable('discord_connections', {
  discordUserId: text('discord_user_id').primaryKey(),
  accessTokenSealed: text('access_token_sealed').notNull(),
  refreshTokenSealed: text('refresh_token_sealed').notNull(),
  keyId: text('key_id').notNull(),
  /** When Discord's access token expires (ms). */
  expiresAt: integer('expires_at').notNull(),
  status: text('status', { enum: ['active', 'reconnect'] })
    .notNull()
    .default('active'),
  updatedAt: integer('updated_at').notNull(),
});
export type DiscordConnection = typeof discordConnections.$inferSelect;

/**
 * Linked Roles connections the bot has forgotten (unlink, or the member's X
 * account linked by someone else) whose metadata Discord must still be told
 * to clear. A row is the forgotten connection's sealed tokens, moved here in
 * the transaction that forgets it, and is retried until Discord confirms the
 * clear or refuses the tokens (see role-connections/role-clears.ts).
 */
export const pendingRoleClears = sqliteTable(
  'pending_role_clears',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    discordUserId: text('discord_user_id').notNull(),
    /** Sealed as in discord_connections (context: the member's id), so a row is the connection moved as it was. */
    accessTokenSealed: text('access_token_sealed').notNull(),
    refreshTokenSealed: text('refresh_token_sealed').notNull(),
    expiresAt: integer('expires_at').notNull(),
    createdAt: integer('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
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
export const roleConnectionStates = sqliteTable(
  'role_connection_states',
  {
    stateHash: text('state_hash').primaryKey(),
    browserHash: text('browser_hash').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('role_connection_states_expiry_idx').on(t.expiresAt)],
);

/**
 * A rendered report whose buttons may be pressed. Its random id is what the
 * buttons' custom ids carry; who may press them is this row's owner, checked
 * on every press with the link it was made under. Deleted when the member
 * unlinks, and after VIEW_LIFETIME_MS.
 */
export const reportViews = sqliteTable(
  'report_views',
  {
    id: text('id').primaryKey(),
    discordUserId: text('discord_user_id').notNull(),
    /** The link it was made under: after an unlink or relink its buttons answer nothing. */
    xUserId: text('x_user_id').notNull(),
    linkedAt: integer('linked_at').notNull(),
    guildId: text('guild_id'),
    days: integer('days').notNull(),
    timeZone: text('time_zone').notNull(),
    public: integer('public', { mode: 'boolean' }).notNull(),
    /** What was shown (report/render.ts RenderJob) as JSON: Share and Export CSV read the same stored posts. */
    render: text('render').notNull(),
    /** Set by the first Share in channel: one public copy per report. */
    sharedAt: integer('shared_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('report_views_user_idx').on(t.discordUserId), index('report_views_created_idx').on(t.createdAt)],
);

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
