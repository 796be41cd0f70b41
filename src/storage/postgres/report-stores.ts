// Report runs, their admission and the month's usage on PostgreSQL (see
// report/run-store.ts, report/admissions.ts, budget/usage-store.ts).

import { and, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { MonthlyUsage, UsageStore } from '../../budget/stores.js';
import { allowMaintenanceTime, type PgDb, type PgRunner } from '../../db/postgres.js';
import { guildSettings, reportRuns } from '../../db/schema-pg.js';
import type { ClaimedRun } from '../../report/queue/report-job.js';
import type { AdmissionFacts, AdmissionQuestion, Admissions, Admitted, NewRun, Verdict } from '../../report/stores.js';
import {
  endedRun,
  type InterruptCutOff,
  type InterruptedRun,
  MAX_CLAIMS,
  type ReportRunStore,
  type RunEnd,
  type Undelivered,
} from '../../report/stores.js';
import type { Usage } from '../../twitter/v2-client.js';
import { newRunRow } from '../queries/run-row.js';
import { monthlyUsage, usageSums } from '../queries/usage-sums.js';

async function startRun(db: PgRunner, run: NewRun): Promise<number> {
  const [row] = await db
    .insert(reportRuns)
    .values({
      ...newRunRow(run),
      durationMs: 0,
      upstreamRequests: 0,
      postsRead: 0,
      outcome: 'running',
    })
    .returning({ id: reportRuns.id });
  if (!row) throw new Error('the report run was not recorded');
  return row.id;
}

async function postsReadSince(db: PgRunner, from: number, guildId?: string): Promise<MonthlyUsage> {
  const since = gte(reportRuns.startedAt, from);
  const [row] = await db
    .select(usageSums(reportRuns, 'greatest'))
    .from(reportRuns)
    .where(guildId === undefined ? since : and(since, eq(reportRuns.guildId, guildId)));
  return monthlyUsage(row);
}

async function hasRunningRun(db: PgRunner, discordUserId: string, since: number): Promise<boolean> {
  const rows = await db
    .select({ id: reportRuns.id })
    .from(reportRuns)
    .where(and(eq(reportRuns.discordUserId, discordUserId), eq(reportRuns.outcome, 'running'), gte(reportRuns.startedAt, since)))
    .limit(1);
  return rows.length > 0;
}

async function lastRunStartedAt(db: PgRunner, discordUserId: string): Promise<number | undefined> {
  const [row] = await db
    .select({ startedAt: reportRuns.startedAt })
    .from(reportRuns)
    .where(eq(reportRuns.discordUserId, discordUserId))
    .orderBy(desc(reportRuns.startedAt))
    .limit(1);
  return row?.startedAt;
}

export class PgUsageStore implements UsageStore {
  constructor(private readonly db: PgDb) {}

  postsReadSince(from: number, guildId?: string): Promise<MonthlyUsage> {
    return postsReadSince(this.db, from, guildId);
  }
}

export class PgAdmissions implements Admissions {
  constructor(private readonly db: PgDb) {}

  /**
   * As on SQLite, one transaction; here other replicas admit at the same
   * time, so it first takes advisory locks, always in the same order: the
   * member's (their running report and cooldown), then the server's and the
   * app's budget where a cap applies. Admissions that share none of these
   * run side by side.
   */
  admit(q: AdmissionQuestion, decide: (facts: AdmissionFacts) => Verdict): Promise<Admitted> {
    return this.db.transaction(async (tx) => {
      const lock = (key: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
      await lock(`admit-member:${q.discordUserId}`);
      const [settings] = q.guildId
        ? await tx.select({ cap: guildSettings.monthlyPostBudget }).from(guildSettings).where(eq(guildSettings.guildId, q.guildId))
        : [];
      const guildCap = settings?.cap ?? null;
      if (q.guildId && guildCap !== null) await lock(`admit-guild:${q.guildId}`);
      if (q.appCapped) await lock('admit-app');
      const facts: AdmissionFacts = {
        running: await hasRunningRun(tx, q.discordUserId, q.runningSince),
        lastStartedAt: await lastRunStartedAt(tx, q.discordUserId),
        guildCap,
        app: q.appCapped ? await postsReadSince(tx, q.monthStart) : null,
        guild: q.guildId && guildCap !== null ? await postsReadSince(tx, q.monthStart, q.guildId) : null,
      };
      const verdict = decide(facts);
      return verdict.ok ? { ok: true as const, runId: await startRun(tx, verdict.run) } : verdict;
    });
  }
}

export class PgRunStore implements ReportRunStore {
  constructor(private readonly db: PgDb) {}

  startRun(run: NewRun): Promise<number> {
    return startRun(this.db, run);
  }

  async updateRunUsage(runId: number, usage: Usage, costMicroUsd: number, countedUnstored: string | null = null): Promise<void> {
    await this.db
      .update(reportRuns)
      .set({
        upstreamRequests: usage.requests,
        postsRead: usage.postsRead,
        postsRepeated: usage.postsRepeated,
        userReads: usage.userReads,
        costMicroUsd,
        countedUnstored,
      })
      .where(eq(reportRuns.id, runId));
  }

  async finishRun(runId: number, end: RunEnd): Promise<void> {
    await this.db.update(reportRuns).set(endedRun(end)).where(eq(reportRuns.id, runId));
  }

  lastRunStartedAt(discordUserId: string): Promise<number | undefined> {
    return lastRunStartedAt(this.db, discordUserId);
  }

  async markUndelivered(runId: number, at: number): Promise<void> {
    await this.db.update(reportRuns).set({ undeliveredAt: at }).where(eq(reportRuns.id, runId));
  }

  async takeUndelivered(discordUserId: string): Promise<Undelivered | undefined> {
    // One statement: two replicas answering two commands at once say it once.
    const taken = await this.db
      .update(reportRuns)
      .set({ undeliveredAt: null })
      .where(and(eq(reportRuns.discordUserId, discordUserId), sql`${reportRuns.undeliveredAt} is not null`))
      .returning({ startedAt: reportRuns.startedAt, days: reportRuns.days });
    return taken.sort((a, b) => b.startedAt - a.startedAt)[0];
  }

  hasRunningRun(discordUserId: string, since: number): Promise<boolean> {
    return hasRunningRun(this.db, discordUserId, since);
  }

  async markReady(runId: number): Promise<void> {
    await this.db
      .update(reportRuns)
      .set({ ready: true })
      .where(and(eq(reportRuns.id, runId), eq(reportRuns.outcome, 'running')));
  }

  /**
   * The durable queue: FOR UPDATE SKIP LOCKED lets replicas claiming at the
   * same moment each take other runs, without waiting on one another. (A
   * library such as pg-boss would add its own tables and worker model beside
   * report_runs, which already holds each run's state, reservation and token.)
   */
  async claim(replica: string, now: number, leaseMs: number, limit: number): Promise<ClaimedRun[]> {
    const result = await this.db.execute<ClaimedRun>(sql`
      update report_runs set claimed_by = ${replica}, lease_until = ${now + leaseMs}, claims = claims + 1
      where id in (
        select id from report_runs where outcome = 'running' and ready and lease_until < ${now} and claims < ${MAX_CLAIMS}
        order by id limit ${limit} for update skip locked
      )
      returning id, discord_user_id as "discordUserId", guild_id as "guildId", locale, started_at as "startedAt",
        interaction_token_sealed as "interactionTokenSealed", job, upstream_requests as "upstreamRequests",
        posts_read as "postsRead", posts_repeated as "postsRepeated", user_reads as "userReads",
        counted_unstored as "countedUnstored"`);
    return result.rows.sort((a, b) => a.id - b.id);
  }

  async extendLeases(replica: string, runIds: number[], until: number): Promise<void> {
    if (runIds.length === 0) return;
    await this.db
      .update(reportRuns)
      .set({ leaseUntil: until })
      .where(and(inArray(reportRuns.id, runIds), eq(reportRuns.claimedBy, replica), eq(reportRuns.outcome, 'running')));
  }

  async queuedAhead(runId: number, now: number): Promise<number> {
    const [mine] = await this.db
      .select({ leaseUntil: reportRuns.leaseUntil, outcome: reportRuns.outcome })
      .from(reportRuns)
      .where(eq(reportRuns.id, runId));
    if (mine?.outcome !== 'running' || mine.leaseUntil >= now) return 0;
    const [ahead] = await this.db
      .select({ n: sql<number>`count(*)` })
      .from(reportRuns)
      .where(and(eq(reportRuns.outcome, 'running'), eq(reportRuns.ready, true), lt(reportRuns.leaseUntil, now), lt(reportRuns.id, runId)));
    return Number(ahead?.n ?? 0) + 1;
  }

  /** Never on PostgreSQL: other replicas' leases are live; a dead one's lapse by themselves. */
  async releaseLeases(): Promise<void> {}

  async takeInterruptedRuns(cutOff: InterruptCutOff): Promise<InterruptedRun[]> {
    // One statement: the rows are returned as they were (with their tokens) while the update clears them.
    const result = await this.db.execute<{
      id: number;
      discordUserId: string | null;
      locale: string | null;
      startedAt: string;
      interactionTokenSealed: string | null;
    }>(sql`
      with taken as (
        select id, discord_user_id, locale, started_at, interaction_token_sealed from report_runs
        where outcome = 'running' and (
          ((started_at <= ${cutOff.staleBefore} or claims >= ${MAX_CLAIMS}) and lease_until < ${cutOff.now})
          or (not ready and started_at <= ${cutOff.unreadyBefore})
        ) for update skip locked
      ), cleared as (
        update report_runs set outcome = 'interrupted', reserved_posts = 0, interaction_token_sealed = null
        where id in (select id from taken)
      )
      select id, discord_user_id as "discordUserId", locale, started_at as "startedAt",
             interaction_token_sealed as "interactionTokenSealed" from taken order by id`);
    return result.rows.map((r) => ({ ...r, startedAt: Number(r.startedAt) }));
  }

  async anonymise(discordUserId: string): Promise<void> {
    await this.db.update(reportRuns).set({ discordUserId: null }).where(eq(reportRuns.discordUserId, discordUserId));
  }

  async foldBefore(before: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      // Nobody waits on it, and the first fold of a large history (or another replica's, held under the lock) may be long.
      await allowMaintenanceTime(tx);
      // Every replica folds at start-up and hourly. Without the lock, a second fold whose select began before the
      // first committed would add the same runs to the month again; after it, it sees them gone.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('fold-monthly-usage'))`);
      await tx.execute(sql`
        insert into monthly_usage (month, guild_id, reports, upstream_requests, posts_read, user_reads, cost_micro_usd)
        select to_char(to_timestamp(started_at / 1000.0) at time zone 'UTC', 'YYYY-MM'), coalesce(guild_id, ''), count(*),
               sum(upstream_requests), sum(posts_read), sum(user_reads), sum(cost_micro_usd)
        from report_runs where started_at < ${before} and outcome != 'running' group by 1, 2
        on conflict (month, guild_id) do update set
          reports = monthly_usage.reports + excluded.reports,
          upstream_requests = monthly_usage.upstream_requests + excluded.upstream_requests,
          posts_read = monthly_usage.posts_read + excluded.posts_read,
          user_reads = monthly_usage.user_reads + excluded.user_reads,
          cost_micro_usd = monthly_usage.cost_micro_usd + excluded.cost_micro_usd`);
      const folded = await tx
        .delete(reportRuns)
        .where(and(lte(reportRuns.startedAt, before - 1), sql`${reportRuns.outcome} != 'running'`))
        .returning({ id: reportRuns.id });
      return folded.length;
    });
  }
}
