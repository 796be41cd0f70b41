import { describe, expect, it } from 'vitest';
import { narrative } from '../../../src/report/layout/narrative.js';
import { reportPeriod } from '../../../src/report/local-time.js';
import type { StoredPost } from '../../../src/report/stored-post.js';
import { MIN_BEST_TIME_POSTS, MIN_PATTERN_POSTS, MIN_SLOT_POSTS } from '../../../src/report/summary/patterns.js';
import { type ReportInput, summarise } from '../../../src/report/summary/summary.js';
import { en } from '../../../src/text/catalog.js';
import { END, mentions, PERIOD, PROFILE, post, posts, previous } from '../fixtures.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const input = (overrides: Partial<ReportInput> = {}): ReportInput => ({
  profile: PROFILE,
  posts: [...posts, ...previous],
  mentions,
  previousPosts: [...posts, ...previous],
  period: PERIOD,
  timeZone: 'UTC',
  read: {
    posts: { storedFrom: (overrides.period ?? PERIOD).start - 8 * DAY, cut: null },
    mentions: { storedFrom: (overrides.period ?? PERIOD).start, cut: null },
  },
  limits: { maxPosts: 1000, postMicroUsd: 5000, periods: [7, 30, 90] },
  audience: 'private',
  ...overrides,
});

describe('summarise', () => {
  const s = summarise(input());

  it('classifies kinds', () => {
    expect(posts.map((p) => p.kind)).toEqual(['original', 'reply', 'quote', 'repost', 'original', 'reply']);
  });

  it('counts activity by kind, per whole day read, busiest day, and the longest streak; no pattern on six posts', () => {
    expect(s.activity.total).toBe(6);
    expect(s.activity.byKind).toEqual({ original: 2, reply: 2, quote: 1, repost: 1 });
    // PERIOD starts at noon: its first day is read in part, today is in progress; six whole days between.
    expect(s.activity.days.map((d) => d.read)).toEqual(['part', 'whole', 'whole', 'whole', 'whole', 'whole', 'whole', 'today']);
    expect(s.activity.perDay).toBe(1);
    expect(s.coverage.wholeDays).toBe(6);
    expect(s.activity.busiestWeekday).toBeNull();
    expect(s.activity.busiestHour).toBeNull();
    expect(s.missing).toContainEqual({ section: 'patterns', why: 'too-few-posts', posts: 6, needed: MIN_PATTERN_POSTS });
    expect(s.activity.busiestDay).toEqual({ date: '2026-11-18', count: 3 });
    expect(s.activity.longestStreak).toEqual({ days: 2, from: '2026-11-17', to: '2026-11-18', atLeast: false });
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
    expect(s.activity.days[2]).toEqual({
      date: '2026-11-18',
      read: 'whole',
      original: 0,
      reply: 1,
      quote: 1,
      repost: 1,
      likes: 31,
      impressions: 1010,
    });
  });

  it('measures engagement on own posts only, reposts excluded', () => {
    expect(s.engagement.ownPosts).toBe(5);
    expect(s.engagement.totals).toEqual({ likes: 43, reposts: 7, replies: 5, quotes: 1, bookmarks: 1, impressions: 1260 });
    expect(s.engagement.perPost.likes).toBeCloseTo(8.6, 10);
    expect(s.engagement.impressions).toEqual({ total: 1260, perPost: 252, posts: 5 });
    expect(s.engagement.rate).toEqual({ value: 57 / 1260, basis: 'interactions', posts: 4 });
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
      lowerBound: false,
      considered: 3,
      consideredFrom: PERIOD.start,
      answered: 2,
      answeredShare: 2 / 3,
      medianResponseMs: 112.5 * 60_000,
      withinHourShare: 1 / 3,
    });
    const off = summarise(input({ mentions: null, read: { posts: { storedFrom: PERIOD.start, cut: null }, mentions: null } }));
    expect(off.responsiveness).toBeNull();
    expect(off.missing).toContainEqual({ section: 'responsiveness', why: 'not-read', bound: 'off' });
  });

  it('compares with the previous period when it is stored: volume, and likes per post of posts old enough', () => {
    expect(s.comparison).toMatchObject({
      available: true,
      // The same span one period earlier: from the local midnight seven days before, to the same time of day.
      previous: { from: Date.parse('2026-11-09T00:00:00Z'), to: Date.parse('2026-11-16T12:00:00Z') },
      posts: { now: 6, before: 2, change: 2 },
      likesPerPost: { now: 8.6, before: 5, matureHours: 48 }, // (4 + 6) / 2
    });
    expect(summarise(input({ previousPosts: null })).comparison).toMatchObject({ available: false, reason: 'not-stored' });
  });

  it('shows no change in likes for a member who posts the same way every period, however young this period’s posts are', () => {
    // One post a day, each collecting 10 likes an hour for its first two days and none after.
    const period = { ...reportPeriod(END, 14, 'UTC'), days: 14 };
    const daily = Array.from({ length: 28 }, (_, k) => {
      const at = END - 6 * HOUR - k * DAY;
      return post({ at: new Date(at).toISOString(), likes: Math.min((END - at) / HOUR, 48) * 10 });
    });
    const same = summarise(
      input({
        posts: daily,
        previousPosts: daily,
        period,
        read: { posts: { storedFrom: period.previousStart, cut: null }, mentions: null },
      }),
    );
    expect(same.comparison).toMatchObject({ available: true, posts: { change: 0 }, likesPerPost: { change: 0 } });
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
    expect(tokyo.activity.busiestDay).toEqual({ date: '2026-11-18', count: 3 });
    expect(tokyo.activity.days.find((d) => d.date === '2026-11-21')?.original).toBe(1);
    expect(tokyo.engagement.top.map((t) => t.date)).toEqual(['2026-11-18', '2026-11-17', '2026-11-17']);
    const ny = summarise(input({ timeZone: 'America/New_York' }));
    expect(ny.engagement.top.map((t) => t.date)).toEqual(['2026-11-18', '2026-11-17', '2026-11-17']);
    expect(ny.activity.days.find((d) => d.date === '2026-11-18')).toMatchObject({ reply: 1, quote: 1, repost: 1 });
  });

  it('reads sensibly with zero posts, for a protected account', () => {
    const empty = summarise(input({ posts: [], mentions: [], previousPosts: null, profile: { ...PROFILE, protected: true } }));
    expect(empty.activity.total).toBe(0);
    expect(empty.activity.busiestWeekday).toBeNull();
    expect(empty.activity.longestStreak).toBeNull();
    expect(empty.engagement.rate).toBeNull();
    expect(empty.topics.mediaShare).toBeNull();
    expect(empty.responsiveness).toMatchObject({
      received: 0,
      answered: 0,
      answeredShare: null,
      medianResponseMs: null,
      withinHourShare: null,
    });
    expect(empty.missing).toContainEqual({ section: 'engagement', why: 'no-own-posts' });
    const text = narrative(en, empty);
    expect(text).toContain('@ada\\_codes posted nothing in the last 7 days.'); // escaped: Discord shows @ada_codes
    expect(text).toContain('protected');
  });

  it('opens with what changed: followers, then posts and likes per post against the previous period, without repeating the fields', () => {
    const text = narrative(en, summarise(input({ followerHistory: [{ day: '2026-11-01', followers: 1165 }] })));
    const [followers, compared] = text.split('\n');
    expect(followers).toBe('**+35 followers** in these 7 days.');
    expect(compared).toMatch(
      /^Against the same span one period earlier \(2026-11-09 00:00 → 2026-11-16 12:00\): \*\*6 posts\*\* vs 2 \(\+200%\); /,
    );
    // The detail (kinds, busiest times, likes, rate, mentions) is the fields' to say, not repeated here.
    expect(text).not.toMatch(/original|busiest|engagement rate|mentions/i);
    const cut = narrative(en, summarise(input({ read: { posts: { storedFrom: END - DAY, cut: 'max-posts' }, mentions: null } })));
    expect(cut.split('\n')[0]).toBe(
      "**Covers the last 2 of 7 days** (since 2026-11-22 12:00): the 0 most recent posts, the bot's limit of 1,000 per report. Every figure below is over these days.",
    );
  });

  it('says why there is no comparison when the previous period is not stored', () => {
    const notStored = { posts: { storedFrom: PERIOD.start, cut: null }, mentions: null };
    const text = narrative(en, summarise(input({ previousPosts: null, read: notStored })));
    // Six posts in the seven and a half days so far: a 30-day report reads the 7.5 days before (about seven) within its 1,000.
    expect(text.split('\n')[0]).toBe(
      'No comparison with the previous 7 days (2026-11-09 00:00 → 2026-11-16 12:00): they are not stored, and the bot does not buy posts only to compare. ' +
        'A 30-day report would read them: about 7 posts, about $0.04. Or it appears from 2026-11-30 if reports keep reading your timeline at least every 7 days.',
    );
    // No longer report reaches back over the 90 days before a 90-day one: none is promised.
    const ninety = { start: END - 90 * DAY, end: END, days: 90 };
    const long = narrative(
      en,
      summarise(input({ previousPosts: null, period: ninety, read: { posts: { storedFrom: ninety.start, cut: null }, mentions: null } })),
    );
    expect(long).not.toContain('report would read them');
    expect(long).toContain('appears from');
  });
});

describe('impressions, private metrics and best time to post', () => {
  it('counts impressions per day and per top post, from own posts only', () => {
    const s = summarise(input());
    expect(s.activity.days.reduce((sum, d) => sum + d.impressions, 0)).toBe(1260);
    expect(s.engagement.impressions?.perPost).toBe(252);
    expect(s.engagement.top.map((t) => t.impressions)).toEqual([1000, 200, 50]);
    expect(s.engagement.top.map((t) => t.rate)).toEqual([40 / 1000, 14 / 200, 2 / 50]);
    const noCounts = posts.map((p) => ({ ...p, impressions: null }));
    expect(summarise(input({ posts: noCounts, previousPosts: null })).engagement.impressions).toBeNull();
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
    expect(s.engagement.private).toEqual({ posts: 2, eligible: 3, profileVisits: 42, linkClicks: 4, engagements: 150 });
    // One rate: X's own, where X gives engagements, over the posts that have them; impressions are not repeated.
    expect(s.engagement.rate).toEqual({ value: 150 / 4000, basis: 'x-engagements', posts: 2 });
    // Without engagement counts, the rate is the public interactions' one, said so.
    const noEngagements = summarise(
      input({ posts: [withPrivate('2026-11-20T10:00:00.000Z', { impressions: 100, profile: 1, links: 1 })], previousPosts: null, period }),
    );
    expect(noEngagements.engagement.private).toMatchObject({ engagements: null });
    expect(noEngagements.engagement.rate).toEqual({ value: 5 / 100, basis: 'interactions', posts: 1 });
    // Every way for the section to be missing says why.
    expect(summarise(input()).missing).toContainEqual({ section: 'private', why: 'read-without', eligible: 5 });
    const shown = summarise(input({ posts: [...recent, stale], previousPosts: null, period, audience: 'public' }));
    expect(shown.engagement.private).toBeNull();
    expect(shown.engagement.rate?.basis).toBe('interactions'); // X's rate is private too
    expect(shown.missing).toContainEqual({ section: 'private', why: 'public-report' });
    expect(summarise(input({ posts: [stale], previousPosts: null, period })).missing).toContainEqual({
      section: 'private',
      why: 'no-recent-posts',
    });
  });

  // `count` posts at a weekday and hour, one a week back from Monday 2026-11-16, each earning `likes`.
  const slot = (weekday: number, hour: number, likes: number, count = MIN_SLOT_POSTS) =>
    Array.from({ length: count }, (_, w) =>
      post({ at: new Date(Date.UTC(2026, 10, 16 + weekday - 1 - 7 * (w % 12), hour, 30 + (w >= 12 ? 1 : 0))).toISOString(), likes }),
    );
  const ninety = { start: END - 90 * DAY, end: END, days: 90 };
  const whole = { posts: { storedFrom: ninety.start, cut: null }, mentions: null };
  const best = (list: StoredPost[]) => summarise(input({ posts: list, previousPosts: null, period: ninety, read: whole }));

  it('finds the best time to post by interactions per post, not by how often they post, with the sample it rests on', () => {
    const busy = slot(1, 9, 2, 2 * MIN_SLOT_POSTS); // Mondays 09:00: most posts, few likes
    const good = slot(3, 19, 40, MIN_SLOT_POSTS); // Wednesdays 19:00: fewer posts, many likes
    const filler = slot(5, 12, 2, MIN_BEST_TIME_POSTS - 3 * MIN_SLOT_POSTS + 1);
    const s = best([...busy, ...good, ...filler]);
    const sample = 3 * MIN_SLOT_POSTS + filler.length;
    expect(s.engagement.bestTime).toEqual({
      found: true,
      weekday: 3,
      hour: 18,
      hours: 3,
      perPost: 40,
      posts: MIN_SLOT_POSTS,
      // Against the blocks compared: the filler's block is thinner than MIN_SLOT_POSTS, so it is no yardstick.
      average: (2 * MIN_SLOT_POSTS * 2 + MIN_SLOT_POSTS * 40) / (3 * MIN_SLOT_POSTS),
      compared: 3 * MIN_SLOT_POSTS,
      sample,
      slots: 2,
      minPerSlot: MIN_SLOT_POSTS,
    });
  });

  it('claims no best time below the sample it needs, and leaves out posts still collecting likes', () => {
    // Two full blocks but too few posts in all.
    const few = [...slot(1, 9, 2), ...slot(3, 18, 40)];
    expect(MIN_SLOT_POSTS * 2).toBeLessThan(MIN_BEST_TIME_POSTS);
    expect(best(few).engagement.bestTime).toEqual({
      found: false,
      sample: 2 * MIN_SLOT_POSTS,
      minPerSlot: MIN_SLOT_POSTS,
      minSample: MIN_BEST_TIME_POSTS,
    });
    expect(best(few).missing).toContainEqual({
      section: 'best-time',
      why: 'too-few-posts',
      posts: 2 * MIN_SLOT_POSTS,
      needed: MIN_BEST_TIME_POSTS,
    });
    // Enough posts, but one block short of MIN_SLOT_POSTS: nothing to compare with.
    const thin = [...slot(1, 9, 2, MIN_BEST_TIME_POSTS), ...slot(3, 18, 40, MIN_SLOT_POSTS - 1)];
    expect(best(thin).engagement.bestTime.found).toBe(false);
    expect(best([...thin, ...slot(3, 18, 40, 1).map((p) => ({ ...p, id: `${p.id}9` }))]).engagement.bestTime.found).toBe(true);
    // The last post of the block is an hour old: it does not count yet, so neither does its block.
    const young = post({ at: new Date(END - HOUR).toISOString(), likes: 0 });
    const monday = [...slot(3, 18, 2, MIN_BEST_TIME_POSTS), ...slot(1, 10, 30, MIN_SLOT_POSTS - 1)];
    expect(new Date(END - HOUR).getUTCDay()).toBe(1); // a Monday, 11:00: the same block as the Mondays 10:30
    expect(best([...monday, young]).engagement.bestTime.found).toBe(false);
    expect(best([...monday, { ...young, id: `${young.id}1`, createdAt: young.createdAt - 7 * DAY }]).engagement.bestTime.found).toBe(true);
  });

  it('breaks a tie in interactions per post towards the slot with more posts', () => {
    const s = best([...slot(1, 9, 10, MIN_BEST_TIME_POSTS / 2), ...slot(2, 9, 10, MIN_BEST_TIME_POSTS / 2 + 1)]);
    expect(s.engagement.bestTime).toMatchObject({ found: true, weekday: 2, hour: 9, posts: MIN_BEST_TIME_POSTS / 2 + 1 });
  });

  it('ranks top posts by interactions, distinct, each with its date and rate; a tie goes to the newer post', () => {
    const a = post({ at: '2026-11-18T10:00:00.000Z', likes: 7, impressions: 100 });
    const b = post({ at: '2026-11-19T10:00:00.000Z', likes: 7, impressions: 200 });
    const c = post({ at: '2026-11-17T10:00:00.000Z', likes: 9 });
    const d = post({ at: '2026-11-20T10:00:00.000Z', likes: 1 });
    const s = summarise(input({ posts: [a, a, c, b, d, post({ at: '2026-11-20T11:00:00.000Z' })], previousPosts: null }));
    expect(s.engagement.top).toHaveLength(3);
    expect(s.engagement.top.map((t) => [t.id, t.date, t.engagement, t.rate])).toEqual([
      [c.id, '2026-11-17', 9, null],
      [b.id, '2026-11-19', 7, 7 / 200],
      [a.id, '2026-11-18', 7, 7 / 100],
    ]);
  });
});
