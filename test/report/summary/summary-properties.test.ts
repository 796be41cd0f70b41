// Property-style tests of the summary on generated timelines. Every expected
// figure is computed here, from the generated posts, without the summary's
// own helpers: a steady poster shows no change at any hour in any zone; a
// capped read shows the true daily rate; totals are the sum of the posts in
// the span the report states; a capped mention read is never a total.

import { describe, expect, it } from 'vitest';
import { mention as xMention, post as xPost } from '../../../src/local-x/posts.js';
import { seeded } from '../../../src/local-x/simulated-member.js';
import { notReadColumns } from '../../../src/report/chart/chart.js';
import { reportEmbed } from '../../../src/report/layout/embed.js';
import { narrative } from '../../../src/report/layout/narrative.js';
import { reportPeriod } from '../../../src/report/local-time.js';
import { type StoredPost, toStoredPost } from '../../../src/report/stored-post.js';
import { type ReportInput, summarise } from '../../../src/report/summary/summary.js';
import { en } from '../../../src/text/catalog.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const SELF = '1456789012345678901';
const PROFILE = { id: SELF, name: 'Ada', username: 'ada' };
const LIMITS = { maxPosts: 1000, postMicroUsd: 5000, periods: [7, 30, 90] };
/** Minutes after local midnight at which the steady poster posts, every day. */
const STEADY_TIMES = [90, 495, 780, 1185, 1390];
const FOOTER = { dataAsOf: 0, usage: { requests: 1, postsRead: 1, postsRepeated: 0, userReads: 0 }, costMicroUsd: 5000 };

/** Etc/GMT zones have the sign reversed: Etc/GMT+12 is UTC−12. */
const zoneOf = (utcOffsetHours: number) =>
  utcOffsetHours === 0 ? 'UTC' : `Etc/GMT${utcOffsetHours > 0 ? '-' : '+'}${Math.abs(utcOffsetHours)}`;

/** A member posting at the same local times every day, each post with the same metrics, from `days` days back to `now`. */
function steadyPoster(now: number, utcOffsetHours: number, days: number): StoredPost[] {
  const offset = utcOffsetHours * HOUR;
  const localMidnight = Math.floor((now + offset) / DAY) * DAY - offset;
  const posts: StoredPost[] = [];
  for (let d = days; d >= 0; d--) {
    for (const [i, minutes] of STEADY_TIMES.entries()) {
      const at = localMidnight - d * DAY + minutes * MIN;
      if (at > now) continue;
      const kind = (['original', 'reply', 'original', 'quote', 'repost'] as const)[i];
      posts.push(toStoredPost(xPost({ at: new Date(at).toISOString(), kind, likes: 10 + i, reposts: 2, replies: 1, impressions: 400 })));
    }
  }
  return posts;
}

const base = (overrides: Partial<ReportInput> & Pick<ReportInput, 'posts' | 'period' | 'timeZone'>): ReportInput => ({
  profile: PROFILE,
  mentions: [],
  previousPosts: null,
  read: { posts: { storedFrom: overrides.period.start, cut: null }, mentions: { storedFrom: overrides.period.start, cut: null } },
  limits: LIMITS,
  audience: 'private',
  ...overrides,
});

describe('a steady poster (same posts, same metrics every day)', () => {
  const NOW_DAY = Date.parse('2026-11-23T00:00:00Z');

  it('shows ±0% against the previous span at every hour of the day, in every zone from UTC−12 to UTC+14', { timeout: 120_000 }, () => {
    let checked = 0;
    for (let utcOffset = -12; utcOffset <= 14; utcOffset++) {
      const zone = zoneOf(utcOffset);
      for (let hour = 0; hour < 24; hour++) {
        // `hour` o'clock and 20 minutes local time.
        const now = NOW_DAY - utcOffset * HOUR + hour * HOUR + 20 * MIN;
        const posts = steadyPoster(now, utcOffset, 70);
        for (const days of [7, 30]) {
          const { start, previousStart } = reportPeriod(now, days, zone);
          const s = summarise(
            base({
              posts,
              previousPosts: posts,
              period: { start, end: now, days },
              timeZone: zone,
              read: { posts: { storedFrom: previousStart, cut: null }, mentions: null },
            }),
          );
          // Independently: whole days before today, plus today's posts up to now.
          const today = STEADY_TIMES.filter((m) => m <= hour * 60 + 20).length;
          const expected = (days - 1) * STEADY_TIMES.length + today;
          expect(s.activity.total, `${zone} ${hour}:20 ${days}d`).toBe(expected);
          expect(s.comparison.available).toBe(true);
          if (!s.comparison.available) continue;
          expect(s.comparison.posts, `${zone} ${hour}:20 ${days}d`).toEqual({ now: expected, before: expected, change: 0 });
          expect(s.comparison.likesPerPost?.change).toBe(0);
          // Equal spans: as long as this period so far, ending at the same local time of day.
          expect(s.comparison.previous.to - s.comparison.previous.from).toBe(s.comparison.current.to - s.comparison.current.from);
          expect(s.comparison.current.to - s.comparison.previous.to).toBe(days * DAY);
          const opening = narrative(en, s);
          expect(opening).toContain(`vs ${expected} (±0%)`);
          expect(opening).not.toMatch(/[−-]0%|\+0%/);
          checked++;
        }
      }
    }
    expect(checked).toBe(27 * 24 * 2);
  });

  it('capped to its most recent posts, shows the true rate per day, over the days read, and says how much it covers', () => {
    for (const [utcOffset, cap] of [
      [0, 300],
      [-12, 333],
      [14, 52],
      [5, 7],
    ] as const) {
      const zone = zoneOf(utcOffset);
      const now = Date.parse('2026-11-23T15:47:00Z');
      const posts = steadyPoster(now, utcOffset, 400);
      const { start } = reportPeriod(now, 90, zone);
      const read = posts.filter((p) => p.createdAt >= start).slice(-cap);
      const oldest = read[0]!.createdAt;
      const s = summarise(
        base({
          posts: read,
          period: { start, end: now, days: 90 },
          timeZone: zone,
          read: { posts: { storedFrom: oldest, cut: 'max-posts' }, mentions: null },
        }),
      );
      // Each whole day read holds exactly the member's daily posts.
      if (cap >= 2 * STEADY_TIMES.length) expect(s.activity.perDay).toBe(STEADY_TIMES.length);
      expect(s.activity.total).toBe(cap);
      expect(s.coverage.posts).toMatchObject({ from: oldest, cut: 'max-posts', count: cap, lowerBound: true });
      // The days before the first read are drawn as not read, never as days without posts.
      const unread = s.activity.days.filter((d) => d.read === 'none');
      expect(unread.length).toBeGreaterThan(0);
      expect(notReadColumns(s.activity.days)).toBe(unread.length);
      for (const d of s.activity.days) if (d.read === 'whole') expect(d.original + d.reply + d.quote + d.repost).toBe(STEADY_TIMES.length);
      expect(s.comparison).toMatchObject({ available: false, reason: 'period-partial' });
      const embed = reportEmbed(en, s, FOOTER);
      expect(embed.description).toContain(`**Covers the last ${s.coverage.daysRead} of 90 days**`);
      expect(embed.description).toContain(`the ${cap.toLocaleString('en-US')} most recent posts`);
      if (s.activity.perDay !== null) expect(embed.fields?.[0]?.value).toContain('5.0/day over');
    }
  });
});

describe('any timeline, read whole or capped', () => {
  it('totals equal the sum of the posts inside the span the report states', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = seeded(seed);
      const now = Date.parse('2026-11-23T00:00:00Z') + Math.floor(random() * DAY);
      const zone = zoneOf(Math.floor(random() * 27) - 12);
      const days = [7, 30, 90][seed % 3]!;
      const count = Math.floor(random() * 600);
      const all = Array.from({ length: count }, () => {
        const at = now - Math.floor(random() * 120 * DAY);
        const kind = (['original', 'reply', 'quote', 'repost'] as const)[Math.floor(random() * 4)];
        return toStoredPost(
          xPost({
            at: new Date(at).toISOString(),
            kind,
            likes: Math.floor(random() * 50),
            reposts: Math.floor(random() * 5),
            impressions: 100,
          }),
        );
      }).sort((a, b) => b.createdAt - a.createdAt);
      const { start } = reportPeriod(now, days, zone);
      const inPeriod = all.filter((p) => p.createdAt >= start && p.createdAt <= now);
      const cap = random() < 0.5 ? inPeriod.length : Math.floor(random() * inPeriod.length);
      const read = inPeriod.slice(0, cap);
      const capped = cap < inPeriod.length && cap > 0;
      const storedFrom = capped ? read.at(-1)!.createdAt : start;
      const s = summarise(
        base({
          posts: all,
          period: { start, end: now, days },
          timeZone: zone,
          read: { posts: { storedFrom, cut: capped ? 'max-posts' : null }, mentions: null },
        }),
      );
      const stated = all.filter((p) => p.createdAt >= s.coverage.posts.from && p.createdAt <= s.coverage.posts.to);
      const own = stated.filter((p) => p.kind !== 'repost');
      expect(s.coverage.posts.from).toBe(storedFrom);
      expect(s.activity.total).toBe(stated.length);
      expect(s.coverage.posts.count).toBe(stated.length);
      expect(s.activity.days.reduce((n, d) => n + d.original + d.reply + d.quote + d.repost, 0)).toBe(stated.length);
      expect(s.engagement.totals.likes).toBe(own.reduce((n, p) => n + p.likes, 0));
      expect(s.engagement.ownPosts).toBe(own.length);
      expect(s.coverage.posts.lowerBound).toBe(capped);
    }
  });

  it('never shows a capped mention read as a total: "200+", and the answer rate over the mentions read', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    const { start } = reportPeriod(now, 30, 'UTC');
    const mentions = Array.from({ length: 360 }, (_, i) =>
      toStoredPost(xMention(new Date(now - HOUR - i * 2 * HOUR).toISOString(), '555')),
    );
    const read = mentions.slice(0, 200);
    const replies = read
      .filter((_, i) => i % 4 === 0)
      .map((m) => toStoredPost(xPost({ at: new Date(m.createdAt + 30 * MIN).toISOString(), kind: 'reply', refId: m.id, likes: 1 })));
    const s = summarise(
      base({
        posts: replies,
        mentions: read,
        period: { start, end: now, days: 30 },
        timeZone: 'UTC',
        read: { posts: { storedFrom: start, cut: null }, mentions: { storedFrom: read.at(-1)!.createdAt, cut: 'max-posts' } },
      }),
    );
    expect(s.coverage.mentions).toMatchObject({ count: 200, lowerBound: true, cut: 'max-posts' });
    expect(s.responsiveness).toMatchObject({ received: 200, lowerBound: true, considered: 200, answered: 50, answeredShare: 0.25 });
    const field = reportEmbed(en, s, FOOTER).fields?.find((f) => f.name === 'Responsiveness')?.value ?? '';
    expect(field).toContain('**200+** mentions');
    expect(field).not.toMatch(/(^|\n)200 mentions/);
    expect(field).toContain('Answered: 25% (50 of 200)');

    // Read whole, the same count is a total.
    const whole = summarise(base({ posts: replies, mentions: read, period: { start, end: now, days: 30 }, timeZone: 'UTC' }));
    expect(reportEmbed(en, whole, FOOTER).fields?.find((f) => f.name === 'Responsiveness')?.value).toContain(
      '200 mentions of them received',
    );
  });
});
