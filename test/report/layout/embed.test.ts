import { describe, expect, it } from 'vitest';
import { EMBED_LIMITS, reportEmbed as embedFor, fitEmbed } from '../../../src/report/layout/embed.js';
import { type ReportInput, summarise } from '../../../src/report/summary/summary.js';
import { en } from '../../../src/text/catalog.js';
import { END, mentions, PERIOD, PROFILE, post, posts } from '../fixtures.js';

function totalLength(e: ReturnType<typeof reportEmbed>): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function expectWithinLimits(e: ReturnType<typeof reportEmbed>): void {
  expect(e.title!.length).toBeLessThanOrEqual(EMBED_LIMITS.title);
  expect(e.description!.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
  expect(e.fields!.length).toBeLessThanOrEqual(EMBED_LIMITS.fields);
  for (const f of e.fields!) {
    expect(f.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
    expect(f.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    expect(f.value.length).toBeGreaterThan(0);
  }
  expect(e.footer!.text.length).toBeLessThanOrEqual(EMBED_LIMITS.footer);
  expect(totalLength(e)).toBeLessThanOrEqual(EMBED_LIMITS.total);
}

const facts = {
  dataAsOf: END,
  usage: { postsRead: 10, postsRepeated: 0, userReads: 1, requests: 3 },
  costMicroUsd: 60_000,
  chartFile: 'x-report.png',
};

const reportEmbed = (t: typeof en, s: ReturnType<typeof summarise>, footer: typeof facts) => embedFor(t, s, footer);

const WHOLE = { posts: { storedFrom: PERIOD.start, cut: null }, mentions: { storedFrom: PERIOD.start, cut: null } };
/** A private report (the member's own private analytics may show), unless told otherwise. */
const input = (): ReportInput => ({
  profile: PROFILE,
  posts,
  mentions,
  previousPosts: null,
  period: PERIOD,
  timeZone: 'UTC',
  read: WHOLE,
  limits: { maxPosts: 1000, postMicroUsd: 5000, periods: [7, 30, 90] },
  audience: 'private',
});
const stored = () => summarise(input());

describe('report embed', () => {
  it('shows header, sections, chart and cost footer', () => {
    const e = reportEmbed(en, summarise({ ...input(), profile: { ...PROFILE, avatarUrl: 'https://pbs.twimg.com/a.jpg' } }), facts);
    expect(e.author).toEqual({
      name: 'Ada Lovelace (@ada_codes)',
      url: 'https://x.com/ada_codes',
      icon_url: 'https://pbs.twimg.com/a.jpg',
    });
    expect(e.thumbnail).toBeUndefined(); // the avatar once, not enlarged
    expect(e.description).toContain('1,200 followers · 300 following');
    expect(e.fields!.map((f) => [f.name, f.inline ?? false])).toEqual([
      ['Activity', true],
      ['Engagement on 5 own posts', true],
      ['Your X analytics', true],
      ['Best time to post', true],
      ['Responsiveness', true],
      ['Top posts by interactions', false],
      ['Topics', false],
    ]);
    // No previous period stored: the report says so first, rather than leaving the comparison out without a word.
    expect(e.description).toMatch(/^No comparison with the previous 7 days \(2026-11-09 00:00 → 2026-11-16 12:00\): they are not stored/);
    expect(e.fields![5]!.value).toContain(`(https://x.com/ada_codes/status/${posts[2]!.id})`);
    expect(e.fields![5]!.value).toContain('Shipping a \\*\\*TypeScript\\*\\* bot today'); // member text cannot format the embed
    expect(e.image).toEqual({ url: 'attachment://x-report.png' });
    expect(e.footer!.text).toBe('Read 10 posts and your profile from X in 3 requests · about $0.06');
    const repeated = reportEmbed(en, stored(), {
      ...facts,
      usage: { postsRead: 10, postsRepeated: 10, userReads: 0, requests: 1 },
      costMicroUsd: 0,
    });
    expect(repeated.footer!.text).toBe('Read 10 posts (10 already paid for today) from X in 1 request · free: X bills a post once a day');
    const free = reportEmbed(en, stored(), {
      ...facts,
      usage: { postsRead: 0, postsRepeated: 0, userReads: 0, requests: 1 },
      costMicroUsd: 0,
    });
    expect(free.footer!.text).toBe('Nothing new to read from X: this report cost nothing');
    expectWithinLimits(e);
  });

  it('ranks top posts by the measure it shows, with each post’s date, kind and rate, and states one engagement rate, defined', () => {
    const e = reportEmbed(en, summarise(input()), facts);
    const top = e.fields!.find((f) => f.name === 'Top posts by interactions')!.value.split('\n');
    const shown = top.map((line) => Number(/\*\*([\d,]+)\*\* interactions?/.exec(line)?.[1]?.replace(/,/g, '')));
    expect(shown.every((n) => n > 0)).toBe(true);
    expect([...shown].sort((a, b) => b - a)).toEqual(shown); // ranked by what is shown
    expect(top.every((line) => /— 2026-11-1\d · (Original|Reply|Quote|Repost) · /.test(line))).toBe(true);
    const engagement = e.fields!.find((f) => f.name.startsWith('Engagement'))!.value;
    expect(engagement).toContain('Engagement rate: 4.5% (likes, reposts, replies, quotes and bookmarks ÷ impressions)');
    // Stated once, in one place: no second rate under another name, and impressions once.
    expect(JSON.stringify(e).match(/rate:/gi)).toHaveLength(1);
    expect(JSON.stringify(e)).not.toContain('Interaction rate');
    expect(top[0]).toMatch(/· 1,000 👁️ · 4\.0%\)$/); // each top post's impressions and rate
    expect(engagement).toContain('👁️ 1,260 impressions (252/post)');
    expect(JSON.stringify(e).match(/1,260 impressions/g)).toHaveLength(1);
  });

  it('gives the period in the member’s time zone, and leaves the data’s time to the embed’s timestamp', () => {
    // 2026-11-23 12:00 UTC is already 2026-11-24 at 02:00 in Kiritimati (UTC+14).
    const zoned = reportEmbed(en, summarise({ ...input(), timeZone: 'Pacific/Kiritimati' }), facts);
    const utc = reportEmbed(en, summarise(input()), facts);
    const range = (e: typeof utc) => /\*(\d{4}-\d\d-\d\d) → (\d{4}-\d\d-\d\d)/.exec(e.description ?? '')?.slice(1);
    expect(range(utc)?.[1]).toBe('2026-11-23');
    expect(range(zoned)?.[1]).toBe('2026-11-24');
    expect(zoned.footer!.text).not.toMatch(/UTC|\d\d:\d\d/);
    expect(zoned.timestamp).toBe(new Date(facts.dataAsOf).toISOString());
  });

  it('opens with follower growth, over the period or since the first count, and keeps the counts below', () => {
    const over = reportEmbed(en, summarise({ ...input(), followerHistory: [{ day: '2026-11-01', followers: 1165 }] }), facts);
    expect(over.description).toMatch(/^\*\*\+35 followers\*\* in these 7 days\.\n/);
    expect(over.description).toContain('1,200 followers · 300 following');
    const since = reportEmbed(en, summarise({ ...input(), followerHistory: [{ day: '2026-11-20', followers: 1210 }] }), facts);
    expect(since.description).toMatch(/^\*\*−10 followers\*\* since 2026-11-20 \(the bot's first count\)\./);
    expect(reportEmbed(en, summarise(input()), facts).description).not.toContain('follower growth');
  });

  it('shows the member’s private X analytics in a private report only; X’s engagement rate becomes the one rate there', () => {
    const own = {
      ...posts[0]!,
      privateMetrics: { impression_count: 200, user_profile_clicks: 7, url_link_clicks: 3, engagements: 21 },
    };
    const mineInput = { ...input(), posts: [own, ...posts.slice(1)] };
    const field = (e: ReturnType<typeof reportEmbed>) => e.fields!.find((f) => f.name === 'Your X analytics');
    const private_ = reportEmbed(en, summarise(mineInput), facts);
    const mine = field(private_)!;
    expect(mine.inline).toBe(true);
    expect(mine.value).not.toContain('impressions'); // the engagement field has them, once
    expect(mine.value).toContain('👤 7 profile visits · 🔗 3 link clicks');
    expect(mine.value).toContain("21 engagements (X's count)");
    expect(mine.value).toContain('On 1 of your 5 own posts in this period: X shares these with you alone, for posts of the last 30 days.');
    const engagement = private_.fields!.find((f) => f.name.startsWith('Engagement'))!.value;
    expect(engagement).toContain("Engagement rate: 10.5% (X's: engagements ÷ impressions, on 1 post of the last 30 days)");
    expect(JSON.stringify(private_).match(/rate:/gi)).toHaveLength(1);
    // The top posts' rates are on the same basis: X's engagements for the post that has them, none for the rest.
    const top = private_.fields!.find((f) => f.name.startsWith('Top posts'))!.value.split('\n');
    expect(top.find((line) => line.includes(posts[0]!.id))).toMatch(/· 10\.5%\)$/);
    expect(top.find((line) => line.includes(posts[2]!.id))).toMatch(/👁️\)$/);
    const shared = reportEmbed(en, summarise({ ...mineInput, audience: 'public' }), facts);
    expect(field(shared)!.value).toBe('_Your private X analytics are shown only in private reports._');
    expect(JSON.stringify(shared)).not.toMatch(/profile visits|link clicks|X's: engagements|engagements \(X/);
    expect(shared.fields!.find((f) => f.name.startsWith('Engagement'))!.value).toContain('Engagement rate: 4.5% (likes, reposts');
  });

  it('says in one short line why each section has nothing to show', () => {
    const field = (e: ReturnType<typeof reportEmbed>, name: string) => e.fields!.find((f) => f.name.startsWith(name))?.value;
    const stale = summarise({ ...input() });
    expect(field(reportEmbed(en, stale, facts), 'Your X analytics')).toBe(
      '_Not available for your 5 own posts of the last 30 days: a report reaching further back read them, and X leaves these out of such reads._',
    );
    const repostsOnly = summarise({ ...input(), posts: [posts[3]!] });
    expect(field(reportEmbed(en, repostsOnly, facts), 'Engagement')).toBe(
      'No posts of their own in the days read (reposts earn for someone else), so no engagement to show.',
    );
    const unliked = summarise({ ...input(), posts: [post({ at: '2026-11-20T10:00:00.000Z' })] });
    expect(field(reportEmbed(en, unliked, facts), 'Top posts')).toBe('None of their own posts in the days read got an interaction yet.');
    expect(field(reportEmbed(en, unliked, facts), 'Topics')).toBe('No hashtags, mentions or links in their own posts in the days read.');
    const noMentions = { ...input(), mentions: null, read: { ...WHOLE, mentions: null } };
    expect(field(reportEmbed(en, summarise({ ...noMentions, mentionsOff: 'budget' }), facts), 'Responsiveness')).toBe(
      "Mentions were not read: this month's X budget left none for them.",
    );
    expect(field(reportEmbed(en, summarise(noMentions), facts), 'Responsiveness')).toBe(
      "Mentions are not read: the bot's operator turned them off.",
    );
    expect(field(reportEmbed(en, stale, facts), 'Activity')).toContain(
      'Too few posts on whole days read for weekday and hour patterns (6; needs 20).',
    );
  });

  it('says when refresh:true can read the profile again, when it came too soon', () => {
    const readAt = END - 300_000;
    const s = summarise({ ...input(), profileRefresh: { asked: true, done: false, readAt, nextAt: readAt + 900_000 } });
    expect(reportEmbed(en, s, facts).description).toContain(
      `Follower counts are as read from X <t:${readAt / 1000}:R>; \`refresh:true\` can read them again <t:${(readAt + 900_000) / 1000}:R>.`,
    );
    expect(reportEmbed(en, summarise({ ...input(), profileRefresh: { asked: true, done: true } }), facts).description).not.toContain(
      'refresh',
    );
  });

  it('never writes "−0%" or "+0%": a change that rounds to nothing is ±0%', () => {
    expect(en.report.postsChange(1000, 1001, -1 / 1001)).toBe('**1,000 posts** vs 1,001 (±0%)');
    expect(en.report.postsChange(1001, 1000, 1 / 1000)).toBe('**1,001 posts** vs 1,000 (±0%)');
    expect(en.report.postsChange(90, 100, -0.1)).toBe('**90 posts** vs 100 (−10%)');
    expect(en.report.followerChange(0, null, 7)).toBe('**±0 followers** in these 7 days.');
  });

  it('names the best time to post with its sample, or says what it still needs', () => {
    const best = reportEmbed(en, summarise({ ...input(), posts }), facts).fields!.find((f) => f.name === 'Best time to post')!;
    expect(best.value).toBe(
      'Not enough posts to say: it needs 30 own posts at least 2 days old, two weekday-and-3-hour blocks with 10 or more each (5 so far).',
    );
    const summary = summarise(input());
    const found = reportEmbed(
      en,
      {
        ...summary,
        engagement: {
          ...summary.engagement,
          bestTime: {
            found: true,
            weekday: 3,
            hour: 18,
            hours: 3,
            perPost: 40,
            posts: 12,
            average: 18.7,
            compared: 30,
            sample: 40,
            slots: 2,
            minPerSlot: 10,
          },
        },
      },
      facts,
    ).fields!.find((f) => f.name === 'Best time to post')!;
    expect(found.value).toBe(
      '**Wednesdays 18:00–21:00** UTC: 40.0 interactions per post on 12 posts, against 18.7 over the 30 posts of the 2 weekday-and-3-hour blocks with 10+ posts (posts at least 2 days old)',
    );
  });

  it('counts in the singular when there is one ("1 quote", not "1 quotes")', () => {
    expect(en.report.activityMix(1, 1, 1, 1)).toBe('1 original · 1 reply · 1 quote · 1 repost');
    expect(en.report.interactionsLine(1, 1, 1)).toBe('🔁 1 repost · 💬 1 reply · ❝ 1 quote');
    expect(en.report.interactionsLine(2, 0, 3)).toBe('🔁 2 reposts · 💬 0 replies · ❝ 3 quotes');
    expect(en.report.likesLine(1, '1.0')).toBe('❤️ 1 like (1.0/post)');
  });

  it('says that the metrics of posts older than the refresh horizon are as of their last read, when the report has such posts', () => {
    const engagement = (hours: number, end = END) =>
      reportEmbed(en, summarise({ ...input(), period: { ...PERIOD, end }, refreshHorizonHours: hours }), facts).fields!.find((f) =>
        f.name.startsWith('Engagement'),
      )!.value;
    expect(engagement(48)).toContain('Likes and views of posts older than 2 days are as of their last read.');
    expect(engagement(36)).toContain('older than 36 hours');
    expect(engagement(0)).toContain('as of when the bot first read each post');
    // Every post younger than the horizon: nothing to say.
    expect(engagement(24 * 365)).not.toContain('as of');
  });

  it('says first what a capped report covers and why, and how to get more', () => {
    const s = summarise({
      ...input(),
      mentions: null,
      read: { posts: { storedFrom: Date.parse('2026-11-18T00:00:00Z'), cut: 'x-cap' }, mentions: null },
    });
    const e = reportEmbed(en, s, facts);
    expect(e.description!.split('\n')[0]).toBe(
      '**Covers the last 6 of 7 days** (since 2026-11-18 00:00): the 4 most recent posts, as far back as X serves a timeline (3,200 posts). Every figure below is over these days.',
    );
    expect(e.description).toContain('No comparison with the previous 7 days: this period itself could be read only in part.');
    expect(e.fields![0]!.value).toMatch(/^\*\*4\*\* posts in the days read · 0\.8\/day over 5 whole days/);
    expect(e.fields!.map((f) => f.name)).not.toContain('Partial period');
    const budget = summarise({ ...input(), read: { ...WHOLE, posts: { storedFrom: Date.parse('2026-11-18T00:00:00Z'), cut: 'budget' } } });
    expect(reportEmbed(en, budget, facts).description).toContain("Next month's budget can read further back.");
  });

  it('stays within every Discord limit with extreme input', () => {
    const long = 'x'.repeat(5000);
    const huge = Array.from({ length: 400 }, (_, i) =>
      post({
        at: new Date(END - i * 60_000).toISOString(),
        text: `${long} ${i}`,
        likes: i,
        hashtags: Array.from({ length: 20 }, (_, j) => `${long.slice(0, 200)}${j}`),
        mentions: [long.slice(0, 15)],
        urls: [`https://${'a'.repeat(60)}${i}.example.com/`],
      }),
    );
    const e = reportEmbed(
      en,
      summarise({
        ...input(),
        profile: { ...PROFILE, name: long },
        posts: huge,
        mentions: [],
        previousPosts: huge,
        read: { posts: { storedFrom: END - 3_600_000, cut: 'max-posts' }, mentions: null },
      }),
      facts,
    );
    expectWithinLimits(e);
  });

  it('fitEmbed drops trailing fields and trims text until the total fits', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(2000) }));
    const e = fitEmbed({ title: 't'.repeat(300), description: 'd'.repeat(5000), fields, footer: { text: 'f' } });
    expectWithinLimits(e);
    expect(e.fields!.every((f, i) => f.name === `f${i}`)).toBe(true);
  });
});
