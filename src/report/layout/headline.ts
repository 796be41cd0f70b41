// The headline row: at most five numbers, each with its change against the
// previous like-for-like period, or the reason there is none. One function
// per figure, reading only the summary, so a figure the summary learns to
// compare (impressions, rate) needs its change added here and nowhere else.

import type { Catalog } from '../../text/catalog.js';
import type { ReportSummary } from '../summary.js';

export const HEADLINE_MAX = 5;

export interface Figure {
  /** Stable name, for tests and for the order. */
  key: 'impressions' | 'privateImpressions' | 'rate' | 'followers' | 'posts' | 'likesPerPost';
  label: string;
  /** The number as shown; the catalog's "none" mark when there is none. */
  value: string;
  /** Its change ("+12% vs previous 30 days"), or why there is none. */
  note: string;
}

type FigureOf = (t: Catalog, s: ReportSummary, showPrivate: boolean) => Figure | null;

/**
 * A figure without a change says so briefly; why (the previous period is not
 * stored) is said once, under the row (see headlineReason).
 */
const noChange = (t: Catalog, _s: ReportSummary) => t.reportView.headline.notCompared;

/** The one sentence under the headline when nothing could be compared; null when the previous period is stored. */
export function headlineReason(t: Catalog, s: ReportSummary): string | null {
  return s.trend ? null : t.report.noComparison(s.period.days);
}

const impressions: FigureOf = (t, s, showPrivate) => {
  const h = t.reportView.headline;
  const priv = s.engagement.private;
  // In a private report X's own analytics count impressions better (every view, not only those X's public count shows).
  if (showPrivate && priv) {
    return { key: 'privateImpressions', label: h.privateImpressions, value: h.count(priv.impressions), note: noChange(t, s) };
  }
  const e = s.engagement;
  if (e.impressionsPerPost === null) return { key: 'impressions', label: h.impressions, value: h.none, note: h.noImpressions };
  return { key: 'impressions', label: h.impressions, value: h.count(e.totals.impressions), note: noChange(t, s) };
};

const rate: FigureOf = (t, s) => {
  const h = t.reportView.headline;
  const r = s.engagement.rate;
  return { key: 'rate', label: h.rate, value: r === null ? h.none : h.percent(r), note: r === null ? h.noImpressions : noChange(t, s) };
};

const followers: FigureOf = (t, s) => {
  const h = t.reportView.headline;
  const g = s.followerGrowth;
  if (!g) return { key: 'followers', label: h.followers, value: h.none, note: h.noFollowerHistory };
  return {
    key: 'followers',
    label: h.followers,
    value: h.signed(g.change),
    note: g.since ? h.sinceFirstCount(g.since) : h.inPeriod(s.period.days),
  };
};

const posts: FigureOf = (t, s) => {
  const h = t.reportView.headline;
  const days = s.period.days;
  const trend = s.trend;
  const note = !trend
    ? noChange(t, s)
    : trend.postsChange !== null
      ? h.change(trend.postsChange, days)
      : h.unchangedFrom(h.count(trend.previousPosts), days);
  return { key: 'posts', label: h.posts, value: h.count(s.activity.total), note };
};

const likesPerPost: FigureOf = (t, s) => {
  const h = t.reportView.headline;
  const days = s.period.days;
  const compared = s.trend?.likesPerPost;
  if (compared) {
    const note = compared.change !== null ? h.change(compared.change, days) : h.unchangedFrom(h.perPost(compared.before), days);
    return { key: 'likesPerPost', label: h.likesPerPost, value: h.perPost(compared.now), note };
  }
  if (s.engagement.ownPosts === 0) return { key: 'likesPerPost', label: h.likesPerPost, value: h.none, note: noChange(t, s) };
  return { key: 'likesPerPost', label: h.likesPerPost, value: h.perPost(s.engagement.perPost.likes), note: noChange(t, s) };
};

const FIGURES: readonly FigureOf[] = [impressions, rate, followers, posts, likesPerPost];

export function headline(t: Catalog, s: ReportSummary, showPrivate: boolean): Figure[] {
  return FIGURES.map((f) => f(t, s, showPrivate))
    .filter((f): f is Figure => f !== null)
    .slice(0, HEADLINE_MAX);
}
