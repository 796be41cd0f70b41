// The report README.md shows, built from a seeded member (the same every run)
// through the bot's own summary, Components V2 layout and chart code. `npm run docs:report`
// writes it to docs/; a test checks that what is committed is still current.

import { type APIMessageTopLevelComponent, ComponentType } from 'discord-api-types/v10';
import { SimulatedMember } from '../src/local-x/simulated-member.js';
import { privateMetricsOf } from '../src/local-x/timeline-routes.js';
import { renderChart } from '../src/report/chart/chart.js';
import { reportLayout } from '../src/report/layout/report-layout.js';
import { reportPeriod, utcDate } from '../src/report/local-time.js';
import { REPORT_PERIODS } from '../src/report/report-service.js';
import { toStoredPost } from '../src/report/stored-post.js';
import { summarise } from '../src/report/summary/summary.js';
import { en } from '../src/text/catalog.js';

export function exampleReport(): { layout: APIMessageTopLevelComponent[]; markdown: string; png: Buffer } {
  const DAY = 86_400_000;
  const NOW = Date.parse('2026-11-23T18:00:00Z');
  const ZONE = 'Europe/Berlin';
  const DAYS = 30;

  const member = new SimulatedMember({
    id: '1456789012345678901',
    username: 'ada_codes',
    from: NOW - 70 * DAY,
    until: NOW,
    postsPerDay: 9,
    mentionsPerDay: 4,
    seed: 7,
    lifelike: true,
  });
  member.advanceTo(NOW);
  // What the bot stores for a member who reports often: metrics read again until 2 days old, then kept; and
  // the private metrics X sends for their own posts of the last 30 days (asked for on those reads).
  const posts = member
    .postsAsStored(NOW, 48 * 3_600_000)
    .map((p) => toStoredPost(Date.parse(p.created_at) >= NOW - 29 * DAY ? { ...p, non_public_metrics: privateMetricsOf(p) } : p));
  const { start, previousStart } = reportPeriod(NOW, DAYS, ZONE);
  const followers = 1_842;
  const summary = summarise({
    profile: { id: member.data.profile.id, name: 'Ada Lovelace', username: 'ada_codes', followers, following: 311 },
    posts,
    mentions: member.data.mentions.map(toStoredPost),
    previousPosts: posts.filter((p) => p.createdAt >= previousStart),
    period: { start, end: NOW, days: DAYS },
    timeZone: ZONE,
    read: { posts: { storedFrom: previousStart, cut: null }, mentions: { storedFrom: start, cut: null } },
    limits: { maxPosts: 1000, postMicroUsd: 5_000, periods: REPORT_PERIODS },
    audience: 'private',
    refreshHorizonHours: 48,
    followerHistory: [{ day: utcDate(start - DAY), followers: followers - 57 }],
  });
  const layout = reportLayout(en, summary, {
    showPrivate: true,
    chartFile: 'x-report.png',
    footer: { dataAsOf: NOW, usage: { requests: 4, postsRead: 38, postsRepeated: 0, userReads: 1 }, costMicroUsd: 38 * 5_000 + 10_000 },
    controls: { viewId: 'ExampleExampleExample0', days: DAYS, periods: REPORT_PERIODS, shareable: true },
  });
  return { layout, markdown: markdownOf(layout), png: renderChart(summary.activity.days, en.report.chart(ZONE)) };
}

type Node = { type: number; content?: string; components?: Node[]; label?: string; disabled?: boolean };

/** The message as Discord lays it out, top to bottom, in Markdown a README can show. */
function markdownOf(layout: APIMessageTopLevelComponent[]): string {
  const parts: string[] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.type === ComponentType.TextDisplay) parts.push(n.content ?? '');
      else if (n.type === ComponentType.MediaGallery) parts.push('![chart](report-example.png)');
      else if (n.type === ComponentType.Separator) parts.push('―――');
      else if (n.type === ComponentType.ActionRow) {
        parts.push((n.components ?? []).map((b) => (b.disabled ? `\`${b.label}\`` : `**[ ${b.label} ]**`)).join(' '));
      } else if (n.components) walk(n.components);
    }
  };
  walk(layout as unknown as Node[]);
  // Discord's "-#" subtext has no Markdown twin: shown as small print.
  const text = parts.join('\n\n').replace(/^-# (.*)$/gm, '<sub>$1</sub>');
  return `${text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')}\n`;
}
