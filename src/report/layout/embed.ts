// Lays a ReportSummary out as a Discord embed, always within Discord's limits
// (title 256, description 4096, 25 fields, field name 256, value 1024,
// footer 2048, 6000 characters in total).

import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Catalog } from '../../text/catalog.js';
import { count, escapeMarkdown } from '../../text/format.js';
import type { Usage } from '../../twitter/v2-client.js';
import { LocalClock } from '../local-time.js';
import type { MissingReason, ReportSummary } from '../summary/summary.js';
import { narrative } from './narrative.js';

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
  /** What this report read from X, and what that cost. */
  usage: Usage;
  costMicroUsd: number;
  chartFile?: string;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Why a section is missing, if it is. */
const missingOf = <S extends MissingReason['section']>(s: ReportSummary, section: S) =>
  s.missing.find((m): m is Extract<MissingReason, { section: S }> => m.section === section);

/** Short fields sit side by side (up to three a row on desktop) instead of each taking the embed's full width. */
function fields(t: Catalog, s: ReportSummary): APIEmbedField[] {
  const r = t.report;
  const { engagement: e } = s;
  const out: APIEmbedField[] = [activityField(t, s)];
  out.push({ name: r.engagementField(e.ownPosts), value: e.ownPosts > 0 ? engagementLines(t, s).join('\n') : r.noOwnPosts, inline: true });
  if (e.private) {
    out.push({ name: r.privateField, value: r.privateLines(s.period.days, e.private), inline: true });
  } else {
    const why = missingOf(s, 'private');
    if (why && e.ownPosts > 0)
      out.push({ name: r.privateField, value: r.privateMissing(why.why, why.why === 'read-without' ? why.eligible : 0), inline: true });
  }
  if (e.ownPosts > 0) {
    const b = e.bestTime;
    const value = b.found
      ? r.bestTime(t.weekdays[b.weekday] ?? '', b.hour, s.timeZone, b)
      : r.bestTimeUnknown(b.sample, b.minPerSlot, b.minSample);
    out.push({ name: r.bestTimeField, value, inline: true });
  }
  out.push({ name: r.responsivenessField, value: responsivenessLines(t, s), inline: true });
  if (e.top.length > 0) {
    const value = e.top
      .map((p, i) => `${i + 1}. [${escapeMarkdown(clip(p.excerpt || r.noText, 90))}](${p.url}) — ${r.topPost(p)}`)
      .join('\n');
    out.push({ name: r.topPostsField, value });
  } else if (missingOf(s, 'top-posts')) {
    out.push({ name: r.topPostsField, value: r.noTopPosts });
  }
  const topics = topicLines(t, s);
  if (topics.length) out.push({ name: r.topicsField, value: topics.join('\n') });
  else if (missingOf(s, 'topics')) out.push({ name: r.topicsField, value: r.noTopics });
  return out;
}

function activityField(t: Catalog, s: ReportSummary): APIEmbedField {
  const r = t.report;
  const a = s.activity;
  const lines = [
    r.activityTotal(a.total, a.perDay, s.coverage.wholeDays, s.coverage.posts.lowerBound),
    r.activityMix(a.byKind.original, a.byKind.reply, a.byKind.quote, a.byKind.repost),
  ];
  if (a.busiestWeekday) lines.push(r.busiestWeekday(t.weekdays[a.busiestWeekday.weekday] ?? '', a.busiestWeekday.perDay));
  if (a.busiestHour) lines.push(r.busiestHour(a.busiestHour.hour, s.timeZone, a.busiestHour.count));
  const few = missingOf(s, 'patterns');
  if (few) lines.push(r.noPatterns(few.posts, few.needed));
  if (a.busiestDay) lines.push(r.busiestDay(a.busiestDay.date, a.busiestDay.count));
  if (a.longestStreak) lines.push(r.longestStreak(a.longestStreak.days, a.longestStreak.atLeast));
  return { name: r.activityField, value: lines.join('\n'), inline: true };
}

function engagementLines(t: Catalog, s: ReportSummary): string[] {
  const r = t.report;
  const e = s.engagement;
  const per = (v: number) => (v < 10 ? v.toFixed(1) : count(v));
  const lines = [
    r.likesLine(e.totals.likes, per(e.perPost.likes)),
    r.interactionsLine(e.totals.reposts, e.totals.replies, e.totals.quotes),
    r.bookmarksLine(e.totals.bookmarks),
  ];
  if (e.impressions) lines.push(r.impressionsLine(e.impressions.total, e.impressions.perPost, e.impressions.posts, e.ownPosts));
  if (e.rate) lines.push(r.engagementRate(e.rate));
  if (e.metricsAsOfLastRead) lines.push(r.metricsAsOfLastRead(e.metricsAsOfLastRead.olderThanHours));
  return lines;
}

function responsivenessLines(t: Catalog, s: ReportSummary): string {
  const r = t.report;
  const resp = s.responsiveness;
  if (!resp) {
    const why = missingOf(s, 'responsiveness');
    return r.mentionsNotRead(why?.bound ?? 'off');
  }
  const clock = new LocalClock(s.timeZone);
  const lines = [r.mentionsReceived(resp.received, resp.lowerBound, clock.stamp(s.coverage.mentions?.from ?? s.period.start))];
  if (resp.considered > 0) {
    // Said when the answers are over fewer mentions than received: those older than the posts read cannot be matched.
    const since = resp.considered < resp.received ? clock.stamp(resp.consideredFrom) : null;
    lines.push(r.answeredLine(resp.answeredShare ?? 0, resp.answered, resp.considered, since));
    if (resp.medianResponseMs !== null) lines.push(r.medianAnswer(resp.medianResponseMs));
    lines.push(r.withinHour(resp.withinHourShare ?? 0));
  }
  return lines.join('\n');
}

function topicLines(t: Catalog, s: ReportSummary): string[] {
  const r = t.report;
  const tp = s.topics;
  const topics: string[] = [];
  const list = (items: { name: string; count: number }[]) => items.map((i) => `${escapeMarkdown(i.name)} (${i.count})`).join(', ');
  if (tp.hashtags.length) topics.push(r.hashtags(list(tp.hashtags)));
  if (tp.mentions.length) topics.push(r.mentions(list(tp.mentions)));
  if (tp.domains.length) topics.push(r.links(list(tp.domains)));
  if (tp.mediaShare !== null && topics.length) topics.push(r.mediaShare(tp.mediaShare));
  return topics;
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

export function reportEmbed(t: Catalog, s: ReportSummary, footer: ReportFooter): APIEmbed {
  const p = s.profile;
  const follow = p.followers !== undefined ? t.report.followers(p.followers, p.following ?? 0) : '';
  // The period's dates in the zone the member asked for, like every other date in the report.
  const clock = new LocalClock(s.timeZone);
  const from = clock.parts(s.period.start).date;
  const to = clock.parts(s.period.end).date;
  const embed: APIEmbed = {
    color: 0x1d9bf0,
    // The avatar once, small beside the name (no thumbnail: X's profile_image_url is a 48 px image it would enlarge).
    author: { name: `${p.name} (@${p.username})`, url: `https://x.com/${p.username}`, icon_url: p.avatarUrl },
    title: t.report.title(s.period.days),
    url: `https://x.com/${p.username}`,
    description: `${narrative(t, s)}\n\n*${from} → ${to} (${escapeMarkdown(s.timeZone)})${follow}*`,
    fields: fields(t, s),
    image: footer.chartFile ? { url: `attachment://${footer.chartFile}` } : undefined,
    footer: {
      // When the data is from is the embed's timestamp, which Discord shows in each reader's own time.
      text: t.report.footer(footer.usage, footer.costMicroUsd),
    },
    timestamp: new Date(footer.dataAsOf).toISOString(),
  };
  return fitEmbed(embed);
}
