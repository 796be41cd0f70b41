// The report README.md shows, built from a seeded member (the same every run)
// through the bot's own summary, embed and chart code. `npm run docs:report`
// writes it to docs/; a test checks that what is committed is still current.

import type { APIEmbed } from 'discord-api-types/v10';
import { SimulatedMember } from '../src/local-x/simulated-member.js';
import { privateMetricsOf } from '../src/local-x/timeline-routes.js';
import { renderChart } from '../src/report/chart.js';
import { reportEmbed } from '../src/report/embed.js';
import { reportPeriod, utcDate } from '../src/report/local-time.js';
import { REPORT_PERIODS } from '../src/report/report-service.js';
import { toStoredPost } from '../src/report/stored-post.js';
import { summarise } from '../src/report/summary.js';
import { en } from '../src/text/catalog.js';

export function exampleReport(): { embed: APIEmbed; markdown: string; png: Buffer } {
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
  const embed = reportEmbed(en, summary, {
    dataAsOf: NOW,
    usage: { requests: 4, postsRead: 38, postsRepeated: 0, userReads: 1 },
    costMicroUsd: 38 * 5_000 + 10_000,
    chartFile: 'x-report.png',
  });
  return { embed, markdown: markdownOf(embed), png: renderChart(summary.activity.days, en.report.chart(ZONE)) };
}

/** The embed as Discord lays it out, in Markdown a README can show. */
function markdownOf(e: APIEmbed): string {
  const quote = (text: string) =>
    text
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n');
  const parts = [`**${e.author?.name}**`, `### ${e.title}`, e.description ?? ''];
  for (const f of e.fields ?? []) parts.push(`**${f.name}**${f.inline ? ' _(side by side)_' : ''}\n${f.value}`);
  parts.push('![chart](report-example.png)', `_${e.footer?.text}_`);
  return `${quote(parts.join('\n\n'))}\n`;
}
