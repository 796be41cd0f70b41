// Monthly X usage, per server and month, folded from old runs.
// PostgreSQL (the same tables as ../schema/budget.ts).

import { bigint, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

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
