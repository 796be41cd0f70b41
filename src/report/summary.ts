// Turns a member's posts and mentions into the numbers a report shows. Pure:
// no I/O, no clock; everything it needs comes in as arguments.

import { compareIds } from '../twitter/ids.js';
import { PRIVATE_METRICS_DAYS } from '../twitter/v2-types.js';
import { datesBetween, LocalClock, utcDate } from './local-time.js';
import type { PostKind, StoredPost } from './stored-post.js';
import type { ReadResult } from './timeline-reader.js';

export interface ReportProfile {
  id: string;
  name: string;
  username: string;
  avatarUrl?: string;
  followers?: number;
  following?: number;
  /** Posts ever made, as X counts them. */
  tweetCount?: number;
  protected?: boolean;
}

export interface ReportInput {
  profile: ReportProfile;
  /** The member's posts; those outside the period are ignored. */
  posts: StoredPost[];
  /** Mentions of the member in the period; null when the section is off. */
  mentions: StoredPost[] | null;
  /** The member's posts in the previous period of the same length, when stored in full. */
  previousPosts: StoredPost[] | null;
  period: { start: number; end: number; days: number };
  timeZone: string;
  /** Set when a bound stopped reading before the period start. */
  cut: ReadResult['cut'];
  /** Metrics are read again only for posts younger than this (REPORT_REFRESH_HOURS); older ones keep those of their last read. */
  refreshHorizonHours?: number;
  /** The member's followers per UTC day, oldest first, as the bot's profile reads saw them. */
  followerHistory?: Array<{ day: string; followers: number }>;
}

export interface DayActivity {
  date: string;
  original: number;
  reply: number;
  quote: number;
  repost: number;
  likes: number;
  /** Impressions of the day's own posts (however late they came), as likes. */
  impressions: number;
}

export interface TopPost {
  id: string;
  url: string;
  excerpt: string;
  kind: PostKind;
  engagement: number;
  likes: number;
  reposts: number;
  replies: number;
  /** Null when X sent no impression count for the post. */
  impressions: number | null;
}

/**
 * The member's private metrics (X's non_public_metrics), summed over their own
 * posts of the last 30 days that carry them: X sends them only for those.
 */
export interface PrivateMetricsSummary {
  /** Own posts of the last 30 days in the period that carry private metrics. */
  posts: number;
  /** Own posts of the last 30 days in the period, with or without them. */
  eligible: number;
  impressions: number;
  profileVisits: number;
  linkClicks: number;
  /** Null when X sent no engagement counts. */
  engagements: number | null;
  /** X's engagement rate: engagements ÷ impressions, over posts that have both; null without impressions. */
  rate: number | null;
}

/**
 * When the member's own posts earned most, by interactions per post (not by
 * how often they post), over weekday × hour in their zone. Posts younger than
 * MATURE_HOURS are left out: they are still collecting. Only slots with at
 * least MIN_SLOT_POSTS posts count, and at least two such slots must exist,
 * or there is nothing to compare.
 */
export type BestTime =
  | {
      found: true;
      weekday: number;
      hour: number;
      /** Interactions per post in that slot. */
      perPost: number;
      /** Posts in that slot. */
      posts: number;
      /** Interactions per post over the whole sample. */
      average: number;
      /** Posts considered (own, mature, in the period). */
      sample: number;
      /** Slots with enough posts to be compared. */
      slots: number;
    }
  | { found: false; sample: number; minPerSlot: number };

export interface Counted {
  name: string;
  count: number;
}

export interface ReportSummary {
  profile: ReportProfile;
  period: ReportInput['period'];
  timeZone: string;
  cut: ReportInput['cut'];
  /**
   * Change in followers: over the period when a snapshot reaches back to its
   * start, else since the first snapshot (`since`, a UTC date); null before
   * there are two days to compare.
   */
  followerGrowth: { change: number; since: string | null } | null;
  activity: {
    total: number;
    byKind: Record<PostKind, number>;
    perDay: number;
    busiestWeekday: { weekday: number; count: number } | null;
    busiestHour: { hour: number; count: number } | null;
    longestStreak: { days: number; from: string; to: string } | null;
    busiestDay: { date: string; count: number } | null;
    days: DayActivity[];
  };
  engagement: {
    ownPosts: number;
    totals: { likes: number; reposts: number; replies: number; quotes: number; bookmarks: number; impressions: number };
    perPost: { likes: number; reposts: number; replies: number; quotes: number; bookmarks: number; impressions: number };
    /** Interactions per impression over posts that report impressions; null when none do. */
    rate: number | null;
    top: TopPost[];
    /** Impressions per own post, over posts X sent a count for; null when it sent none. */
    impressionsPerPost: number | null;
    /** Null when no own post of the last 30 days carries private metrics. */
    private: PrivateMetricsSummary | null;
    bestTime: BestTime;
    /** Set when some posts are older than the refresh horizon: their metrics are those of their last read. */
    metricsAsOfLastRead: { olderThanHours: number } | null;
  };
  topics: { hashtags: Counted[]; mentions: Counted[]; domains: Counted[]; mediaShare: number | null };
  responsiveness: {
    received: number;
    answered: number;
    answeredShare: number | null;
    medianResponseMs: number | null;
    withinHourShare: number | null;
  } | null;
  /** Null when the previous period is not stored: the bot never buys posts only to compare. */
  trend: {
    previousPosts: number;
    postsChange: number | null;
    /**
     * Likes per own post, counting only posts at least MATURE_HOURS old in
     * either period: a post collects most of its likes in its first days, so
     * comparing brand-new posts with week-old ones would show a fall that is
     * only their age. Null when either period has no such post.
     */
    likesPerPost: { now: number; before: number; change: number | null; matureHours: number } | null;
  } | null;
}

const HOUR = 3_600_000;

export function engagementOf(post: StoredPost): number {
  return post.likes + post.reposts + post.replies + post.quotes + post.bookmarks;
}

function excerpt(text: string, max = 90): string {
  const clean = text
    .replace(/https:\/\/t\.co\/\w+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

function topCounts(counts: Map<string, { display: string; count: number }>, n = 5): Counted[] {
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || a.display.localeCompare(b.display))
    .slice(0, n)
    .map((c) => ({ name: c.display, count: c.count }));
}

function bump(counts: Map<string, { display: string; count: number }>, key: string, display: string): void {
  const entry = counts.get(key);
  if (entry) entry.count++;
  else counts.set(key, { display, count: 1 });
}

function change(now: number, before: number): number | null {
  return before === 0 ? null : (now - before) / before;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

function inPeriod(post: StoredPost, start: number, end: number): boolean {
  return post.createdAt >= start && post.createdAt <= end;
}

export function summarise(input: ReportInput): ReportSummary {
  const { period, profile } = input;
  const clock = new LocalClock(input.timeZone);
  const posts = input.posts.filter((post) => inPeriod(post, period.start, period.end));

  const dates = datesBetween(clock.parts(period.start).date, clock.parts(period.end).date);
  const days = new Map<string, DayActivity>(
    dates.map((date) => [date, { date, original: 0, reply: 0, quote: 0, repost: 0, likes: 0, impressions: 0 }]),
  );
  const byKind: Record<PostKind, number> = { original: 0, reply: 0, quote: 0, repost: 0 };
  const weekdays = new Array<number>(7).fill(0);
  const hours = new Array<number>(24).fill(0);
  const totals = { likes: 0, reposts: 0, replies: 0, quotes: 0, bookmarks: 0, impressions: 0 };
  let interactionsWithImpressions = 0;
  let impressionsCounted = 0;
  let withMedia = 0;
  const hashtags = new Map<string, { display: string; count: number }>();
  const mentioned = new Map<string, { display: string; count: number }>();
  const domains = new Map<string, { display: string; count: number }>();
  /** Own posts (not reposts), each with its local weekday, hour and interactions: for best time and private metrics. */
  const ownSlots: OwnSlot[] = [];

  const top: Array<{ post: StoredPost; engagement: number }> = [];
  for (const post of posts) {
    const { kind } = post;
    const local = clock.parts(post.createdAt);
    byKind[kind]++;
    weekdays[local.weekday] = (weekdays[local.weekday] ?? 0) + 1;
    hours[local.hour] = (hours[local.hour] ?? 0) + 1;
    const day = days.get(local.date);
    if (day) day[kind]++;
    if (kind === 'repost') continue; // a repost's metrics belong to someone else's post

    const earned = engagementOf(post);
    keepTop(top, post, earned);
    ownSlots.push({ post, weekday: local.weekday, hour: local.hour, earned });
    const impressions = post.impressions ?? 0;
    totals.likes += post.likes;
    totals.reposts += post.reposts;
    totals.replies += post.replies;
    totals.quotes += post.quotes;
    totals.bookmarks += post.bookmarks;
    totals.impressions += impressions;
    if (day) {
      day.likes += post.likes;
      day.impressions += impressions;
    }
    if (impressions > 0) {
      impressionsCounted += impressions;
      interactionsWithImpressions += earned;
    }
    for (const tag of post.hashtags) bump(hashtags, tag.toLowerCase(), `#${tag}`);
    for (const username of post.mentions) bump(mentioned, username.toLowerCase(), `@${username}`);
    for (const domain of post.domains) bump(domains, domain, domain);
    if (post.hasMedia) withMedia++;
  }

  const own = ownSlots.map((s) => s.post);
  const dayList = [...days.values()];
  const perPost = (v: number) => (own.length ? v / own.length : 0);
  const busiest = (counts: number[]) => {
    const max = Math.max(...counts);
    return max > 0 ? { index: counts.indexOf(max), count: max } : null;
  };
  const weekday = busiest(weekdays);
  const hour = busiest(hours);
  const withImpressions = own.filter((p) => p.impressions !== null);

  return {
    profile,
    period,
    timeZone: input.timeZone,
    cut: input.cut,
    activity: {
      total: posts.length,
      byKind,
      perDay: posts.length / period.days,
      busiestWeekday: weekday && { weekday: weekday.index, count: weekday.count },
      busiestHour: hour && { hour: hour.index, count: hour.count },
      longestStreak: longestStreak(dayList),
      busiestDay: dayList.reduce<{ date: string; count: number } | null>((best, d) => {
        const count = d.original + d.reply + d.quote + d.repost;
        return count > 0 && (!best || count > best.count) ? { date: d.date, count } : best;
      }, null),
      days: dayList,
    },
    engagement: {
      ownPosts: own.length,
      totals,
      perPost: {
        likes: perPost(totals.likes),
        reposts: perPost(totals.reposts),
        replies: perPost(totals.replies),
        quotes: perPost(totals.quotes),
        bookmarks: perPost(totals.bookmarks),
        impressions: perPost(totals.impressions),
      },
      rate: impressionsCounted > 0 ? interactionsWithImpressions / impressionsCounted : null,
      impressionsPerPost: withImpressions.length
        ? withImpressions.reduce((sum, p) => sum + (p.impressions ?? 0), 0) / withImpressions.length
        : null,
      private: privateMetrics(ownSlots, period.end),
      bestTime: bestTime(ownSlots, period.end),
      metricsAsOfLastRead: frozenMetrics(own, period.end, input.refreshHorizonHours),
      top: top
        .filter((t) => t.engagement > 0)
        .map(({ post: p, engagement }) => ({
          id: p.id,
          url: `https://x.com/${profile.username}/status/${p.id}`,
          excerpt: excerpt(p.text),
          kind: p.kind,
          engagement,
          likes: p.likes,
          reposts: p.reposts,
          replies: p.replies,
          impressions: p.impressions,
        })),
    },
    topics: {
      hashtags: topCounts(hashtags),
      mentions: topCounts(mentioned),
      domains: topCounts(domains),
      mediaShare: own.length ? withMedia / own.length : null,
    },
    responsiveness: input.mentions && responsiveness(input.mentions, posts, profile.id, period),
    trend: input.previousPosts && trend(input.previousPosts, posts, period, clock),
    followerGrowth: followerGrowth(profile.followers, input.followerHistory ?? [], period),
  };
}

/** Keeps the three most engaging posts, ties going to the newer post. */
function keepTop(top: Array<{ post: StoredPost; engagement: number }>, post: StoredPost, engagement: number): void {
  const better = (a: { post: StoredPost; engagement: number }) =>
    engagement > a.engagement || (engagement === a.engagement && compareIds(post.id, a.post.id) > 0);
  const at = top.findIndex(better);
  if (at >= 0) top.splice(at, 0, { post, engagement });
  else top.push({ post, engagement });
  if (top.length > 3) top.pop();
}

function longestStreak(days: DayActivity[]): ReportSummary['activity']['longestStreak'] {
  let best: { days: number; from: string; to: string } | null = null;
  let run = 0;
  let from = '';
  for (const d of days) {
    if (d.original + d.reply + d.quote + d.repost > 0) {
      if (run === 0) from = d.date;
      run++;
      if (!best || run > best.days) best = { days: run, from, to: d.date };
    } else {
      run = 0;
    }
  }
  return best;
}

function responsiveness(
  mentions: StoredPost[],
  posts: StoredPost[],
  selfId: string,
  period: ReportInput['period'],
): ReportSummary['responsiveness'] {
  const replyTimes = new Map<string, number>();
  for (const post of posts) {
    if (post.repliedTo === null) continue;
    const earlier = replyTimes.get(post.repliedTo);
    if (earlier === undefined || post.createdAt < earlier) replyTimes.set(post.repliedTo, post.createdAt);
  }
  const received = mentions.filter((m) => m.authorId !== selfId && inPeriod(m, period.start, period.end));
  const delays: number[] = [];
  for (const mention of received) {
    const replied = replyTimes.get(mention.id);
    if (replied !== undefined) delays.push(Math.max(0, replied - mention.createdAt));
  }
  const n = received.length;
  return {
    received: n,
    answered: delays.length,
    answeredShare: n ? delays.length / n : null,
    medianResponseMs: median(delays),
    withinHourShare: n ? delays.filter((d) => d <= HOUR).length / n : null,
  };
}

function followerGrowth(
  now: number | undefined,
  history: Array<{ day: string; followers: number }>,
  period: ReportInput['period'],
): ReportSummary['followerGrowth'] {
  if (now === undefined || history.length === 0) return null;
  const baseline = history.filter((h) => h.day <= utcDate(period.start)).at(-1);
  if (baseline) return { change: now - baseline.followers, since: null };
  const first = history[0];
  if (!first || first.day >= utcDate(period.end)) return null; // counted since today only: nothing to compare yet
  return { change: now - first.followers, since: first.day };
}

/** Posts younger than this have not collected most of their likes yet: the trend leaves them out. */
export const MATURE_HOURS = 48;

function trend(previous: StoredPost[], posts: StoredPost[], period: ReportInput['period'], clock: LocalClock): ReportSummary['trend'] {
  // The N whole local days before the period, as the period is N whole local days.
  const previousStart = clock.daysBefore(period.start, period.days);
  const before = previous.filter((p) => inPeriod(p, previousStart, period.start - 1));
  const matureBy = period.end - MATURE_HOURS * HOUR;
  const ownMature = (list: StoredPost[]) => list.filter((p) => p.kind !== 'repost' && p.createdAt <= matureBy);
  const perPost = (list: StoredPost[]) => list.reduce((sum, p) => sum + p.likes, 0) / list.length;
  const matureNow = ownMature(posts);
  const matureBefore = ownMature(before);
  const likesPerPost =
    matureNow.length > 0 && matureBefore.length > 0
      ? {
          now: perPost(matureNow),
          before: perPost(matureBefore),
          change: change(perPost(matureNow), perPost(matureBefore)),
          matureHours: MATURE_HOURS,
        }
      : null;
  return { previousPosts: before.length, postsChange: change(posts.length, before.length), likesPerPost };
}

function frozenMetrics(own: StoredPost[], end: number, horizonHours: number | undefined): { olderThanHours: number } | null {
  if (horizonHours === undefined) return null;
  const horizon = end - horizonHours * HOUR;
  return own.some((p) => p.createdAt < horizon) ? { olderThanHours: horizonHours } : null;
}

interface OwnSlot {
  post: StoredPost;
  weekday: number;
  hour: number;
  earned: number;
}

function privateMetrics(own: OwnSlot[], end: number): PrivateMetricsSummary | null {
  const recent = own.filter((p) => p.post.createdAt >= end - PRIVATE_METRICS_DAYS * 24 * HOUR).map((p) => p.post);
  const carrying = recent.filter((p) => p.privateMetrics !== null);
  if (carrying.length === 0) return null;
  let impressions = 0;
  let profileVisits = 0;
  let linkClicks = 0;
  let engagements: number | null = null;
  let rateEngagements = 0;
  let rateImpressions = 0;
  for (const p of carrying) {
    const m = p.privateMetrics ?? {};
    impressions += m.impression_count ?? 0;
    profileVisits += m.user_profile_clicks ?? 0;
    linkClicks += m.url_link_clicks ?? 0;
    if (m.engagements !== undefined) {
      engagements = (engagements ?? 0) + m.engagements;
      if (m.impression_count !== undefined) {
        rateEngagements += m.engagements;
        rateImpressions += m.impression_count;
      }
    }
  }
  return {
    posts: carrying.length,
    eligible: recent.length,
    impressions,
    profileVisits,
    linkClicks,
    engagements,
    rate: rateImpressions > 0 ? rateEngagements / rateImpressions : null,
  };
}

/** Fewest posts a weekday-and-hour slot needs before its average means anything. */
export const MIN_SLOT_POSTS = 3;

function bestTime(own: OwnSlot[], end: number): BestTime {
  const matureBy = end - MATURE_HOURS * HOUR;
  const slots = new Map<number, { weekday: number; hour: number; posts: number; interactions: number }>();
  let sample = 0;
  let interactions = 0;
  for (const { post, weekday, hour, earned } of own) {
    if (post.createdAt > matureBy) continue;
    const key = weekday * 24 + hour;
    const slot = slots.get(key) ?? { weekday, hour, posts: 0, interactions: 0 };
    slot.posts++;
    slot.interactions += earned;
    slots.set(key, slot);
    sample++;
    interactions += earned;
  }
  const compared = [...slots.values()].filter((s) => s.posts >= MIN_SLOT_POSTS);
  if (compared.length < 2) return { found: false, sample, minPerSlot: MIN_SLOT_POSTS };
  // Ties go to the slot with more posts (the surer average), then to the earlier slot in the week.
  const best = compared.reduce((a, b) => {
    const diff = b.interactions / b.posts - a.interactions / a.posts;
    if (diff !== 0) return diff > 0 ? b : a;
    if (b.posts !== a.posts) return b.posts > a.posts ? b : a;
    return b.weekday * 24 + b.hour < a.weekday * 24 + a.hour ? b : a;
  });
  return {
    found: true,
    weekday: best.weekday,
    hour: best.hour,
    perPost: best.interactions / best.posts,
    posts: best.posts,
    average: interactions / sample,
    sample,
    slots: compared.length,
  };
}
