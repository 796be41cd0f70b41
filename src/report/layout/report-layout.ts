// Lays a ReportSummary out as one Components V2 message: a container with
// the header, the headline row, the chart in a media gallery, the top three
// posts, the rest compact, the footer, and the buttons. Always within
// Discord's limits (see limits.ts): what does not fit is shortened, lowest
// priority first, never the headline or the footer. Pure.

import { type APIComponentInContainer, type APIMessageTopLevelComponent, ComponentType, SeparatorSpacingSize } from 'discord-api-types/v10';
import type { PlaceKind } from '../../interaction/place.js';
import type { Catalog } from '../../text/catalog.js';
import { escapeMarkdown } from '../../text/format.js';
import type { Usage } from '../../twitter/v2-client.js';
import { barUnit } from '../chart/chart-bars.js';
import { LocalClock } from '../local-time.js';
import type { MissingReason, ReportSummary, TopPost } from '../summary/summary.js';
import { controlRows, type ReportControls } from './controls.js';
import { headline, headlineReason } from './headline.js';
import { V2_LIMITS } from './limits.js';

export interface LayoutOptions {
  /** The member's private X analytics are shown only in a report only they see. */
  showPrivate: boolean;
  /** The chart's attachment name. */
  chartFile: string;
  /** What this report read and cost; olderPosts: of the posts read, those older than what was stored (a longer period, a read going on). */
  footer: { dataAsOf: number; usage: Usage; costMicroUsd: number; olderPosts?: number };
  /** The buttons; none on a shared copy. */
  controls: ReportControls | null;
  /** A line above the report (a shared copy says who shared it). */
  preface?: string;
  /** Made where the bot is not installed: the footer says why only the member sees it. */
  privateHere?: PlaceKind;
}

const ACCENT = 0x1d9bf0;
/** A top post's text is shown up to X's classic length. */
const TOP_POST_TEXT = 280;

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.charCodeAt(max - 2) >= 0xd800 && text.charCodeAt(max - 2) <= 0xdbff ? max - 2 : max - 1;
  return `${text.slice(0, cut)}…`;
}

/** One block of text with how readily it is shortened when the whole does not fit (higher: kept longer). */
interface Block {
  text: string;
  priority: number;
}

/** Why a section is missing, if it is. */
const missingOf = <S extends MissingReason['section']>(s: ReportSummary, section: S) =>
  s.missing.find((m): m is Extract<MissingReason, { section: S }> => m.section === section);

function header(t: Catalog, s: ReportSummary, preface: string | undefined): Block {
  const p = s.profile;
  const r = t.report;
  const clock = new LocalClock(s.timeZone);
  const period = t.reportView.period(
    s.period.days,
    clock.parts(s.period.start).date,
    clock.parts(s.period.end).date,
    escapeMarkdown(s.timeZone),
  );
  const follow = p.followers !== undefined ? r.followers(p.followers, p.following ?? 0) : '';
  const lines = [
    ...(preface ? [`-# ${preface}`] : []),
    `## ${escapeMarkdown(p.name)} · [@${escapeMarkdown(p.username)}](https://x.com/${encodeURIComponent(p.username)})`,
    `-# ${period}${follow}`,
  ];
  // What the report covers when it is less than asked, and how to get more: before any number.
  const { coverage } = s;
  const posts = coverage.posts;
  if (posts.cut) {
    const why = r.coverage({
      daysRead: coverage.daysRead,
      days: coverage.days,
      since: clock.stamp(posts.from),
      posts: posts.count,
      reason: posts.cut,
      maxPosts: coverage.maxPosts,
    });
    const more = coverage.more
      ? r.moreCoverage(coverage.more.how === 'keep-reporting' ? { ...coverage.more, days: s.period.days } : coverage.more)
      : '';
    lines.push([why, more].filter(Boolean).join(' '));
  }
  if (s.activity.total === 0 && !posts.cut)
    lines.push(r.quietPeriod(escapeMarkdown(`@${p.username}`), s.period.days, Boolean(p.protected)));
  const refresh = s.profileRefresh;
  if (refresh.asked && !refresh.done) lines.push(`-# ${r.refreshTooSoon(refresh.readAt, refresh.nextAt)}`);
  return { text: lines.join('\n'), priority: 9 };
}

function topPosts(t: Catalog, s: ReportSummary): Block | null {
  const top = s.engagement.top.slice(0, 3);
  if (top.length === 0) {
    return missingOf(s, 'top-posts') ? { text: `### ${t.reportView.topPosts}\n${t.report.noTopPosts}`, priority: 5 } : null;
  }
  const line = (p: TopPost, i: number) => {
    const text = escapeMarkdown(clip(p.excerpt || t.report.noText, TOP_POST_TEXT)).replace(/\s*\n\s*/g, ' ');
    const meta = t.reportView.topPost(p.date, t.reportView.kinds[p.kind], p.engagement, p.rate);
    return `${i + 1}. [${text}](${p.url})\n-# ${meta}`;
  };
  return { text: [`### ${t.reportView.topPosts}`, ...top.map(line)].join('\n'), priority: 5 };
}

function activityLines(t: Catalog, s: ReportSummary): string[] {
  const r = t.report;
  const a = s.activity;
  const lines = [
    r.activityTotal(a.total, a.perDay, s.coverage.wholeDays, s.coverage.posts.lowerBound),
    r.activityMix(a.byKind.original, a.byKind.reply, a.byKind.quote, a.byKind.repost),
  ];
  const when = [
    ...(a.busiestWeekday ? [r.busiestWeekday(t.weekdays[a.busiestWeekday.weekday] ?? '', a.busiestWeekday.perDay)] : []),
    ...(a.busiestHour ? [r.busiestHour(a.busiestHour.hour, s.timeZone, a.busiestHour.count)] : []),
  ];
  if (when.length) lines.push(when.join(' · '));
  const few = missingOf(s, 'patterns');
  if (few) lines.push(r.noPatterns(few.posts, few.needed));
  const days = [
    ...(a.busiestDay ? [r.busiestDay(a.busiestDay.date, a.busiestDay.count)] : []),
    ...(a.longestStreak ? [r.longestStreak(a.longestStreak.days, a.longestStreak.atLeast)] : []),
  ];
  if (days.length) lines.push(days.join(' · '));
  return lines;
}

function engagementLines(t: Catalog, s: ReportSummary): string[] {
  const r = t.report;
  const e = s.engagement;
  const per = (v: number) => (v < 10 ? v.toFixed(1) : String(Math.round(v)));
  const lines = [
    `${r.likesLine(e.totals.likes, per(e.perPost.likes))} · ${r.bookmarksLine(e.totals.bookmarks)}`,
    r.interactionsLine(e.totals.reposts, e.totals.replies, e.totals.quotes),
  ];
  if (e.impressions) lines.push(r.impressionsLine(e.impressions.total, e.impressions.perPost, e.impressions.posts, e.ownPosts));
  if (e.rate) lines.push(r.engagementRate(e.rate));
  if (e.metricsAsOfLastRead) lines.push(r.metricsAsOfLastRead(e.metricsAsOfLastRead.olderThanHours));
  return lines;
}

function responsivenessLines(t: Catalog, s: ReportSummary): string[] {
  const r = t.report;
  const resp = s.responsiveness;
  if (!resp) return [r.mentionsNotRead(missingOf(s, 'responsiveness')?.bound ?? 'off')];
  const clock = new LocalClock(s.timeZone);
  const lines = [r.mentionsReceived(resp.received, resp.lowerBound, clock.stamp(s.coverage.mentions?.from ?? s.period.start))];
  if (resp.considered > 0) {
    // Said when the answers are over fewer mentions than received: those older than the posts read cannot be matched.
    const since = resp.considered < resp.received ? clock.stamp(resp.consideredFrom) : null;
    lines.push(r.answeredLine(resp.answeredShare ?? 0, resp.answered, resp.considered, since));
    if (resp.medianResponseMs !== null) lines.push(r.medianAnswer(resp.medianResponseMs));
    lines.push(r.withinHour(resp.withinHourShare ?? 0));
  }
  return lines;
}

function topicLines(t: Catalog, s: ReportSummary): string[] {
  const r = t.report;
  const tp = s.topics;
  const list = (items: { name: string; count: number }[]) => items.map((i) => `${escapeMarkdown(i.name)} (${i.count})`).join(', ');
  const topics: string[] = [];
  if (tp.hashtags.length) topics.push(r.hashtags(list(tp.hashtags)));
  if (tp.mentions.length) topics.push(r.mentions(list(tp.mentions)));
  if (tp.domains.length) topics.push(r.links(list(tp.domains)));
  if (tp.mediaShare !== null && topics.length) topics.push(r.mediaShare(tp.mediaShare));
  if (!topics.length && missingOf(s, 'topics')) topics.push(r.noTopics);
  return topics;
}

/** Everything else, one short paragraph each, in the order a member asks about them; a missing one says why. */
function rest(t: Catalog, s: ReportSummary): Block[] {
  const r = t.report;
  const e = s.engagement;
  const blocks: Block[] = [];
  const para = (title: string, lines: string[], priority: number) => blocks.push({ text: `**${title}**\n${lines.join('\n')}`, priority });
  para(r.activityField, activityLines(t, s), 4);
  para(r.engagementField(e.ownPosts), e.ownPosts > 0 ? engagementLines(t, s) : [r.noOwnPosts], 4);
  const privateWhy = missingOf(s, 'private');
  if (e.private) para(r.privateField, [r.privateLines(s.period.days, e.private)], 3);
  else if (privateWhy && e.ownPosts > 0) {
    para(r.privateField, [r.privateMissing(privateWhy.why, privateWhy.why === 'read-without' ? privateWhy.eligible : 0)], 3);
  }
  if (e.ownPosts > 0) {
    const b = e.bestTime;
    const value = b.found
      ? r.bestTime(t.weekdays[b.weekday] ?? '', b.hour, s.timeZone, b)
      : r.bestTimeUnknown(b.sample, b.minPerSlot, b.minSample);
    para(r.bestTimeField, [value], 2);
  }
  para(r.responsivenessField, responsivenessLines(t, s), 1);
  const topics = topicLines(t, s);
  if (topics.length) para(r.topicsField, topics, 0);
  return blocks;
}

/** Shortens the lowest-priority blocks until the text fits Discord's total. */
function fitText(blocks: Block[], budget: number): void {
  const total = () => blocks.reduce((n, b) => n + b.text.length, 0);
  const order = [...blocks].sort((a, b) => a.priority - b.priority);
  for (const block of order) {
    const over = total() - budget;
    if (over <= 0) return;
    block.text = block.text.length - over > 40 ? clip(block.text, block.text.length - over) : '';
  }
}

export function reportLayout(t: Catalog, s: ReportSummary, options: LayoutOptions): APIMessageTopLevelComponent[] {
  const figures = headline(t, s);
  const head = header(t, s, options.preface);
  const reason = headlineReason(t, s);
  const lines = figures.map((f) => t.reportView.headline.line(f.value, f.label, f.note));
  const numbers: Block = { text: [...lines, `-# ${reason}`].join('\n'), priority: 10 };
  const top = topPosts(t, s);
  const more = rest(t, s);
  const footer: Block = {
    text: [
      `-# ${t.report.footer(options.footer.usage, options.footer.costMicroUsd, options.footer.olderPosts)} · ${t.reportView.dataAsOf(options.footer.dataAsOf)}`,
      `-# ${t.reportView.meaning}`,
      // Counted in the text Discord allows, as the footer is: the reason is never cut for want of room.
      ...(options.privateHere ? [`-# ${t.place.privateHere(options.privateHere)}`] : []),
    ].join('\n'),
    priority: 10,
  };
  const blocks = [head, numbers, ...(top ? [top] : []), ...more, footer];
  // The rest is one text display, its blocks joined by a blank line: those characters count too.
  fitText(blocks, V2_LIMITS.totalText - 2 * more.length);

  const text = (b: Block): APIComponentInContainer[] => (b.text ? [{ type: ComponentType.TextDisplay, content: b.text }] : []);
  const separator = (): APIComponentInContainer => ({ type: ComponentType.Separator, divider: true, spacing: SeparatorSpacingSize.Small });
  const restText = more
    .map((b) => b.text)
    .filter(Boolean)
    .join('\n\n');
  const inside: APIComponentInContainer[] = [
    ...text(head),
    ...text(numbers),
    {
      type: ComponentType.MediaGallery,
      items: [
        {
          media: { url: `attachment://${options.chartFile}` },
          description: t.reportView.chartAlt(s.period.days, barUnit(s.activity.days.length)),
        },
      ],
    },
    ...(top ? [separator(), ...text(top)] : []),
    ...(restText ? [separator(), { type: ComponentType.TextDisplay as const, content: restText }] : []),
    separator(),
    ...text(footer),
  ];
  if (options.controls) inside.push(...controlRows(t, options.controls));
  return [{ type: ComponentType.Container, accent_color: ACCENT, components: inside }];
}
