import { describe, expect, it } from 'vitest';
import { reportPeriod } from '../../src/report/local-time.js';
import { narrative } from '../../src/report/narrative.js';
import { type ReportInput, summarise } from '../../src/report/summary.js';
import { en } from '../../src/text/catalog.js';
import { END, mentions, PERIOD, PROFILE, post, posts, previous } from './fixtures.js';

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
    expect(posts.map((p) => p.kind)).toEqual(['original', 'reply', 'quote', 'repost', 'original', 'reply']);
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
    // Likes and impressions of the day's own posts: the repost's 999 likes and 99,999 views are someone else's.
    expect(s.activity.days[2]).toEqual({ date: '2026-11-18', original: 0, reply: 1, quote: 1, repost: 1, likes: 31, impressions: 1010 });
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
      daily.filter((p) => p.createdAt >= from && p.createdAt < to).reduce((n, p) => n + p.likes, 0);
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
    expect(text).toContain('@ada\\_codes posted nothing in the last 7 days.'); // escaped: Discord shows @ada_codes
    expect(text).toContain('protected');
  });

  it('opens with what changed: followers, then posts and likes per post against the previous period, without repeating the fields', () => {
    const text = narrative(en, summarise(input({ followerHistory: [{ day: '2026-11-01', followers: 1165 }] })));
    const [followers, compared] = text.split('\n');
    expect(followers).toBe('**+35 followers** in these 7 days.');
    expect(compared).toMatch(/^Against the previous 7 days: \*\*6 posts\*\* vs 2 \(\+200%\); /);
    // The detail (kinds, busiest times, likes, rate, mentions) is the fields' to say, not repeated here.
    expect(text).not.toMatch(/original|busiest|interaction rate|mentions/i);
    expect(narrative(en, summarise(input({ cut: { reason: 'max-posts', oldest: END - 86_400_000 } })))).toContain(
      'Only part of the period',
    );
  });

  it('says why there is no comparison when the previous period is not stored', () => {
    const text = narrative(en, summarise(input({ previousPosts: null })));
    expect(text.split('\n')[0]).toBe(
      'No comparison with the previous 7 days yet: they are not stored, and the bot does not buy posts only to compare. It appears once a longer report has read them.',
    );
  });
});

describe('impressions, private metrics and best time to post', () => {
  it('counts impressions per day and per top post, from own posts only', () => {
    const s = summarise(input());
    expect(s.activity.days.reduce((sum, d) => sum + d.impressions, 0)).toBe(1260);
    expect(s.engagement.impressionsPerPost).toBe(252);
    expect(s.engagement.top.map((t) => t.impressions)).toEqual([1000, 200, 50]);
    const noCounts = posts.map((p) => ({ ...p, impressions: null }));
    expect(summarise(input({ posts: noCounts, previousPosts: null })).engagement.impressionsPerPost).toBeNull();
  });

  const withPrivate = (at: string, m: { impressions: number; profile: number; links: number; engagements?: number }, kind?: 'repost') => ({
    ...post({ at, kind, likes: 5, impressions: m.impressions }),
    privateMetrics: {
      impression_count: m.impressions,
      user_profile_clicks: m.profile,
      url_link_clicks: m.links,
      ...(m.engagements !== undefined ? { engagements: m.engagements } : {}),
    },
  });

  it('sums the member’s private metrics over their own posts of the last 30 days, with X’s engagement rate', () => {
    const period = { start: END - 90 * DAY, end: END, days: 90 };
    const recent = [
      withPrivate('2026-11-20T10:00:00.000Z', { impressions: 1000, profile: 12, links: 4, engagements: 60 }),
      withPrivate('2026-11-10T10:00:00.000Z', { impressions: 3000, profile: 30, links: 0, engagements: 90 }),
      post({ at: '2026-11-05T10:00:00.000Z', likes: 2 }), // read by a report that could not ask for them
      withPrivate('2026-11-11T10:00:00.000Z', { impressions: 50_000, profile: 900, links: 90, engagements: 5000 }, 'repost'),
    ];
    // Older than 30 days: what X sent back then is not "the last 30 days".
    const stale = withPrivate('2026-10-01T10:00:00.000Z', { impressions: 9999, profile: 99, links: 99, engagements: 999 });
    const s = summarise(input({ posts: [...recent, stale], previousPosts: null, period }));
    expect(s.engagement.private).toEqual({
      posts: 2,
      eligible: 3,
      impressions: 4000,
      profileVisits: 42,
      linkClicks: 4,
      engagements: 150,
      rate: 150 / 4000,
    });
    // Without engagement counts there is no rate to state; without any private metrics, nothing.
    const noEngagements = summarise(
      input({ posts: [withPrivate('2026-11-20T10:00:00.000Z', { impressions: 100, profile: 1, links: 1 })], previousPosts: null, period }),
    );
    expect(noEngagements.engagement.private).toMatchObject({ engagements: null, rate: null, impressions: 100 });
    expect(summarise(input()).engagement.private).toBeNull();
  });

  // Monday 2026-11-02 … : `weeks` weeks of posts at a weekday and hour, each earning `likes`.
  const slot = (weekday: number, hour: number, likes: number, weeks = 3) =>
    Array.from({ length: weeks }, (_, w) =>
      post({ at: new Date(Date.UTC(2026, 10, 2 + weekday - 1 + 7 * w, hour, 30)).toISOString(), likes }),
    );
  const ninety = { start: END - 90 * DAY, end: END, days: 90 };

  it('finds the best time to post by interactions per post, not by how often they post, with the sample it rests on', () => {
    const busy = [...slot(1, 9, 2, 3), ...slot(1, 9, 2, 3)]; // Mondays 09:00: most posts, few likes
    const good = slot(3, 18, 40); // Wednesdays 18:00: fewer posts, many likes
    const s = summarise(input({ posts: [...busy, ...good], previousPosts: null, period: ninety }));
    expect(s.activity.busiestWeekday?.weekday).toBe(1);
    expect(s.engagement.bestTime).toEqual({
      found: true,
      weekday: 3,
      hour: 18,
      perPost: 40,
      posts: 3,
      average: (6 * 2 + 3 * 40) / 9,
      sample: 9,
      slots: 2,
    });
  });

  it('says there is not enough to go on below the sample it needs, and leaves out posts still collecting likes', () => {
    const thin = [...slot(1, 9, 2, 2), ...slot(3, 18, 40, 2)]; // two posts a slot: too few
    expect(summarise(input({ posts: thin, previousPosts: null, period: ninety })).engagement.bestTime).toEqual({
      found: false,
      sample: 4,
      minPerSlot: 3,
    });
    // One slot alone has nothing to be compared with.
    expect(summarise(input({ posts: slot(1, 9, 2, 5), previousPosts: null, period: ninety })).engagement.bestTime.found).toBe(false);
    // The third Sunday-23:00 post is an hour old: it does not count yet, so neither does its slot.
    const young = post({ at: new Date(END - HOUR).toISOString(), likes: 0 });
    const s = summarise(input({ posts: [...slot(1, 9, 2), ...slot(0, 11, 30, 2), young], previousPosts: null, period: ninety }));
    expect(s.engagement.bestTime).toMatchObject({ found: false, sample: 5 });
  });

  it('breaks a tie in interactions per post towards the slot with more posts', () => {
    const extraTuesday = post({ at: '2026-10-27T09:30:00.000Z', likes: 10 });
    const tuesdays = [...slot(2, 9, 10, 3), extraTuesday];
    const s = summarise(input({ posts: [...slot(1, 9, 10, 3), ...tuesdays], previousPosts: null, period: ninety }));
    expect(s.engagement.bestTime).toMatchObject({ found: true, weekday: 2, hour: 9, posts: 4 });
  });
});
