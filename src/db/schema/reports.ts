// Reports: each run (the queue and its record), the buttons' views, members' time zones.
// SQLite (the same tables as ../schema-pg/reports.ts).

import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
    /** Of posts_read, those X had billed already that UTC day (another read stored them): not billed again. */
    postsRepeated: integer('posts_repeated').notNull().default(0),
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
