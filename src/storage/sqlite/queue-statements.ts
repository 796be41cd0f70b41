// The queue's statements on SQLite, prepared once: each /report ack marks its
// run ready, claims what free slots allow and asks its place, and in a burst
// of acks building and preparing these statements again for each was a good
// part of the ack's main-thread time.

import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { reportRuns } from '../../db/schema.js';
import { MAX_CLAIMS } from '../../report/stores.js';

/** What a claim returns of each run it takes. */
export const CLAIMED = {
  id: reportRuns.id,
  discordUserId: reportRuns.discordUserId,
  guildId: reportRuns.guildId,
  locale: reportRuns.locale,
  startedAt: reportRuns.startedAt,
  interactionTokenSealed: reportRuns.interactionTokenSealed,
  job: reportRuns.job,
  upstreamRequests: reportRuns.upstreamRequests,
  postsRead: reportRuns.postsRead,
  postsRepeated: reportRuns.postsRepeated,
  userReads: reportRuns.userReads,
  countedUnstored: reportRuns.countedUnstored,
};

/** Queued: running, ready, and held by no live lease. */
const queued = (now: ReturnType<typeof sql.placeholder>) =>
  and(eq(reportRuns.outcome, 'running'), eq(reportRuns.ready, true), lt(reportRuns.leaseUntil, now));

export function prepareQueueStatements(db: Db) {
  const now = sql.placeholder('now');
  const claimable = db
    .select({ id: reportRuns.id })
    .from(reportRuns)
    .where(and(queued(now), lt(reportRuns.claims, MAX_CLAIMS)))
    .orderBy(asc(reportRuns.id))
    .limit(sql.placeholder('limit'));
  return {
    markReady: db
      .update(reportRuns)
      .set({ ready: true })
      .where(and(eq(reportRuns.id, sql.placeholder('id')), eq(reportRuns.outcome, 'running')))
      .prepare(),
    claim: db
      .update(reportRuns)
      .set({
        claimedBy: sql`${sql.placeholder('replica')}`,
        leaseUntil: sql`${sql.placeholder('leaseUntil')}`,
        claims: sql`${reportRuns.claims} + 1`,
      })
      .where(inArray(reportRuns.id, claimable))
      .returning(CLAIMED)
      .prepare(),
    runState: db
      .select({ leaseUntil: reportRuns.leaseUntil, outcome: reportRuns.outcome })
      .from(reportRuns)
      .where(eq(reportRuns.id, sql.placeholder('id')))
      .prepare(),
    queuedBefore: db
      .select({ n: sql<number>`count(*)` })
      .from(reportRuns)
      .where(and(queued(now), lt(reportRuns.id, sql.placeholder('id'))))
      .prepare(),
  };
}

export type QueueStatements = ReturnType<typeof prepareQueueStatements>;
