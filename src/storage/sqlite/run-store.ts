// The record of every report run: admitted (running, holding its budget
// reservation), what it read as each X answer arrived, and how it ended.
// Budgets, cooldowns and the one-report-at-a-time rule read it.

import { and, desc, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Sync } from '../../db/async-store.js';
import type { Db } from '../../db/database.js';
import { reportRuns } from '../../db/schema.js';
import type { ClaimedRun } from '../../report/queue/report-job.js';
import {
  endedRun,
  type InterruptCutOff,
  MAX_CLAIMS,
  type NewRun,
  type ReportRunStore,
  type RunEnd,
  type Undelivered,
} from '../../report/stores.js';
import type { Usage } from '../../twitter/v2-client.js';
import { newRunRow } from '../queries/run-row.js';
import { prepareQueueStatements, type QueueStatements } from './queue-statements.js';

export class SqliteRunStore implements Sync<ReportRunStore> {
  // Prepared once: the first runs on every X answer of every report, the others on the way to every /report ack.
  private readonly usageUpdate;
  private readonly lastRunQuery;
  private readonly runningQuery;
  private readonly insertRun;
  // And these on the way from every ack to the queue (see queue-statements.ts).
  private readonly queue: QueueStatements;

  constructor(private readonly db: Db) {
    this.queue = prepareQueueStatements(db);
    this.usageUpdate = db
      .update(reportRuns)
      .set({
        upstreamRequests: sql`${sql.placeholder('requests')}`,
        postsRead: sql`${sql.placeholder('postsRead')}`,
        postsRepeated: sql`${sql.placeholder('postsRepeated')}`,
        userReads: sql`${sql.placeholder('userReads')}`,
        costMicroUsd: sql`${sql.placeholder('costMicroUsd')}`,
        countedUnstored: sql`${sql.placeholder('countedUnstored')}`,
      })
      .where(eq(reportRuns.id, sql.placeholder('id')))
      .prepare();
    this.lastRunQuery = db
      .select({ startedAt: reportRuns.startedAt })
      .from(reportRuns)
      .where(eq(reportRuns.discordUserId, sql.placeholder('user')))
      .orderBy(desc(reportRuns.startedAt))
      .limit(1)
      .prepare();
    this.runningQuery = db
      .select({ id: reportRuns.id })
      .from(reportRuns)
      .where(
        and(
          eq(reportRuns.discordUserId, sql.placeholder('user')),
          eq(reportRuns.outcome, 'running'),
          gte(reportRuns.startedAt, sql.placeholder('since')),
        ),
      )
      .prepare();
    this.insertRun = db
      .insert(reportRuns)
      .values({
        discordUserId: sql.placeholder('discordUserId'),
        guildId: sql.placeholder('guildId'),
        days: sql.placeholder('days'),
        locale: sql.placeholder('locale'),
        startedAt: sql.placeholder('startedAt'),
        reservedPosts: sql.placeholder('reservedPosts'),
        interactionTokenSealed: sql.placeholder('interactionTokenSealed'),
        job: sql.placeholder('job'),
        durationMs: 0,
        upstreamRequests: 0,
        postsRead: 0,
        outcome: 'running',
      })
      .returning({ id: reportRuns.id })
      .prepare();
  }

  /** Records an admitted report as running, holding `reservedPosts` against the budgets; returns its id. */
  startRun(run: NewRun): number {
    const row = this.insertRun.get(newRunRow(run));
    if (!row) throw new Error('the report run was not recorded');
    return row.id;
  }

  /**
   * What a report has read so far, and the pages of it counted and not yet
   * stored (see counted-pages.ts), in one write; called as each X answer
   * arrives, even after the run ended.
   */
  updateRunUsage(runId: number, usage: Usage, costMicroUsd: number, countedUnstored: string | null = null): void {
    this.usageUpdate.run({
      id: runId,
      requests: usage.requests,
      postsRead: usage.postsRead,
      postsRepeated: usage.postsRepeated,
      userReads: usage.userReads,
      costMicroUsd,
      countedUnstored,
    });
  }

  /** Ends a run: its reservation is released and its interaction token forgotten. */
  finishRun(runId: number, end: RunEnd): void {
    this.db.update(reportRuns).set(endedRun(end)).where(eq(reportRuns.id, runId)).run();
  }

  /** A finished report reached the member neither in its message nor by direct message: their next command says so. */
  markUndelivered(runId: number, at: number): void {
    this.db.update(reportRuns).set({ undeliveredAt: at }).where(eq(reportRuns.id, runId)).run();
  }

  /** The member's latest undelivered report, if any, taken so that it is said once (see markUndelivered). */
  takeUndelivered(discordUserId: string): Undelivered | undefined {
    return this.db.$client.transaction(() => {
      const where = and(eq(reportRuns.discordUserId, discordUserId), sql`${reportRuns.undeliveredAt} is not null`);
      const found = this.db
        .select({ startedAt: reportRuns.startedAt, days: reportRuns.days })
        .from(reportRuns)
        .where(where)
        .orderBy(desc(reportRuns.startedAt))
        .limit(1)
        .get();
      if (found) this.db.update(reportRuns).set({ undeliveredAt: null }).where(where).run();
      return found;
    })();
  }

  /** When the member's latest report was admitted (the cooldown counts from there). */
  lastRunStartedAt(discordUserId: string): number | undefined {
    return this.lastRunQuery.get({ user: discordUserId })?.startedAt;
  }

  /** Whether the member has a report running that started after `since` (older ones were cut off). */
  hasRunningRun(discordUserId: string, since: number): boolean {
    return this.runningQuery.get({ user: discordUserId, since }) !== undefined;
  }

  /** The member's ack went out: the run joins the queue, for any replica to claim. */
  markReady(runId: number): void {
    this.queue.markReady.run({ id: runId });
  }

  /**
   * Takes up to `limit` runs from the queue, oldest first: ready, running and
   * held by no live lease (never claimed, or claimed by a replica that died).
   * One statement, so two replicas never take the same run.
   */
  claim(replica: string, now: number, leaseMs: number, limit: number): ClaimedRun[] {
    return this.queue.claim.all({ replica, now, leaseUntil: now + leaseMs, limit }).sort((a, b) => a.id - b.id);
  }

  /** The replica is alive and still running these: their leases go on. */
  extendLeases(replica: string, runIds: number[], until: number): void {
    if (runIds.length === 0) return;
    this.db
      .update(reportRuns)
      .set({ leaseUntil: until })
      .where(and(inArray(reportRuns.id, runIds), eq(reportRuns.claimedBy, replica), eq(reportRuns.outcome, 'running')))
      .run();
  }

  /** How many queued runs are ahead of this one (0: it has been claimed, or has ended). */
  queuedAhead(runId: number, now: number): number {
    const mine = this.queue.runState.get({ id: runId });
    if (mine?.outcome !== 'running' || mine.leaseUntil >= now) return 0;
    return Number(this.queue.queuedBefore.get({ id: runId, now })?.n ?? 0) + 1;
  }

  /** On SQLite one process holds the file: at its start no lease of an earlier process can still be live. */
  releaseLeases(): void {
    this.db.update(reportRuns).set({ leaseUntil: 0, claimedBy: null }).where(eq(reportRuns.outcome, 'running')).run();
  }

  /**
   * Runs that can no longer be made (marked interrupted, reservations
   * released): admitted before `staleBefore`, or taken MAX_CLAIMS times
   * already, and held by no live lease; or never queued (the member's ack
   * never went out) though admitted before `unreadyBefore`.
   */
  takeInterruptedRuns(
    cutOff: InterruptCutOff,
  ): Array<{ id: number; discordUserId: string | null; locale: string | null; startedAt: number; interactionTokenSealed: string | null }> {
    return this.db.transaction((tx) => {
      const where = and(
        eq(reportRuns.outcome, 'running'),
        or(
          and(or(lte(reportRuns.startedAt, cutOff.staleBefore), gte(reportRuns.claims, MAX_CLAIMS)), lt(reportRuns.leaseUntil, cutOff.now)),
          and(eq(reportRuns.ready, false), lte(reportRuns.startedAt, cutOff.unreadyBefore)),
        ),
      );
      const runs = tx
        .select({
          id: reportRuns.id,
          discordUserId: reportRuns.discordUserId,
          locale: reportRuns.locale,
          startedAt: reportRuns.startedAt,
          interactionTokenSealed: reportRuns.interactionTokenSealed,
        })
        .from(reportRuns)
        .where(where)
        .all();
      tx.update(reportRuns).set({ outcome: 'interrupted', reservedPosts: 0, interactionTokenSealed: null }).where(where).run();
      return runs;
    });
  }

  /** The member unlinked: their runs stay, anonymous, for the budgets. */
  anonymise(discordUserId: string): void {
    this.db.update(reportRuns).set({ discordUserId: null }).where(eq(reportRuns.discordUserId, discordUserId)).run();
  }

  /**
   * Sums finished runs admitted before `before` into monthly_usage (per month
   * and server) and deletes them. Budgets and /twitter-admin status read the
   * current month only, so runs older than the previous month are needed only
   * as totals. Returns how many runs were folded.
   */
  foldBefore(before: number): number {
    const client = this.db.$client;
    return client.transaction(() => {
      client
        .prepare(
          `insert into monthly_usage (month, guild_id, reports, upstream_requests, posts_read, user_reads, cost_micro_usd)
           select strftime('%Y-%m', started_at / 1000, 'unixepoch'), coalesce(guild_id, ''), count(*),
                  sum(upstream_requests), sum(posts_read), sum(user_reads), sum(cost_micro_usd)
           from report_runs where started_at < ? and outcome != 'running' group by 1, 2
           on conflict (month, guild_id) do update set
             reports = reports + excluded.reports,
             upstream_requests = upstream_requests + excluded.upstream_requests,
             posts_read = posts_read + excluded.posts_read,
             user_reads = user_reads + excluded.user_reads,
             cost_micro_usd = cost_micro_usd + excluded.cost_micro_usd`,
        )
        .run(before);
      return client.prepare("delete from report_runs where started_at < ? and outcome != 'running'").run(before).changes;
    })();
  }
}
