// This period against the previous one, like for like, or why not and when it
// can be. Pure.

import { X_TIMELINE_CAP } from '../../twitter/v2-types.js';
import { type LocalClock, shiftDate } from '../local-time.js';
import type { StoredPost } from '../stored-post.js';
import { impressionsChange, rateChange } from './comparison-reach.js';
import { firstWholeDate, type SourceRead } from './read-span.js';
import type { Comparison, MoreCoverage, TimeSpan } from './summary-types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Posts younger than this have not collected most of their likes yet: comparisons leave them out. */
export const MATURE_HOURS = 48;

/** What the bot may read, for saying what a comparison or a fuller report would take. */
export interface ReadLimits {
  /** REPORT_MAX_POSTS: posts one report may read. */
  maxPosts: number;
  /** What X charges per post, in millionths of a dollar. */
  postMicroUsd: number;
  /** The periods a report may cover, in days. */
  periods: readonly number[];
}

export interface ComparisonInput {
  /** Stored posts reaching back over the previous span, or null when it is not stored. */
  previousPosts: StoredPost[] | null;
  /** The member's posts in the period (as read). */
  posts: StoredPost[];
  period: { start: number; end: number; days: number };
  clock: LocalClock;
  read: SourceRead;
  limits: ReadLimits;
}

/**
 * The previous span: as long as this period so far and at the same position in
 * the day. It begins `days` local days before the period and ends at the
 * same time after its local midnight as now is after today's.
 */
export function previousSpan(clock: LocalClock, period: { start: number; end: number; days: number }): TimeSpan {
  const today = clock.parts(period.end).date;
  const sinceMidnight = period.end - clock.startOf(today);
  return { from: clock.daysBefore(period.start, period.days), to: clock.startOf(shiftDate(today, -period.days)) + sinceMidnight };
}

const within = (p: StoredPost, span: TimeSpan) => p.createdAt >= span.from && p.createdAt <= span.to;
const change = (now: number, before: number): number | null => (before === 0 ? null : (now - before) / before);

export function compare(input: ComparisonInput): Comparison {
  const { period, clock } = input;
  const current = { from: period.start, to: period.end };
  const previous = previousSpan(clock, period);
  const now = input.posts.filter((p) => within(p, current));
  if (input.read.cut !== null || input.read.storedFrom > period.start) {
    return { available: false, previous, reason: 'period-partial', readBy: null, from: whenStored(input, now.length, 2) };
  }
  if (input.previousPosts === null || input.read.storedFrom > previous.from) {
    return {
      available: false,
      previous,
      reason: 'not-stored',
      readBy: longerRead(input, now.length, previous),
      from: whenStored(input, now.length, 2),
    };
  }
  const before = input.previousPosts.filter((p) => within(p, previous));
  const mature = (list: StoredPost[], span: TimeSpan) =>
    list.filter((p) => p.kind !== 'repost' && p.createdAt <= span.to - MATURE_HOURS * HOUR && p.createdAt >= span.from);
  const likesPer = (list: StoredPost[]) => list.reduce((sum, p) => sum + p.likes, 0) / list.length;
  const matureNow = mature(now, current);
  const matureBefore = mature(before, previous);
  return {
    available: true,
    current,
    previous,
    posts: { now: now.length, before: before.length, change: change(now.length, before.length) },
    likesPerPost:
      matureNow.length > 0 && matureBefore.length > 0
        ? {
            now: likesPer(matureNow),
            before: likesPer(matureBefore),
            change: change(likesPer(matureNow), likesPer(matureBefore)),
            matureHours: MATURE_HOURS,
          }
        : null,
    impressions: impressionsChange(matureNow, matureBefore, MATURE_HOURS),
    rate: rateChange(matureNow, matureBefore, MATURE_HOURS),
  };
}

/** Posts per day in the span read, for estimates; 0 when nothing was read. */
function dailyRate(input: ComparisonInput, postsRead: number): number {
  const from = Math.max(input.period.start, input.read.storedFrom);
  return postsRead / Math.max(1 / 24, (input.period.end - from) / DAY);
}

/**
 * The shortest longer report whose period reaches back over the previous span,
 * if its read would get there within the caps: it reads newest first from
 * where the stored span begins, at most maxPosts, and X serves only the
 * 3,200 most recent posts.
 */
function longerRead(
  input: ComparisonInput,
  postsRead: number,
  previous: TimeSpan,
): { days: number; posts: number; costMicroUsd: number } | null {
  const { limits, period } = input;
  const days = limits.periods.find((p) => p >= 2 * period.days);
  if (days === undefined) return null;
  const rate = dailyRate(input, postsRead);
  const missing = Math.ceil((rate * (input.read.storedFrom - previous.from)) / DAY);
  const sinceNow = Math.ceil((rate * (period.end - previous.from)) / DAY);
  if (missing > limits.maxPosts || sinceNow > X_TIMELINE_CAP) return null;
  return { days, posts: missing, costMicroUsd: missing * limits.postMicroUsd };
}

/**
 * When the stored span will reach back `lengths` periods from a report's
 * start, if reports keep reading the timeline often enough that each read of
 * new posts stays within maxPosts (the bot keeps what it reads, so the span
 * grows forward). Null when even a daily report could not keep up.
 */
export function whenStored(input: ComparisonInput, postsRead: number, lengths: number): { date: string; everyDays: number } | null {
  const rate = dailyRate(input, postsRead);
  const everyDays = rate > 0 ? Math.min(input.period.days, Math.floor(input.limits.maxPosts / rate)) : input.period.days;
  if (everyDays < 1) return null;
  const first = firstWholeDate(input.clock, input.read.storedFrom);
  return { date: shiftDate(first, lengths * input.period.days - 1), everyDays };
}

/** How a later report could cover the whole period, when this one covers only part of it. */
export function moreCoverage(input: ComparisonInput, postsRead: number): MoreCoverage | null {
  if (input.read.cut === null) return null;
  if (input.read.cut === 'budget') return { how: 'next-month' };
  const onward = input.read.cut === 'max-posts' ? readOn(input, postsRead) : null;
  if (onward) return onward;
  const when = whenStored(input, postsRead, 1);
  return when && { how: 'keep-reporting', ...when };
}

/**
 * What the next reports would read below a per-report cut to cover the whole
 * period: the posts missing back to its start at the rate read, in reports of
 * at most maxPosts each. Null when X's 3,200-post cap would stop them first
 * (then only reading forward helps, see whenStored).
 */
function readOn(input: ComparisonInput, postsRead: number): MoreCoverage | null {
  const { limits, period } = input;
  const rate = dailyRate(input, postsRead);
  const missing = Math.ceil((rate * (input.read.storedFrom - period.start)) / DAY);
  const sinceNow = Math.ceil((rate * (period.end - period.start)) / DAY);
  if (missing <= 0 || sinceNow > X_TIMELINE_CAP) return null;
  return {
    how: 'read-on',
    posts: missing,
    reports: Math.ceil(missing / limits.maxPosts),
    maxPosts: limits.maxPosts,
    costMicroUsd: missing * limits.postMicroUsd,
  };
}
