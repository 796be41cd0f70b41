// Monthly X usage, per server and month, folded from old runs.
// SQLite (the same tables as ../schema-pg/budget.ts).

import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
