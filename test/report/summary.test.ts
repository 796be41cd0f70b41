import { describe, expect, it } from 'vitest';
import { reportPeriod } from '../../src/report/local-time.js';
import { narrative } from '../../src/report/narrative.js';
import { postKind, type ReportInput, summarise } from '../../src/report/summary.js';
import { en } from '../../src/text/catalog.js';
import { post } from '../support/x-fixtures.js';
import { END, mentions, PERIOD, PROFILE, posts, previous } from './fixtures.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const input = (overrides: Partial<ReportInput> = {}): ReportInput => ({
  profile: PROFILE,
  posts: [...posts, ...previous],
  mentions,
  previousPosts: [...posts, ...previous],
  period: PERIOD,
  timeZone: 'UTC',
  cut: null,
  ...overrides,
});

describe('summarise', () => {
  const s = summarise(input());

  it('classifies kinds', () => {
    expect(posts.map(postKind)).toEqual(['original', 'reply', 'quote', 'repost', 'original', 'reply']);
  });

  it('counts activity by kind, per day, busiest weekday, hour and day, and the longest streak', () => {
    expect(s.activity.total).toBe(6);
    expect(s.activity.byKind).toEqual({ original: 2, reply: 2, quote: 1, repost: 1 });
    expect(s.activity.perDay).toBeCloseTo(6 / 7, 10);
    expect(s.activity.busiestWeekday).toEqual({ weekday: 3, count: 3 }); // Wednesday 18 Nov
    expect(s.activity.busiestHour).toEqual({ hour: 9, count: 3 });
    expect(s.activity.busiestDay).toEqual({ date: '2026-11-18', count: 3 });
    expect(s.activity.longestStreak).toEqual({ days: 2, from: '2026-11-17', to: '2026-11-18' });
    expect(s.activity.days.map((d) => d.date)).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
    ]);
    expect(s.activity.days[2]).toEqual({ date: '2026-11-18', original: 0, reply: 1, quote: 1, repost: 1, likes: 31 });
  });

  it('measures engagement on own posts only, reposts excluded', () => {
    expect(s.engagement.ownPosts).toBe(5);
    expect(s.engagement.totals).toEqual({ likes: 43, reposts: 7, replies: 5, quotes: 1, bookmarks: 1, impressions: 1260 });
    expect(s.engagement.perPost.likes).toBeCloseTo(8.6, 10);
    expect(s.engagement.perPost.impressions).toBe(252);
    expect(s.engagement.rate).toBeCloseTo(57 / 1260, 10);
  });

  it('ranks the three best posts by engagement with links to them', () => {
    expect(s.engagement.top.map((t) => [t.id, t.engagement])).toEqual([
      [posts[2]!.id, 40],
      [posts[0]!.id, 14],
      [posts[1]!.id, 2],
    ]);
    expect(s.engagement.top[1]!.url).toBe(`https://x.com/ada_codes/status/${posts[0]!.id}`);
    expect(s.engagement.top[1]!.excerpt).toBe('Shipping a **TypeScript** bot today');
  });

  it('finds topics: hashtags regardless of case, mentions, domains, media share', () => {
    expect(s.topics.hashtags).toEqual([
      { name: '#TypeScript', count: 2 },
      { name: '#AI', count: 1 },
    ]);
    expect(s.topics.mentions).toEqual([{ name: '@bob', count: 1 }]);
    expect(s.topics.domains).toEqual([
      { name: 'blog.example.com', count: 1 },
      { name: 'github.com', count: 1 },
    ]);
    expect(s.topics.mediaShare).toBeCloseTo(0.2, 10);
  });

  it('measures responsiveness to mentions, ignoring self-mentions', () => {
    expect(s.responsiveness).toEqual({
      received: 3,
      answered: 2,
      answeredShare: 2 / 3,
      medianResponseMs: 112.5 * 60_000,
      withinHourShare: 1 / 3,
    });
    expect(summarise(input({ mentions: null })).responsiveness).toBeNull();
  });

  it('compares with the previous period when it is stored: volume, and likes per post of posts old enough', () => {
    expect(s.trend).toMatchObject({ previousPosts: 2, postsChange: 2 });
    expect(s.trend?.likesPerPost).toMatchObject({ before: 5, matureHours: 48 }); // (4 + 6) / 2
    expect(summarise(input({ previousPosts: null })).trend).toBeNull();
  });

  it('shows no change in likes for a member who posts the same way every period, however young this period’s posts are', () => {
    // One post a day, each collecting 10 likes an hour for its first two days and none after.
    const period = { ...reportPeriod(END, 14, 'UTC'), days: 14 };
    const daily = Array.from({ length: 28 }, (_, k) => {
      const at = END - 6 * HOUR - k * DAY;
      return post({ at: new Date(at).toISOString(), likes: Math.min((END - at) / HOUR, 48) * 10 });
    });
    const same = summarise(input({ posts: daily, previousPosts: daily, period }));
    expect(same.trend?.postsChange).toBe(0);
    expect(same.trend?.likesPerPost?.change).toBe(0);
    // Comparing all likes, as before, showed a fall that was only the newest posts' age.
    const likes = (from: number, to: number) =>
      daily
        .filter((p) => Date.parse(p.created_at) >= from && Date.parse(p.created_at) < to)
        .reduce((n, p) => n + p.public_metrics!.like_count!, 0);
    expect(likes(period.start, END)).toBeLessThan(likes(period.previousStart, period.start));
  });

  it('tells follower growth over the period when snapshots reach back to its start, else since the first one', () => {
    // PERIOD: 2026-11-16 12:00 to 2026-11-23 12:00 UTC; PROFILE has 1,200 followers now.
    const growth = (history: Array<{ day: string; followers: number }>) => summarise(input({ followerHistory: history })).followerGrowth;
    expect(
      growth([
        { day: '2026-11-10', followers: 1000 },
        { day: '2026-11-16', followers: 1150 },
        { day: '2026-11-20', followers: 1190 },
      ]),
    ).toEqual({
      change: 50,
      since: null,
    });
    expect(
      growth([
        { day: '2026-11-19', followers: 1210 },
        { day: '2026-11-21', followers: 1205 },
      ]),
    ).toEqual({ change: -10, since: '2026-11-19' });
    expect(growth([{ day: '2026-11-23', followers: 1200 }])).toBeNull(); // counted since today only
    expect(growth([])).toBeNull();
    expect(
      summarise(input({ profile: { ...PROFILE, followers: undefined }, followerHistory: [{ day: '2026-11-01', followers: 1 }] }))
        .followerGrowth,
    ).toBeNull();
  });

  it('places days and hours in the requested time zone', () => {
    const tokyo = summarise(input({ timeZone: 'Asia/Tokyo' }));
    expect(tokyo.activity.busiestHour).toEqual({ hour: 18, count: 3 });
    expect(tokyo.activity.busiestDay).toEqual({ date: '2026-11-18', count: 3 });
    expect(tokyo.activity.days.find((d) => d.date === '2026-11-21')?.original).toBe(1);
    const ny = summarise(input({ timeZone: 'America/New_York' }));
    expect(ny.activity.busiestHour).toEqual({ hour: 4, count: 3 });
  });

  it('reads sensibly with zero posts, for a protected account', () => {
    const empty = summarise(input({ posts: [], mentions: [], previousPosts: null, profile: { ...PROFILE, protected: true } }));
    expect(empty.activity.total).toBe(0);
    expect(empty.activity.busiestWeekday).toBeNull();
    expect(empty.activity.longestStreak).toBeNull();
    expect(empty.engagement.rate).toBeNull();
    expect(empty.topics.mediaShare).toBeNull();
    expect(empty.responsiveness).toEqual({ received: 0, answered: 0, answeredShare: null, medianResponseMs: null, withinHourShare: null });
    const text = narrative(en, empty);
    expect(text).toContain('@ada_codes posted nothing in the last 7 days.');
    expect(text).toContain('protected');
  });

  it('writes a plain-language paragraph from the numbers', () => {
    const text = narrative(en, s);
    expect(text).toContain(
      'In the last 7 days @ada_codes posted 6 times (2 original posts, 2 replies, 1 quote, 1 repost), about 0.9 a day.',
    );
    // Two separate maxima, said as such: not a weekday-and-hour slot that may hold almost nothing.
    expect(text).toContain('Their busiest weekday is Wednesday and their busiest hour 09:00 UTC.');
    expect(text).toContain('43 likes (8.6 per post)');
    expect(text).toContain('answered 67% of 3 mentions, typically within 1.9 h');
    expect(text).toContain('Posting is up 200% on the previous 7 days.');
    expect(narrative(en, summarise(input({ cut: { reason: 'max-posts', oldest: END - 86_400_000 } })))).toContain(
      'Only part of the period',
    );
  });
});
