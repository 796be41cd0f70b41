// The headline row's impressions and engagement rate: each with its change
// against the same span one period earlier (over own posts old enough to have
// most of their views, in both spans), or why there is none.

import { describe, expect, it } from 'vitest';
import { headline } from '../../../src/report/layout/headline.js';
import { summarise } from '../../../src/report/summary/summary.js';
import { en } from '../../../src/text/catalog.js';
import { PERIOD, PROFILE, post } from '../fixtures.js';

const DAY = 86_400_000;
// This week: two posts old enough (from 2026-11-21 12:00 back), one too young to compare.
const now = [
  post({ at: '2026-11-17T10:00:00.000Z', likes: 10, impressions: 1000 }),
  post({ at: '2026-11-19T10:00:00.000Z', likes: 5, replies: 5, impressions: 500 }),
  post({ at: '2026-11-22T10:00:00.000Z', likes: 0, impressions: 9999 }),
];
// The same span a week earlier (to 2026-11-16 12:00; old enough to 2026-11-14 12:00).
const before = [
  post({ at: '2026-11-10T10:00:00.000Z', likes: 6, impressions: 600 }),
  post({ at: '2026-11-12T10:00:00.000Z', likes: 4, impressions: 400 }),
];

function figures(posts = [...now, ...before], audience: 'private' | 'public' = 'public') {
  const from = PERIOD.start - 14 * DAY;
  const s = summarise({
    profile: PROFILE,
    posts,
    mentions: [],
    previousPosts: posts,
    period: PERIOD,
    timeZone: 'UTC',
    read: { posts: { storedFrom: from, cut: null }, mentions: { storedFrom: from, cut: null } },
    limits: { maxPosts: 1000, postMicroUsd: 5000, periods: [7, 30, 90] },
    audience,
    refreshHorizonHours: 48,
  });
  return Object.fromEntries(headline(en, s).map((f) => [f.key, f]));
}

describe('headline impressions and rate', () => {
  it('compares impressions and the rate over posts two days old or more in both spans', () => {
    const f = figures();
    // Shown: every post's impressions; compared: 1,500 (old enough this week) against 1,000.
    expect(f.impressions).toMatchObject({ value: '11,499', note: '+50% vs previous 7 days (posts 2+ days old)' });
    // Rate shown over all posts with views: 20 ÷ 11,499; compared: 20 ÷ 1,500 = 1.33% against 10 ÷ 1,000 = 1.00%.
    expect(f.rate).toMatchObject({ value: '0.2%', note: '+0.3 pts vs previous 7 days (posts 2+ days old)' });
  });

  it('says why not when a span has no view counts, and never a false ±', () => {
    const noViews = before.map((p) => ({ ...p, impressions: null }));
    const f = figures([...now, ...noViews]);
    expect(f.impressions!.note).toBe('not compared: no view counts on posts 2+ days old in both spans');
    expect(f.rate!.note).toBe('not compared: no view counts on posts 2+ days old in both spans');
    // The same rate in both spans is ±0.0 pts, never −0.0.
    const same = figures([
      post({ at: '2026-11-17T10:00:00.000Z', likes: 1, impressions: 100 }),
      post({ at: '2026-11-10T10:00:00.000Z', likes: 3, impressions: 300 }),
    ]);
    expect(same.rate!.note).toBe('±0.0 pts vs previous 7 days (posts 2+ days old)');
    expect(same.impressions!.note).toBe('−67% vs previous 7 days (posts 2+ days old)');
  });

  it('does not compare X’s own engagement rate: X keeps its private engagements 30 days, so the previous span never has them', () => {
    const withX = now.map((p) => ({
      ...p,
      privateMetrics: { impression_count: p.impressions ?? 0, user_profile_clicks: 1, url_link_clicks: 0, engagements: 50 },
    }));
    const f = figures([...withX, ...before], 'private');
    expect(f.rate).toMatchObject({ label: 'engagement rate (X analytics)', note: 'not compared: X gives these for 30 days only' });
    // Impressions still compare on the public counts.
    expect(f.impressions!.note).toBe('+50% vs previous 7 days (posts 2+ days old)');
  });
});
