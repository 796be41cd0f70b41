// What reports read from X per month, for the budgets: sums over report_runs,
// counting what running reports still hold as reserved.

import { and, eq, gte, sql } from 'drizzle-orm';
import type { MonthlyUsage, UsageStore } from '../../budget/stores.js';
import type { Sync } from '../../db/async-store.js';
import type { Db } from '../../db/database.js';
import { reportRuns } from '../../db/schema.js';
import { monthlyUsage, usageSums } from '../queries/usage-sums.js';

export class SqliteUsageStore implements Sync<UsageStore> {
  // Prepared once, one per shape: they run on the way to every /report ack where a cap applies.
  private readonly appQuery;
  private readonly guildQuery;

  constructor(private readonly db: Db) {
    this.appQuery = this.prepare(false);
    this.guildQuery = this.prepare(true);
  }

  /**
   * Requests and posts read for reports since `from`, in one server or (no
   * guildId) the whole app, and what running reports may still read
   * (their reservation less what they have read).
   */
  postsReadSince(from: number, guildId?: string): MonthlyUsage {
    const row = (guildId === undefined ? this.appQuery : this.guildQuery).get({ from, guildId: guildId ?? '' });
    return monthlyUsage(row);
  }

  private prepare(byGuild: boolean) {
    const since = gte(reportRuns.startedAt, sql.placeholder('from'));
    return this.db
      .select(usageSums(reportRuns, 'max'))
      .from(reportRuns)
      .where(byGuild ? and(since, eq(reportRuns.guildId, sql.placeholder('guildId'))) : since)
      .prepare();
  }
}
