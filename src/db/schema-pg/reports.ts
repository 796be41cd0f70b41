// Reports: each run (the queue and its record), the buttons' views, members' time zones.
// PostgreSQL (the same tables as ../schema/reports.ts).

import { bigint, boolean, index, pgTable, serial, text } from 'drizzle-orm/pg-core';

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
    /** Of posts_read, those X had billed already that UTC day (another read stored them): not billed again. */
    postsRepeated: bigint('posts_repeated', { mode: 'number' }).notNull().default(0),
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
