// Lays a ReportSummary out as a Discord embed, always within Discord's limits
// (title 256, description 4096, 25 fields, field name 256, value 1024,
// footer 2048, 6000 characters in total).

import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { escapeMarkdown } from '../discord-api/markdown.js';
import { formatCount, formatDuration, formatShare, narrative, WEEKDAYS } from './narrative.js';
import type { ReportSummary } from './summary.js';

export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  total: 6000,
};

export interface ReportFooter {
  dataAsOf: number;
  postsRead: number;
  requests: number;
  chartFile?: string;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function signed(share: number): string {
  return `${share >= 0 ? '+' : '−'}${formatShare(Math.abs(share))}`;
}

function fields(s: ReportSummary): APIEmbedField[] {
  const { activity: a, engagement: e, topics: t, responsiveness: r, trend } = s;
  const out: APIEmbedField[] = [];
  const activity = [
    `**${formatCount(a.total)}** posts · ${a.perDay.toFixed(1)}/day`,
    `${formatCount(a.byKind.original)} original · ${formatCount(a.byKind.reply)} replies · ${formatCount(a.byKind.quote)} quotes · ${formatCount(a.byKind.repost)} reposts`,
  ];
  if (a.busiestWeekday) activity.push(`Busiest weekday: ${WEEKDAYS[a.busiestWeekday.weekday]} (${a.busiestWeekday.count})`);
  if (a.busiestHour)
    activity.push(`Busiest hour: ${String(a.busiestHour.hour).padStart(2, '0')}:00 ${s.timeZone} (${a.busiestHour.count})`);
  if (a.busiestDay) activity.push(`Busiest day: ${a.busiestDay.date} (${a.busiestDay.count})`);
  if (a.longestStreak) activity.push(`Longest streak: ${a.longestStreak.days} day${a.longestStreak.days === 1 ? '' : 's'}`);
  out.push({ name: 'Activity', value: activity.join('\n') });

  if (e.ownPosts > 0) {
    const per = (v: number) => (v < 10 ? v.toFixed(1) : formatCount(v));
    const lines = [
      `❤️ ${formatCount(e.totals.likes)} likes (${per(e.perPost.likes)}/post)`,
      `🔁 ${formatCount(e.totals.reposts)} reposts · 💬 ${formatCount(e.totals.replies)} replies · ❝ ${formatCount(e.totals.quotes)} quotes`,
      `🔖 ${formatCount(e.totals.bookmarks)} bookmarks · 👁️ ${formatCount(e.totals.impressions)} impressions`,
    ];
    if (e.rate !== null) lines.push(`Engagement rate: ${(e.rate * 100).toFixed(2)}%`);
    out.push({ name: `Engagement on ${formatCount(e.ownPosts)} own posts`, value: lines.join('\n') });
  }
  if (e.top.length > 0) {
    const value = e.top
      .map(
        (p, i) =>
          `${i + 1}. [${escapeMarkdown(clip(p.excerpt || '(no text)', 90))}](${p.url}) — ${formatCount(p.likes)} ❤️ ${formatCount(p.reposts)} 🔁 ${formatCount(p.replies)} 💬`,
      )
      .join('\n');
    out.push({ name: 'Top posts', value });
  }
  const topics: string[] = [];
  const list = (items: { name: string; count: number }[]) => items.map((i) => `${escapeMarkdown(i.name)} (${i.count})`).join(', ');
  if (t.hashtags.length) topics.push(`Hashtags: ${list(t.hashtags)}`);
  if (t.mentions.length) topics.push(`Mentions: ${list(t.mentions)}`);
  if (t.domains.length) topics.push(`Links: ${list(t.domains)}`);
  if (t.mediaShare !== null) topics.push(`Posts with media: ${formatShare(t.mediaShare)}`);
  if (topics.length) out.push({ name: 'Topics', value: topics.join('\n') });

  if (r) {
    const lines = [`${formatCount(r.received)} mentions received`];
    if (r.received > 0) {
      lines.push(`Answered: ${formatShare(r.answeredShare ?? 0)} (${formatCount(r.answered)})`);
      if (r.medianResponseMs !== null) lines.push(`Median time to answer: ${formatDuration(r.medianResponseMs)}`);
      lines.push(`Answered within 1 hour: ${formatShare(r.withinHourShare ?? 0)}`);
    }
    out.push({ name: 'Responsiveness', value: lines.join('\n') });
  }
  if (trend) {
    const lines = [
      `Posts: ${formatCount(s.activity.total)} vs ${formatCount(trend.previousPosts)}${trend.postsChange !== null ? ` (${signed(trend.postsChange)})` : ''}`,
      `Likes: ${formatCount(e.totals.likes)} vs ${formatCount(trend.previousLikes)}${trend.likesChange !== null ? ` (${signed(trend.likesChange)})` : ''}`,
    ];
    out.push({ name: `Trend vs previous ${s.period.days} days`, value: lines.join('\n') });
  }
  if (s.cut) {
    const why = {
      'x-cap': 'X serves only the 3,200 most recent posts',
      'max-posts': 'the bot reads at most a set number of posts per report',
      budget: "this month's X budget for reports ran out",
    }[s.cut.reason];
    out.push({
      name: 'Partial period',
      value: `Posts before ${new Date(s.cut.oldest).toISOString().slice(0, 10)} are not included: ${why}.`,
    });
  }
  return out;
}

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Trims an embed until it fits Discord's limits: long values first, then trailing fields. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = {
    ...embed,
    title: embed.title && clip(embed.title, EMBED_LIMITS.title),
    description: embed.description && clip(embed.description, EMBED_LIMITS.description),
    footer: embed.footer && { ...embed.footer, text: clip(embed.footer.text, EMBED_LIMITS.footer) },
    author: embed.author && { ...embed.author, name: clip(embed.author.name, EMBED_LIMITS.author) },
    fields: (embed.fields ?? [])
      .slice(0, EMBED_LIMITS.fields)
      .map((f) => ({ ...f, name: clip(f.name, EMBED_LIMITS.fieldName), value: clip(f.value, EMBED_LIMITS.fieldValue) })),
  };
  const fields = fitted.fields ?? [];
  while (embedLength(fitted) > EMBED_LIMITS.total && fields.length > 0) fields.pop();
  if (embedLength(fitted) > EMBED_LIMITS.total && fitted.description) {
    fitted.description = clip(fitted.description, Math.max(1, fitted.description.length - (embedLength(fitted) - EMBED_LIMITS.total)));
  }
  return fitted;
}

export function reportEmbed(s: ReportSummary, footer: ReportFooter): APIEmbed {
  const p = s.profile;
  const follow = p.followers !== undefined ? ` · ${formatCount(p.followers)} followers · ${formatCount(p.following ?? 0)} following` : '';
  const from = new Date(s.period.start).toISOString().slice(0, 10);
  const to = new Date(s.period.end).toISOString().slice(0, 10);
  const embed: APIEmbed = {
    color: 0x1d9bf0,
    author: { name: `${p.name} (@${p.username})`, url: `https://x.com/${p.username}`, icon_url: p.avatarUrl },
    title: `X report: last ${s.period.days} days`,
    url: `https://x.com/${p.username}`,
    description: `${escapeMarkdown(narrative(s))}\n\n*${from} → ${to}${follow}*`,
    fields: fields(s),
    thumbnail: p.avatarUrl ? { url: p.avatarUrl } : undefined,
    image: footer.chartFile ? { url: `attachment://${footer.chartFile}` } : undefined,
    footer: {
      text: `Data as of ${new Date(footer.dataAsOf).toISOString().replace('T', ' ').slice(0, 16)} UTC · this report read ${formatCount(footer.postsRead)} post${footer.postsRead === 1 ? '' : 's'} from X in ${formatCount(footer.requests)} request${footer.requests === 1 ? '' : 's'}`,
    },
    timestamp: new Date(footer.dataAsOf).toISOString(),
  };
  return fitEmbed(embed);
}
