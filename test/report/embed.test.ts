import { describe, expect, it } from 'vitest';
import { EMBED_LIMITS, fitEmbed, reportEmbed } from '../../src/report/embed.js';
import { summarise } from '../../src/report/summary.js';
import { en } from '../../src/text/catalog.js';
import { post } from '../support/x-fixtures.js';
import { END, mentions, PERIOD, PROFILE, posts } from './fixtures.js';

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
    expect(e.fields!.map((f) => f.name)).toEqual([
      'Activity',
      'Engagement on 5 own posts',
      'Top posts by interactions',
      'Topics',
      'Responsiveness',
      'Trend vs previous 7 days',
    ]);
    // No previous period stored: the report says so, rather than leaving the trend out without a word.
    expect(e.fields!.at(-1)!.value).toContain('No comparison: the previous 7 days are not stored yet');
    expect(e.fields![2]!.value).toContain(`(https://x.com/ada_codes/status/${posts[2]!.id})`);
    expect(e.fields![2]!.value).toContain('Shipping a \\*\\*TypeScript\\*\\* bot today'); // member text cannot format the embed
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
    expect(e.description).toContain(`an interaction rate of ${rate}% of impressions`); // the same figure, the same precision
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

  it('shows follower growth beside the follower count, over the period or since the first count', () => {
    const over = reportEmbed(en, summarise({ ...input(), followerHistory: [{ day: '2026-11-01', followers: 1165 }] }), facts);
    expect(over.description).toContain('1,200 followers (+35 in these 7 days) · 300 following');
    const since = reportEmbed(en, summarise({ ...input(), followerHistory: [{ day: '2026-11-20', followers: 1210 }] }), facts);
    expect(since.description).toContain('1,200 followers (−10 since 2026-11-20)');
    expect(reportEmbed(en, summarise(input()), facts).description).toContain('1,200 followers · 300 following');
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
