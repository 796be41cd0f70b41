// The Components V2 report: every part present or its absence explained,
// within Discord's limits even for the largest report, the public copy
// without private analytics, and buttons that name a view, never a member.

import { ComponentType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { parseReportCustomId, reportCustomId } from '../../../src/report/layout/controls.js';
import { measure, V2_LIMITS } from '../../../src/report/layout/limits.js';
import { reportLayout } from '../../../src/report/layout/report-layout.js';
import { type ReportSummary, summarise } from '../../../src/report/summary/summary.js';
import { en } from '../../../src/text/catalog.js';
import { ja } from '../../../src/text/ja.js';
import { END, mentions, PERIOD, PROFILE, posts, previous } from '../fixtures.js';

const footer = { dataAsOf: END, usage: { postsRead: 10, postsRepeated: 0, userReads: 1, requests: 3 }, costMicroUsd: 60_000 };
const VIEW = 'AbCdEfGhIjKlMnOpQrStUv';
const controls = { viewId: VIEW, days: 7, periods: [7, 30, 90], shareable: true };

/** A private report of a member whose posts are stored from well before the period (or only from its start). */
function summary(withPrevious = true, audience: 'private' | 'public' = 'private'): ReportSummary {
  const from = withPrevious ? PERIOD.start - 2 * 7 * 86_400_000 : PERIOD.start;
  return summarise({
    profile: PROFILE,
    posts: withPrevious ? [...posts, ...previous] : posts,
    mentions,
    previousPosts: withPrevious ? [...posts, ...previous] : null,
    period: PERIOD,
    timeZone: 'UTC',
    read: { posts: { storedFrom: from, cut: null }, mentions: { storedFrom: from, cut: null } },
    limits: { maxPosts: 1000, postMicroUsd: 5000, periods: [7, 30, 90] },
    audience,
    refreshHorizonHours: 48,
  });
}

type Node = {
  type: number;
  content?: string;
  components?: Node[];
  items?: Array<{ media: { url: string } }>;
  custom_id?: string;
  disabled?: boolean;
  label?: string;
};
const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.components ?? [])]);
const texts = (nodes: Node[]) =>
  flat(nodes)
    .filter((n) => n.type === ComponentType.TextDisplay)
    .map((n) => n.content!);
const allText = (nodes: Node[]) => texts(nodes).join('\n');
const buttons = (nodes: Node[]) => flat(nodes).filter((n) => n.type === ComponentType.Button);

/** The largest report: 90 days, every section, the longest names, 280-character top posts full of markup. */
function largest(audience: 'private' | 'public' = 'private'): ReportSummary {
  const s = summary(true, audience);
  const long = (c: string) => c.repeat(280);
  const top = (i: number) => ({
    ...s.engagement.top[0]!,
    id: `19${i}0000000000000000`,
    excerpt: i === 0 ? long('*') : long(`[${i}](`).slice(0, 280),
    engagement: 123_456_789,
    impressions: 987_654_321,
  });
  const many = (prefix: string) => Array.from({ length: 25 }, (_, i) => ({ name: `${prefix}${'x'.repeat(40)}${i}`, count: 1000 + i }));
  return {
    ...s,
    profile: { ...s.profile, name: 'N'.repeat(50), username: '_'.repeat(15), followers: 123_456_789, following: 98_765 },
    period: { ...s.period, days: 90 },
    timeZone: 'America/Argentina/ComodRivadavia',
    coverage: {
      ...s.coverage,
      posts: { ...s.coverage.posts, from: END - 80 * 86_400_000, cut: 'max-posts', lowerBound: true, count: 1000 },
      daysRead: 81,
      days: 90,
      more: { how: 'keep-reporting', date: '2027-01-01', everyDays: 20 },
    },
    engagement: {
      ...s.engagement,
      top: [top(0), top(1), top(2)],
      private:
        audience === 'private'
          ? { posts: 999, eligible: 1000, profileVisits: 1_234_567, linkClicks: 7_654_321, engagements: 5_555_555 }
          : null,
      metricsAsOfLastRead: { olderThanHours: 48 },
    },
    topics: { hashtags: many('#'), mentions: many('@'), domains: many('d'), mediaShare: 0.42 },
  } as ReportSummary;
}

describe('the report as Components V2', () => {
  it('has a header, five headline figures each with its change or why none, the chart, top posts, the rest and a footer', () => {
    const layout = reportLayout(en, summary(), { showPrivate: true, chartFile: 'x-report.png', footer, controls }) as Node[];
    expect(layout).toHaveLength(1);
    expect(layout[0]!.type).toBe(ComponentType.Container);
    const [head, numbers] = texts(layout);
    expect(head).toContain('## Ada Lovelace · [@ada\\_codes](https://x.com/ada_codes)');
    expect(head).toContain('Last 7 days, today included · 2026-11-16 → 2026-11-23 (UTC) · 1,200 followers · 300 following');
    const lines = numbers!.split('\n');
    expect(lines).toHaveLength(6); // five figures, then what they are compared with
    for (const line of lines.slice(0, 5)) expect(line).toMatch(/^\*\*[^*]+\*\* .+ · .+$/);
    expect(lines[5]).toMatch(/^-# Changes compare with the same span one period earlier: [\d-]+ [\d:]+ → 2026-11-16 12:00\.$/);
    expect(numbers).toContain('posts · ');
    expect(numbers).toMatch(/\*\*\+?[\d,—]+\*\* posts · [+−]\d+% vs previous 7 days/);
    const gallery = flat(layout).find((n) => n.type === ComponentType.MediaGallery)!;
    expect(gallery.items).toEqual([expect.objectContaining({ media: { url: 'attachment://x-report.png' } })]);
    const text = allText(layout);
    expect(text).toContain('### Top posts by interactions');
    expect(text).toMatch(/1\. \[.+\]\(https:\/\/x\.com\/ada_codes\/status\/\d+\)\n-# 2026-11-\d\d · /);
    expect(text).toContain('**Activity**');
    expect(text).toContain('Read 10 posts and your profile from X in 3 requests');
    expect(text).toContain('Interactions are likes, reposts, replies, quotes and bookmarks');
  });

  it('says once, under the row, why no figure has a change when the previous period is not stored', () => {
    const numbers = texts(reportLayout(en, summary(false), { showPrivate: true, chartFile: 'c.png', footer, controls }) as Node[])[1]!;
    const lines = numbers.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.slice(0, 5).filter((l) => l.endsWith('not compared yet'))).toHaveLength(4); // followers say their own reason
    expect(lines[5]).toMatch(
      /^-# No comparison with the previous 7 days \(.+\): they are not stored, and the bot does not buy posts only to compare\./,
    );
    expect(numbers).not.toMatch(/vs previous/);
  });

  it('keeps the largest report within Discord’s limits, headline and footer whole', () => {
    const s = largest();
    const layout = reportLayout(en, s, {
      showPrivate: true,
      chartFile: 'x-report.png',
      footer,
      controls: { ...controls, days: 90 },
    }) as Node[];
    const m = measure(layout as never);
    expect(m.components).toBeLessThanOrEqual(V2_LIMITS.components);
    expect(m.textLength).toBeLessThanOrEqual(V2_LIMITS.totalText);
    // Without fitting it would not fit: the test exercises the shortening.
    const raw = texts(layout).join('').length;
    expect(raw).toBeGreaterThan(3000);
    for (const id of m.customIds) expect(id.length).toBeLessThanOrEqual(V2_LIMITS.customId);
    for (const row of flat(layout).filter((n) => n.type === ComponentType.ActionRow)) {
      expect(row.components!.length).toBeLessThanOrEqual(V2_LIMITS.buttonsPerRow);
    }
    const all = allText(layout);
    expect(texts(layout)[1]!.split('\n').length).toBeGreaterThanOrEqual(5);
    expect(all).toContain('Interactions are likes');
    expect(all).toContain('**Covers the last 81 of 90 days**');
    expect(all).toContain('N'.repeat(50));
  });

  it('says why it is private where the bot is not installed, also in the largest report, within Discord’s limits', () => {
    for (const [t, kind] of [
      [en, 'server'],
      [ja, 'private-channel'],
    ] as const) {
      const options = { showPrivate: true, chartFile: 'x-report.png', footer, controls: { ...controls, days: 90 } };
      const layout = reportLayout(t, largest(), { ...options, privateHere: kind }) as Node[];
      expect(allText(layout)).toContain(`-# ${t.place.privateHere(kind)}`);
      expect(measure(layout as never).textLength).toBeLessThanOrEqual(V2_LIMITS.totalText);
      expect(allText(reportLayout(t, largest(), options) as Node[])).not.toContain(t.place.privateHere(kind));
    }
  });

  it('leaves the private analytics out of a public report, saying so', () => {
    const text = allText(reportLayout(en, largest('public'), { showPrivate: false, chartFile: 'c.png', footer, controls: null }) as Node[]);
    expect(text).not.toContain('1,234,567'); // profile visits
    expect(text).not.toContain('7,654,321'); // link clicks
    expect(text).not.toContain('(your X analytics)');
    expect(text).toContain('Your private X analytics are shown only in private reports');
    const priv = allText(reportLayout(en, largest(), { showPrivate: true, chartFile: 'c.png', footer, controls: null }) as Node[]);
    expect(priv).toContain('1,234,567');
  });

  it('disables the current period, offers Share only where allowed, and shows no buttons on a shared copy', () => {
    const s = summary();
    const shown = buttons(
      reportLayout(en, s, { showPrivate: true, chartFile: 'c.png', footer, controls: { ...controls, days: 30 } }) as Node[],
    );
    expect(shown.map((b) => [b.label, Boolean(b.disabled)])).toEqual([
      ['7 days', false],
      ['30 days', true],
      ['90 days', false],
      ['Share in channel', false],
      ['Export CSV', false],
    ]);
    expect(shown.map((b) => parseReportCustomId(b.custom_id!))).toEqual([
      { viewId: VIEW, action: { kind: 'period', days: 7 } },
      { viewId: VIEW, action: { kind: 'period', days: 30 } },
      { viewId: VIEW, action: { kind: 'period', days: 90 } },
      { viewId: VIEW, action: { kind: 'share' } },
      { viewId: VIEW, action: { kind: 'csv' } },
    ]);
    const noShare = buttons(
      reportLayout(en, s, { showPrivate: true, chartFile: 'c.png', footer, controls: { ...controls, shareable: false } }) as Node[],
    );
    expect(noShare.map((b) => b.label)).not.toContain('Share in channel');
    expect(buttons(reportLayout(en, s, { showPrivate: false, chartFile: 'c.png', footer, controls: null }) as Node[])).toEqual([]);
  });

  it('refuses custom ids it did not make', () => {
    expect(parseReportCustomId(reportCustomId(VIEW, { kind: 'csv' }))).not.toBeNull();
    for (const forged of [
      'report:short:csv',
      `report:${VIEW}:rm`,
      `report:${VIEW}:csv:extra`,
      `other:${VIEW}:csv`,
      `report:${VIEW}:d0`,
      `report:${VIEW.slice(1)}!:csv`,
      '',
    ]) {
      expect(parseReportCustomId(forged)).toBeNull();
    }
  });
});
