import { describe, expect, it } from 'vitest';
import { EMBED_LIMITS, reportEmbed as embedFor, fitEmbed } from '../../src/report/embed.js';
import { summarise } from '../../src/report/summary.js';
import { en } from '../../src/text/catalog.js';
import { END, mentions, PERIOD, PROFILE, post, posts } from './fixtures.js';

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

/** A private report (the member's own private analytics may show), unless told otherwise. */
const reportEmbed = (t: typeof en, s: ReturnType<typeof summarise>, footer: typeof facts, showPrivate = true) =>
  embedFor(t, s, footer, { showPrivate });

const input = () => ({ profile: PROFILE, posts, mentions, previousPosts: null, period: PERIOD, timeZone: 'UTC', cut: null });
const stored = () => summarise(input());

describe('report embed', () => {
  it('shows header, sections, chart and cost footer', () => {
    const e = reportEmbed(
      en,
      summarise({
        profile: { ...PROFILE, avatarUrl: 'https://pbs.twimg.com/a.jpg' },
        posts,
        mentions,
        previousPosts: null,
        period: PERIOD,
        timeZone: 'UTC',
        cut: null,
      }),
      facts,
    );
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
      ['Best time to post', true],
      ['Responsiveness', true],
      ['Top posts by interactions', false],
      ['Topics', false],
    ]);
    // No previous period stored: the report says so first, rather than leaving the comparison out without a word.
    expect(e.description).toMatch(/^No comparison with the previous 7 days yet: they are not stored/);
    expect(e.fields![4]!.value).toContain(`(https://x.com/ada_codes/status/${posts[2]!.id})`);
    expect(e.fields![4]!.value).toContain('Shipping a \\*\\*TypeScript\\*\\* bot today'); // member text cannot format the embed
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

  it('ranks top posts by the measure it shows, names each post’s kind, and gives the rate one precision, defined', () => {
    const e = reportEmbed(en, summarise(input()), facts);
    const top = e.fields!.find((f) => f.name === 'Top posts by interactions')!.value.split('\n');
    const shown = top.map((line) => Number(/\*\*([\d,]+)\*\* interactions?/.exec(line)?.[1]?.replace(/,/g, '')));
    expect(shown.every((n) => n > 0)).toBe(true);
    expect([...shown].sort((a, b) => b - a)).toEqual(shown); // ranked by what is shown
    expect(top.every((line) => /— (Original|Reply|Quote|Repost) · /.test(line))).toBe(true);
    const engagement = e.fields!.find((f) => f.name.startsWith('Engagement'))!.value;
    const rate = /Interaction rate: (\d+\.\d)% of impressions \(likes, reposts, replies, quotes and bookmarks ÷ impressions\)/.exec(
      engagement,
    )?.[1];
    expect(rate).toBeDefined();
    expect(e.description).not.toContain('rate'); // stated once, in one place, with one precision
    expect(top[0]).toMatch(/· 1,000 👁️\)$/); // each top post's impressions
    expect(engagement).toContain('👁️ 1,260 impressions (252/post)');
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

  it('shows the member’s private X analytics in a private report only, with the sample and X’s definition of the rate', () => {
    const own = {
      ...posts[0]!,
      privateMetrics: { impression_count: 200, user_profile_clicks: 7, url_link_clicks: 3, engagements: 21 },
    };
    const summary = summarise({ ...input(), posts: [own, ...posts.slice(1)] });
    const field = (e: ReturnType<typeof reportEmbed>) => e.fields!.find((f) => f.name === 'Your X analytics');
    const mine = field(reportEmbed(en, summary, facts, true))!;
    expect(mine.inline).toBe(true);
    expect(mine.value).toContain('👁️ 200 impressions');
    expect(mine.value).toContain('👤 7 profile visits · 🔗 3 link clicks');
    expect(mine.value).toContain("Engagement rate: 10.5% (X's: engagements ÷ impressions)");
    expect(mine.value).toContain('On 1 of your 5 own posts in this period: X shares these with you alone, for posts of the last 30 days.');
    const shared = reportEmbed(en, summary, facts, false);
    expect(field(shared)!.value).toBe('_Your private X analytics are shown only in private reports._');
    expect(JSON.stringify(shared)).not.toMatch(/profile visits|link clicks|Engagement rate/);
  });

  it('names the best time to post with its sample, or says what it still needs', () => {
    const best = reportEmbed(en, summarise({ ...input(), posts }), facts).fields!.find((f) => f.name === 'Best time to post')!;
    expect(best.value).toMatch(/^Not enough posts to say yet: .* \(5 posts so far\)/);
    const summary = summarise(input());
    const found = reportEmbed(
      en,
      {
        ...summary,
        engagement: {
          ...summary.engagement,
          bestTime: { found: true, weekday: 3, hour: 18, perPost: 40, posts: 3, average: 18.7, sample: 9, slots: 2 },
        },
      },
      facts,
    ).fields!.find((f) => f.name === 'Best time to post')!;
    expect(found.value).toBe(
      '**Wednesdays 18:00–19:00** UTC: 40.0 interactions per post on 3 posts, against 18.7 over all 9 (2 weekday-and-hour slots compared; posts at least 2 days old)',
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

  it('notes a period cut short by a bound', () => {
    const e = reportEmbed(
      en,
      summarise({
        profile: PROFILE,
        posts,
        mentions: null,
        previousPosts: null,
        period: PERIOD,
        timeZone: 'UTC',
        cut: { reason: 'x-cap', oldest: Date.parse('2026-11-18T00:00:00Z') },
      }),
      facts,
    );
    expect(e.fields!.at(-1)).toEqual({
      name: 'Partial period',
      value: 'Posts before 2026-11-18 are not included: X serves only the 3,200 most recent posts.',
    });
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
        profile: { ...PROFILE, name: long },
        posts: huge,
        mentions: [],
        previousPosts: huge,
        period: PERIOD,
        timeZone: 'UTC',
        cut: { reason: 'max-posts', oldest: END - 3_600_000 },
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
