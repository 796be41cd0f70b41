// What a report reads from X, three reads side by side so the wall time is
// that of the longest: the timeline, the mentions (within their share of the
// allowance) and the profile. The first to fail stops the others (settleAll).

import { splitAllowance } from '../../budget/budget.js';
import type { ReportLimits } from '../../config/env.js';
import type { LinkedAccount } from '../../db/schema.js';
import type { XV2Client } from '../../twitter/v2-client.js';
import type { CpuLane } from '../lanes/cpu-lane.js';
import type { PageGate } from '../lanes/page-gate.js';
import { reportPeriod } from '../local-time.js';
import type { ProfileForReport, ProfileReader } from '../profile/profile-reader.js';
import type { CountedPages } from '../read/counted-pages.js';
import { settleAll } from '../read/settle-all.js';
import { type ReadResult, readSource } from '../read/timeline-reader.js';
import type { PostStore } from '../stores.js';

const HOUR = 3_600_000;
/** Reads of a report that ask X in turn with other reports' (the profile's one request is not held back). */
export const READS_ASKING_X = 2;

/** What every running report shares: one lane to store pages in, and gates for pages held and requests waiting. */
export interface ReadLanes {
  /** Every report's pages are stored through this one lane: a page per turn of the event loop, after any waiting ack. */
  pageLane: CpuLane;
  /** Every report's pages are held within this gate, from reading their bodies until stored (memory). */
  pageGate: PageGate;
  /** Every report's requests waiting on X are within this gate (sockets). */
  askGate: PageGate;
}

/** One report's reads: whose, over which period, within what. */
export interface ReadsFor {
  runId: number;
  account: LinkedAccount;
  /** The report's moment: its period ends here. */
  startedAt: number;
  days: number;
  timeZone: string;
  allowance: number | null;
  refreshProfile: boolean;
  /** The member's client, counting into the report's usage and stopped by the report's deadline. */
  client: XV2Client;
  /** The post store of the member's link (see PostStore.forLink). */
  store: PostStore;
  counted: CountedPages;
  controller: AbortController;
}

export interface ReportReads {
  timeline: ReadResult;
  mentions: ReadResult | null;
  profile: ProfileForReport;
  periodStart: number;
  previousStart: number;
  /** The allowance as split between posts and mentions. */
  share: ReturnType<typeof splitAllowance>;
}

export async function readForReport(
  of: ReadsFor,
  deps: { lanes: ReadLanes; limits: ReportLimits; profiles: ProfileReader },
): Promise<ReportReads> {
  const { lanes, limits } = deps;
  const { client, store, account, startedAt, runId } = of;
  const { start: periodStart, previousStart } = reportPeriod(startedAt, of.days, of.timeZone);
  const common = {
    xUserId: account.xUserId,
    periodStart,
    now: startedAt,
    // In admission order (run ids grow with it): the first reports admitted get X's pages and the CPU first.
    inTurn: (work: () => Promise<void>) => lanes.pageLane.run(work, runId),
    gate: lanes.pageGate.for(runId),
    asking: lanes.askGate.for(runId),
    counted: of.counted,
  };
  const share = splitAllowance(of.allowance, limits.maxPosts, limits.maxMentions);
  // No mentions to read: the place kept for that read goes to the next report now.
  if (share.mentions <= 0) lanes.askGate.unreserve(runId, 1);
  const profileRead = deps.profiles.forReport(client, store, account, startedAt, of.refreshProfile);
  const lifetimePosts = profileRead.then(
    (p) => p.profile.tweetCount,
    () => undefined,
  );
  const reads = settleAll(of.controller, [
    readSource(client, store, {
      ...common,
      source: 'timeline',
      // The trend compares with the previous period, when that is stored already; it never costs a read.
      keepFrom: previousStart,
      refresh: { horizonMs: limits.refreshHours * HOUR, everyMs: limits.cacheSeconds * 1000 },
      maxPosts: share.posts,
      bound: share.postsBound,
      lifetimePosts,
    }),
    share.mentions > 0
      ? readSource(client, store, { ...common, source: 'mentions', maxPosts: share.mentions, bound: share.mentionsBound })
      : Promise.resolve(null),
    profileRead,
  ] as const);
  // A place kept and never used (nothing new to ask X) goes to the next report once reading is over.
  const [timeline, mentions, profile] = await reads.finally(() => lanes.askGate.unreserve(runId));
  return { timeline, mentions, profile, periodStart, previousStart, share };
}
