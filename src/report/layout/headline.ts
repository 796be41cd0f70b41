// The headline row: at most five numbers, each with its change against the
// previous like-for-like period, or the reason there is none. One function
// per figure, reading only the summary's comparison (impressions and the
// rate come from comparison-reach.ts).

import type { Catalog } from '../../text/catalog.js';
import { LocalClock } from '../local-time.js';
import { MATURE_HOURS } from '../summary/comparison.js';
import type { ReportSummary } from '../summary/summary.js';

export const HEADLINE_MAX = 5;

export interface Figure {
  /** Stable name, for tests and for the order. */
  key: 'impressions' | 'rate' | 'followers' | 'posts' | 'likesPerPost';
  label: string;
  /** The number as shown; the catalog's "none" mark when there is none. */
  value: string;
  /** Its change ("+12% vs previous 30 days"), or why there is none. */
  note: string;
}

type FigureOf = (t: Catalog, s: ReportSummary) => Figure | null;

/**
 * A figure without a change says so briefly: not compared yet (why is said once, under the row, see
 * headlineReason), or, when the previous span is stored but the summary does not compare this figure, this period only.
 */
const noChange = (t: Catalog, s: ReportSummary) =>
  s.comparison.available ? t.reportView.headline.thisPeriodOnly : t.reportView.headline.notCompared;

/**
 * The one sentence under the headline: what the changes compare with (the same span one period earlier), or why
 * nothing could be compared and when it can be.
 */
export function headlineReason(t: Catalog, s: ReportSummary): string {
  const c = s.comparison;
  const clock = new LocalClock(s.timeZone);
  const previous = `${clock.stamp(c.previous.from)} → ${clock.stamp(c.previous.to)}`;
  if (c.available) return t.reportView.headline.comparedWith(previous);
  return t.report.noComparison(s.period.days, previous, c.reason, c.readBy, c.from);
}

const impressions: FigureOf = (t, s) => {
  const h = t.reportView.headline;
  const i = s.engagement.impressions;
  if (!i) return { key: 'impressions', label: h.impressions, value: h.none, note: h.noImpressions };
  const c = s.comparison.available ? s.comparison.impressions : null;
  // Compared over posts old enough in both spans, as likes per post: said so, since the total shown includes young posts.
  const note = !s.comparison.available
    ? noChange(t, s)
    : c === null
      ? h.noMatureImpressions(MATURE_HOURS)
      : c.change !== null
        ? h.matureChange(c.change, s.period.days, c.matureHours)
        : h.unchangedFrom(h.count(c.before), s.period.days);
  return { key: 'impressions', label: h.impressions, value: h.count(i.total), note };
};

const rate: FigureOf = (t, s) => {
  const h = t.reportView.headline;
  const r = s.engagement.rate;
  if (!r) return { key: 'rate', label: h.rate, value: h.none, note: h.noImpressions };
  // Said which rate it is: X's own (engagements ÷ impressions) or the public interactions ÷ impressions.
  const label = r.basis === 'x-engagements' ? h.xRate : h.rate;
  const c = s.comparison.available ? s.comparison.rate : null;
  // X's own rate cannot be compared: X keeps private engagements 30 days, so the previous span never has them.
  const note = !s.comparison.available
    ? noChange(t, s)
    : r.basis === 'x-engagements'
      ? h.xRateNotCompared
      : c === null
        ? h.noMatureImpressions(MATURE_HOURS)
        : h.pointsChange(c.points, s.period.days, c.matureHours);
  return { key: 'rate', label, value: h.percent(r.value), note };
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
  const c = s.comparison;
  // A count cut by a cap is a lower bound, and says so.
  const value = `${h.count(s.activity.total)}${s.coverage.posts.lowerBound ? '+' : ''}`;
  const note = !c.available
    ? noChange(t, s)
    : c.posts.change !== null
      ? h.change(c.posts.change, days)
      : h.unchangedFrom(h.count(c.posts.before), days);
  return { key: 'posts', label: h.posts, value, note };
};

const likesPerPost: FigureOf = (t, s) => {
  const h = t.reportView.headline;
  const days = s.period.days;
  const compared = s.comparison.available ? s.comparison.likesPerPost : null;
  if (compared) {
    const note = compared.change !== null ? h.change(compared.change, days) : h.unchangedFrom(h.perPost(compared.before), days);
    return { key: 'likesPerPost', label: h.likesPerPost, value: h.perPost(compared.now), note };
  }
  if (s.engagement.ownPosts === 0) return { key: 'likesPerPost', label: h.likesPerPost, value: h.none, note: noChange(t, s) };
  return { key: 'likesPerPost', label: h.likesPerPost, value: h.perPost(s.engagement.perPost.likes), note: noChange(t, s) };
};

const FIGURES: readonly FigureOf[] = [impressions, rate, followers, posts, likesPerPost];

export function headline(t: Catalog, s: ReportSummary): Figure[] {
  return FIGURES.map((f) => f(t, s))
    .filter((f): f is Figure => f !== null)
    .slice(0, HEADLINE_MAX);
}
