// The record of every report run: admitted (running, holding its budget
// reservation), what it read as each X answer arrived, and how it ended.
// Budgets, cooldowns and the one-report-at-a-time rule read it.

import { and, desc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { reportRuns } from '../db/schema.js';
import type { Usage } from '../twitter/v2-client.js';

export type ReportRun = typeof reportRuns.$inferInsert;

export class ReportRunStore {
  constructor(private readonly db: Db) {}

  /** Records an admitted report as running, holding `reservedPosts` against the budgets; returns its id. */
  startRun(
    run: Pick<ReportRun, 'discordUserId' | 'guildId' | 'days' | 'locale' | 'startedAt' | 'reservedPosts' | 'interactionTokenSealed'>,
  ): number {
    const row = this.db
      .insert(reportRuns)
      .values({ ...run, durationMs: 0, upstreamRequests: 0, postsRead: 0, outcome: 'running' })
      .returning({ id: reportRuns.id })
      .get();
    return row.id;
  }

  /** What a report has read so far; called as each X answer arrives, even after the run ended. */
  updateRunUsage(runId: number, usage: Usage, costMicroUsd: number): void {
    this.db
      .update(reportRuns)
      .set({ upstreamRequests: usage.requests, postsRead: usage.postsRead, userReads: usage.userReads, costMicroUsd })
      .where(eq(reportRuns.id, runId))
      .run();
  }

  /** Ends a run: its reservation is released and its interaction token forgotten. */
  finishRun(runId: number, end: { outcome: string; durationMs: number; usage: Usage; costMicroUsd: number; anonymous: boolean }): void {
    this.db
      .update(reportRuns)
      .set({
        outcome: end.outcome,
        durationMs: end.durationMs,
        upstreamRequests: end.usage.requests,
        postsRead: end.usage.postsRead,
        userReads: end.usage.userReads,
        costMicroUsd: end.costMicroUsd,
        reservedPosts: 0,
        interactionTokenSealed: null,
        ...(end.anonymous ? { discordUserId: null } : {}),
      })
      .where(eq(reportRuns.id, runId))
      .run();
  }

  /** When the member's latest report was admitted (the cooldown counts from there). */
  lastRunStartedAt(discordUserId: string): number | undefined {
    return this.db
      .select({ startedAt: reportRuns.startedAt })
      .from(reportRuns)
      .where(eq(reportRuns.discordUserId, discordUserId))
      .orderBy(desc(reportRuns.startedAt))
      .limit(1)
      .get()?.startedAt;
  }

  /** Whether the member has a report running that started after `since` (older ones were cut off). */
  hasRunningRun(discordUserId: string, since: number): boolean {
    return (
      this.db
        .select({ id: reportRuns.id })
        .from(reportRuns)
        .where(and(eq(reportRuns.discordUserId, discordUserId), eq(reportRuns.outcome, 'running'), gte(reportRuns.startedAt, since)))
        .get() !== undefined
    );
  }

  /** Runs a crash left 'running' (admitted at or before `before`): marked interrupted, reservations released. */
  takeInterruptedRuns(
    before: number,
  ): Array<{ id: number; discordUserId: string | null; locale: string | null; startedAt: number; interactionTokenSealed: string | null }> {
    return this.db.transaction((tx) => {
      const where = and(eq(reportRuns.outcome, 'running'), lte(reportRuns.startedAt, before));
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
}
