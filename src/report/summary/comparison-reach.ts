// The reach figures of a like-for-like comparison: impressions and the
// engagement rate of own posts old enough to have collected most of their
// views (see MATURE_HOURS), in this span and the previous one. Only the
// public basis (likes, reposts, replies, quotes and bookmarks ÷ impressions)
// is compared: X gives its private engagements for posts of the last 30 days
// only, so a previous span never has them. Pure.

import type { StoredPost } from '../stored-post.js';
import { engagementOf } from './summary-engagement.js';
import type { ImpressionsChange, RateChange } from './summary-types.js';

const withImpressions = (posts: StoredPost[]) => posts.filter((p) => (p.impressions ?? 0) > 0);
const impressionsOf = (posts: StoredPost[]) => posts.reduce((n, p) => n + (p.impressions ?? 0), 0);
const interactionsOf = (posts: StoredPost[]) => posts.reduce((n, p) => n + engagementOf(p), 0);

/** Null when either span has no mature own post with an impression count: nothing to compare. */
export function impressionsChange(now: StoredPost[], before: StoredPost[], matureHours: number): ImpressionsChange | null {
  const a = withImpressions(now);
  const b = withImpressions(before);
  if (a.length === 0 || b.length === 0) return null;
  const [n, p] = [impressionsOf(a), impressionsOf(b)];
  return { now: n, before: p, change: p === 0 ? null : (n - p) / p, matureHours };
}

export function rateChange(now: StoredPost[], before: StoredPost[], matureHours: number): RateChange | null {
  const a = withImpressions(now);
  const b = withImpressions(before);
  if (a.length === 0 || b.length === 0) return null;
  const rate = (posts: StoredPost[]) => interactionsOf(posts) / impressionsOf(posts);
  return { now: rate(a), before: rate(b), points: rate(a) - rate(b), matureHours };
}
