// What reports keep, as they need it: what was read from X, the record of
// every run (the queue, budgets and cooldowns read it), admissions, the
// views whose buttons may be pressed, and members' time zones. Each engine
// (storage/sqlite, storage/postgres) implements these.

import type { BudgetFacts } from '../budget/budget.js';
import { billingDay } from '../budget/pricing.js';
import type { reportRuns, reportViews } from '../db/schema.js';
import type { LinkOwner } from '../linking/stores.js';
import type { Usage } from '../twitter/v2-client.js';
import type { XPost, XUserProfile } from '../twitter/v2-types.js';
import type { Span } from './coverage.js';
import type { ClaimedRun } from './queue/report-job.js';
import type { StoredPost } from './stored-post.js';

export type Source = 'timeline' | 'mentions';

/** What storing a page found of its posts already stored (see savePosts). */
export interface SavedPage {
  /**
   * Stored already the same UTC day by another read: X does not bill them
   * again. Whichever read stored a post first counted it, though a read that
   * began later may store first (it began later, its page came back sooner).
   */
  paidToday: number;
  /**
   * Stored by this very read already (same read time): only a report taken
   * over after a crash reads a post twice, and it counted the post the first time.
   */
  sameRead: number;
  /** The spans now stored, when the page's coverage was recorded with it. */
  spans?: Span[];
}

/** Which stored posts a report shows: a source's posts from `from` to `to`. */
export interface PostWindow {
  xUserId: string;
  source: Source;
  from: number;
  to: number;
}

/** The member unlinked (or relinked) while a report was running: what it read is not kept. */
export class LinkGoneError extends Error {
  constructor() {
    super('the link this report was made for is gone');
    this.name = 'LinkGoneError';
  }
}

/**
 * How many of a page's posts, by when each was last stored, X already billed
 * today, and this read stored already; `countedBefore`: posts the read took
 * off its usage already, when the page arrived (see CountedPages), not to be
 * taken off twice.
 */
export function savedPage(
  seen: ReadonlyArray<{ id: string; at: number }>,
  fetchedAt: number,
  countedBefore: ReadonlySet<string> = new Set(),
): SavedPage {
  const today = billingDay(fetchedAt);
  return {
    // A post this run counted in an earlier attempt is taken off once already (see CountedPages), whoever stored it since.
    paidToday: seen.filter((row) => billingDay(row.at) === today && row.at !== fetchedAt && !countedBefore.has(row.id)).length,
    sameRead: seen.filter((row) => row.at === fetchedAt && !countedBefore.has(row.id)).length,
  };
}

/** What the bot keeps of what it read from X, so repeat reports read only what is new: posts, how much of each timeline is stored, and profiles. */
export interface PostStore {
  /**
   * The same store for one report: each write first checks, in its own
   * transaction, that the link the report was admitted under still stands,
   * so an unlink racing a report cannot be undone by the report's writes.
   */
  forLink(owner: LinkOwner): PostStore;
  /** Whether the link a report was admitted under still stands. Prepared once: every write of every page asks. */
  linkStands(owner: LinkOwner): Promise<boolean>;
  /** The spans of this timeline stored in full, oldest first. */
  coverage(xUserId: string, source: Source): Promise<Span[]>;
  /**
   * Records a span just read, merged with those stored, in one transaction:
   * the stored spans are read afresh, so a change made meanwhile (retention
   * trimming old spans) is kept rather than overwritten. Returns the spans now
   * stored, oldest first.
   */
  addCoverage(xUserId: string, source: Source, span: Span): Promise<Span[]>;
  /** When the posts younger than the refresh horizon were last read again (0: never). */
  refreshedAt(xUserId: string, source: Source): Promise<number>;
  markRefreshed(xUserId: string, source: Source, at: number): Promise<void>;
  /**
   * The newest stored post id created from `from` to `to`: where a since_id
   * read continues. Ordered by time first (the time index serves it), then by
   * id as big numbers order: by length, then text.
   */
  newestId(xUserId: string, source: Source, from: number, to: number): Promise<string | undefined>;
  /** The stored posts in a window. */
  postsIn(window: PostWindow): Promise<StoredPost[]>;
  posts(xUserId: string, source: Source, from: number, to: number): Promise<StoredPost[]>;
  /** How many posts are stored from `from` on. */
  countFrom(xUserId: string, source: Source, from: number): Promise<number>;
  /** Deletes stored posts from `from` to `to` that X no longer served when that stretch was read again: deleted at X. */
  forgetMissing(xUserId: string, source: Source, from: number, to: number, served: readonly string[]): Promise<void>;
  /**
   * `covered`, when given, is recorded in the same transaction: what a page
   * proves stored is never recorded without the page, nor the page without it.
   */
  /** `countedBefore`: posts the report took off its usage as the page arrived (see savedPage). */
  savePosts(
    xUserId: string,
    source: Source,
    posts: XPost[],
    fetchedAt: number,
    covered?: Span,
    countedBefore?: ReadonlySet<string>,
  ): Promise<SavedPage>;
  /**
   * The oldest stored post id created from `from` to `to`: where a read of the
   * stretch below continues (until_id), so a stretch cut off part way on is
   * read on from its last stored page, posts of that page's last second included.
   */
  oldestId(xUserId: string, source: Source, from: number, to: number): Promise<string | undefined>;
  profile(xUserId: string): Promise<{ profile: XUserProfile; fetchedAt: number } | undefined>;
  /** Stores the profile, and the day's follower count beside it (X keeps no history of it). */
  saveProfile(profile: XUserProfile, fetchedAt: number): Promise<void>;
  /** Followers per UTC day, oldest first. */
  followerSnapshots(xUserId: string): Promise<Array<{ day: string; followers: number }>>;
  /**
   * Deletes posts older than `keepMs` before `now` across every account, and
   * moves the spans up to match, so what is stored stays exactly what the
   * spans claim. Returns how many posts went. Timeline by timeline, through
   * the time index: no index on age alone, which every stored post would pay for.
   */
  prune(now: number, keepMs: number): Promise<number>;
  /**
   * Deletes what is stored for X accounts no member links any more: unlinking
   * deletes it at once, but a crash between the unlink and that deletion
   * would leave it. Returns how many accounts' data went.
   */
  forgetUnlinked(): Promise<number>;
  /** Deletes the posts, coverage, fetch state, profile and follower counts stored for an X account. */
  forgetXAccount(xUserId: string): Promise<void>;
}

export type ReportRun = typeof reportRuns.$inferInsert;

/**
 * A report is taken from the queue at most this many times: one whose making
 * kills the process (memory, a native crash) would otherwise take every
 * replica down in turn.
 */
export const MAX_CLAIMS = 3;

/** How a report ended, as finishRun records it. */
export interface RunEnd {
  outcome: string;
  durationMs: number;
  usage: Usage;
  costMicroUsd: number;
  /** The member unlinked meanwhile: the run stays for the budgets, no longer naming them. */
  anonymous: boolean;
}

/** The columns an ended run gets, on either engine: its reservation is released and its interaction token forgotten. */
export function endedRun(end: RunEnd) {
  return {
    outcome: end.outcome,
    durationMs: end.durationMs,
    upstreamRequests: end.usage.requests,
    postsRead: end.usage.postsRead,
    userReads: end.usage.userReads,
    costMicroUsd: end.costMicroUsd,
    reservedPosts: 0,
    interactionTokenSealed: null,
    countedUnstored: null,
    ...(end.anonymous ? { discordUserId: null } : {}),
  };
}

/** A report made but not delivered: when it was asked for, and its period. */
export interface Undelivered {
  startedAt: number;
  days: number;
}

/** When a running run counts as cut off (see takeInterruptedRuns). */
export interface InterruptCutOff {
  now: number;
  staleBefore: number;
  unreadyBefore: number;
}

/** A run cut off, as takeInterruptedRuns returns it (its member is told). */
export interface InterruptedRun {
  id: number;
  discordUserId: string | null;
  locale: string | null;
  startedAt: number;
  interactionTokenSealed: string | null;
}

/** The record of every report run: admitted (holding its budget reservation), queued, what it read, and how it ended. */
export interface ReportRunStore {
  /** Records an admitted report as running, holding `reservedPosts` against the budgets; returns its id. */
  startRun(run: NewRun): Promise<number>;
  /** What a report has read so far; called as each X answer arrives, even after the run ended. */
  /** Also the pages counted and not yet stored (see counted-pages.ts), in the same write. */
  updateRunUsage(runId: number, usage: Usage, costMicroUsd: number, countedUnstored?: string | null): Promise<void>;
  /** Ends a run: its reservation is released and its interaction token forgotten. */
  finishRun(runId: number, end: RunEnd): Promise<void>;
  /** A finished report reached the member neither in its message nor by direct message: their next command says so. */
  markUndelivered(runId: number, at: number): Promise<void>;
  /** The member's latest undelivered report, if any, taken so that it is said once (see markUndelivered). */
  takeUndelivered(discordUserId: string): Promise<Undelivered | undefined>;
  /** When the member's latest report was admitted (the cooldown counts from there). */
  lastRunStartedAt(discordUserId: string): Promise<number | undefined>;
  /** Whether the member has a report running that started after `since` (older ones were cut off). */
  hasRunningRun(discordUserId: string, since: number): Promise<boolean>;
  /** The member's ack went out: the run joins the queue, for any replica to claim. */
  markReady(runId: number): Promise<void>;
  /**
   * Takes up to `limit` runs from the queue, oldest first: ready, running and
   * held by no live lease (never claimed, or claimed by a replica that died).
   * One statement, so two replicas never take the same run.
   */
  claim(replica: string, now: number, leaseMs: number, limit: number): Promise<ClaimedRun[]>;
  /** The replica is alive and still running these: their leases go on. */
  extendLeases(replica: string, runIds: number[], until: number): Promise<void>;
  /** How many queued runs are ahead of this one (0: it has been claimed, or has ended). */
  queuedAhead(runId: number, now: number): Promise<number>;
  /** On SQLite one process holds the file: at its start no lease of an earlier process can still be live. */
  releaseLeases(): Promise<void>;
  /**
   * Runs that can no longer be made (marked interrupted, reservations
   * released): admitted before `staleBefore`, or taken MAX_CLAIMS times
   * already, and held by no live lease; or never queued (the member's ack
   * never went out) though admitted before `unreadyBefore`.
   */
  takeInterruptedRuns(cutOff: InterruptCutOff): Promise<InterruptedRun[]>;
  /** The member unlinked: their runs stay, anonymous, for the budgets. */
  anonymise(discordUserId: string): Promise<void>;
  /**
   * Sums finished runs admitted before `before` into monthly_usage (per month
   * and server) and deletes them. Budgets and /twitter-admin status read the
   * current month only, so runs older than the previous month are needed only
   * as totals. Returns how many runs were folded.
   */
  foldBefore(before: number): Promise<number>;
}

export interface AdmissionQuestion {
  discordUserId: string;
  guildId: string | null;
  /** Runs started before this were cut off: they no longer count as running. */
  runningSince: number;
  /** The month the budgets count. */
  monthStart: number;
  /** Whether the whole app has a cap (else its month is not summed). */
  appCapped: boolean;
}

export interface AdmissionFacts extends BudgetFacts {
  running: boolean;
  /** When the member's latest report was admitted. */
  lastStartedAt: number | undefined;
}

export type NewRun = Pick<
  ReportRun,
  'discordUserId' | 'guildId' | 'days' | 'locale' | 'startedAt' | 'reservedPosts' | 'interactionTokenSealed' | 'job'
>;
export type Verdict = { ok: false; message: string } | { ok: true; run: NewRun };
export type Admitted = { ok: false; message: string } | { ok: true; runId: number };

/**
 * Admitting a report is one step: whether the member has one running, their
 * cooldown, the budgets and what running reports hold are read, judged and
 * the new run recorded in one transaction, so two /report commands, on one
 * machine or two, never both pass a check only one of them may pass.
 */
export interface Admissions {
  /** Reads the facts, asks `decide` (pure, synchronous) and records the run it admits, all in one transaction. */
  admit(question: AdmissionQuestion, decide: (facts: AdmissionFacts) => Verdict): Promise<Admitted>;
}

/** How long a report's buttons keep working. */
export const VIEW_LIFETIME_MS = 14 * 86_400_000;

export type ReportView = typeof reportViews.$inferSelect;
export type NewReportView = Omit<ReportView, 'sharedAt'>;

/** The stored report views whose buttons a member may press: looked up by random id, answered only to their owner. */
export interface ReportViewStore {
  /** Records a view, and lets expired ones go (a report is rare enough to carry that). */
  create(view: NewReportView): Promise<void>;
  get(id: string): Promise<ReportView | undefined>;
  /** Marks the view shared; false when it already was (two presses at once share once). */
  markShared(id: string, at: number): Promise<boolean>;
  /** A share that could not be posted: the member may try again. */
  unmarkShared(id: string): Promise<void>;
  forget(discordUserId: string): Promise<void>;
}

/** Each member's time zone, as their last report used it. */
export interface ZonePreferences {
  get(discordUserId: string): Promise<string | null>;
  remember(discordUserId: string, timeZone: string, at: number): Promise<void>;
  forget(discordUserId: string): Promise<void>;
  /**
   * Deletes the zones of members who are not linked: unlinking deletes theirs
   * at once, but a crash between the unlink and that deletion would leave it.
   * Returns how many went.
   */
  forgetUnlinked(): Promise<number>;
}
