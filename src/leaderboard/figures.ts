// One member's figure for a board, from what is stored of their timeline.
// Pure. Counts what the report counts: the member's own posts (reposts are
// someone else's post), and engagement as likes, reposts, replies, quotes and
// bookmarks. A period is counted only where it is stored in full; otherwise
// the figure is unknown (null), never a partial sum passed off as the total.

import type { Span } from '../report/coverage.js';
import type { StoredPost } from '../report/stored-post.js';
import { engagementOf } from '../report/summary/summary-engagement.js';
import type { BoardMetric } from './ranking.js';

export interface StoredTimeline {
  posts: readonly StoredPost[];
  /** The spans stored in full, oldest first. */
  spans: readonly Span[];
  /** Followers per UTC day ("2026-11-23"), oldest first. */
  followers: ReadonlyArray<{ day: string; followers: number }>;
}

export interface BoardPeriod {
  start: number;
  /** The period before, of the same length: what the change is measured against. */
  previousStart: number;
  end: number;
}

/** How fresh the stored timeline is: the end of the span reaching furthest, or null when nothing is stored. */
export function storedUntil(spans: readonly Span[]): number | null {
  return spans.length ? Math.max(...spans.map((s) => s.to)) : null;
}

/** Whether [from, to] lies within one stored span. */
function covered(spans: readonly Span[], from: number, to: number): boolean {
  return spans.some((s) => s.from <= from && s.to >= to);
}

function sumOver(posts: readonly StoredPost[], metric: Exclude<BoardMetric, 'followers'>, from: number, to: number): number {
  let total = 0;
  for (const p of posts) {
    if (p.kind === 'repost' || p.createdAt < from || p.createdAt >= to) continue;
    total += metric === 'posts' ? 1 : metric === 'engagement' ? engagementOf(p) : (p.impressions ?? 0);
  }
  return total;
}

function followersOn(snapshots: StoredTimeline['followers'], at: number): number | null {
  const day = new Date(at).toISOString().slice(0, 10);
  let found: number | null = null;
  for (const s of snapshots) if (s.day <= day) found = s.followers;
  return found;
}

/**
 * The figure over the period, measured up to `asOf` (the end of what is
 * stored, at most period.end), and over the period before. Followers: the
 * count last read, and its change since the period began.
 */
export function figureFor(
  metric: BoardMetric,
  data: StoredTimeline,
  period: BoardPeriod,
): { value: number | null; previous: number | null } {
  if (metric === 'followers') {
    const now = followersOn(data.followers, period.end);
    return { value: now, previous: followersOn(data.followers, period.start - 1) };
  }
  const until = storedUntil(data.spans);
  if (until === null || !covered(data.spans, period.start, Math.min(until, period.end))) return { value: null, previous: null };
  const end = Math.min(until, period.end);
  return {
    value: sumOver(data.posts, metric, period.start, end + 1),
    previous: covered(data.spans, period.previousStart, period.start)
      ? sumOver(data.posts, metric, period.previousStart, period.start)
      : null,
  };
}
