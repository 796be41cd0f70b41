// Turns a member's posts and mentions into the numbers a report shows. Pure:
// no I/O, no clock; everything it needs comes in as arguments. Every figure
// is taken over the span actually read (see read-span.ts), and says so.

import { LocalClock, utcDate } from '../local-time.js';
import type { PostKind, StoredPost } from '../stored-post.js';
import { compare, MATURE_HOURS, moreCoverage, type ReadLimits } from './comparison.js';
import { bestTime, busiestDay, longestStreak, MIN_PATTERN_POSTS, type PlacedPost, postingPatterns } from './patterns.js';
import { daysRead, type SourceRead, spanStart } from './read-span.js';
import { engagementOf, engagementSummary } from './summary-engagement.js';
import type {
  BestTime,
  Comparison,
  Counted,
  DayActivity,
  EngagementRate,
  MissingReason,
  PrivateMetricsSummary,
  ProfileRefresh,
  ReportCoverage,
  ReportProfile,
  TopPost,
} from './summary-types.js';

export type * from './summary-types.js';
export { engagementOf, MATURE_HOURS };

export interface ReportInput {
  profile: ReportProfile;
  /** The member's posts; those outside the span read are ignored. */
  posts: StoredPost[];
  /** Mentions of the member; null when they were not read. */
  mentions: StoredPost[] | null;
  /** The member's stored posts reaching back over the previous period, or null when it is not stored. */
  previousPosts: StoredPost[] | null;
  period: { start: number; end: number; days: number };
  timeZone: string;
  /** Where the stored span of each source that reaches the present begins, and why a read stopped there. */
  read: { posts: SourceRead; mentions: SourceRead | null };
  /** Why mentions were not read, when they were not. */
  mentionsOff?: 'off' | 'budget';
  limits: ReadLimits;
  /** 'public' leaves the member's private X analytics out (and the rate built on them). */
  audience: 'private' | 'public';
  /** Metrics are read again only for posts younger than this (REPORT_REFRESH_HOURS); older ones keep those of their last read. */
  refreshHorizonHours?: number;
  /** The member's followers per UTC day, oldest first, as the bot's profile reads saw them. */
  followerHistory?: Array<{ day: string; followers: number }>;
  profileRefresh?: ProfileRefresh;
}

export interface ReportSummary {
  profile: ReportProfile;
  period: ReportInput['period'];
  timeZone: string;
  /** What was read, per source: every figure below is over these spans. */
  coverage: ReportCoverage;
  /**
   * Change in followers: over the period when a snapshot reaches back to its
   * start, else since the first snapshot (`since`, a UTC date); null before
   * there are two days to compare.
   */
  followerGrowth: { change: number; since: string | null } | null;
  activity: {
    /** Posts in the span read (coverage.posts); a lower bound for the period when it was cut. */
    total: number;
    byKind: Record<PostKind, number>;
    /** Posts per day over the whole days read (coverage.wholeDays); null when no whole day was read. */
    perDay: number | null;
    busiestWeekday: { weekday: number; perDay: number; days: number } | null;
    busiestHour: { hour: number; count: number } | null;
    longestStreak: { days: number; from: string; to: string; atLeast: boolean } | null;
    busiestDay: { date: string; count: number } | null;
    days: DayActivity[];
  };
  engagement: {
    ownPosts: number;
    totals: { likes: number; reposts: number; replies: number; quotes: number; bookmarks: number; impressions: number };
    perPost: { likes: number; reposts: number; replies: number; quotes: number; bookmarks: number };
    /** Impressions over own posts X sent a count for; null when it sent none. */
    impressions: { total: number; perPost: number; posts: number } | null;
    rate: EngagementRate | null;
    top: TopPost[];
    /** Null when not shown: `missing` says why. */
    private: PrivateMetricsSummary | null;
    bestTime: BestTime;
    /** Set when some posts are older than the refresh horizon: their metrics are those of their last read. */
    metricsAsOfLastRead: { olderThanHours: number } | null;
  };
  topics: { hashtags: Counted[]; mentions: Counted[]; domains: Counted[]; mediaShare: number | null };
  /** Null when mentions were not read (`missing` says why). */
  responsiveness: {
    /** Mentions by others read in their span (coverage.mentions): "at least" when lowerBound. */
    received: number;
    lowerBound: boolean;
    /** Mentions the answer figures are over: those inside both spans read (posts and mentions). */
    considered: number;
    consideredFrom: number;
    answered: number;
    answeredShare: number | null;
    medianResponseMs: number | null;
    withinHourShare: number | null;
  } | null;
  comparison: Comparison;
  /** Every section with nothing to show, and why. */
  missing: MissingReason[];
  profileRefresh: ProfileRefresh;
}

const HOUR = 3_600_000;

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

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

const inSpan = (post: StoredPost, from: number, to: number) => post.createdAt >= from && post.createdAt <= to;

export function summarise(input: ReportInput): ReportSummary {
  const { period, profile } = input;
  const clock = new LocalClock(input.timeZone);
  const postsFrom = spanStart(input.read.posts, period.start);
  const posts = input.posts.filter((post) => inSpan(post, postsFrom, period.end));

  const days = new Map<string, DayActivity>(
    daysRead(clock, period, postsFrom).map(({ date, read }) => [
      date,
      { date, read, original: 0, reply: 0, quote: 0, repost: 0, likes: 0, impressions: 0 },
    ]),
  );
  const { byKind, placed, topics } = tally(posts, clock, days);
  const own = posts.filter((p) => p.kind !== 'repost');
  const dayList = [...days.values()];
  const wholeDays = dayList.filter((d) => d.read === 'whole');
  const patterns = postingPatterns(placed, dayList);
  const engagement = engagementSummary(own, { clock, profile, end: period.end, audience: input.audience });
  const comparisonInput = { previousPosts: input.previousPosts, posts, period, clock, read: input.read.posts, limits: input.limits };
  const mentionsSpan = input.mentions && input.read.mentions ? mentionSpan(input, input.read.mentions) : null;
  const summary: ReportSummary = {
    profile,
    period,
    timeZone: input.timeZone,
    coverage: {
      posts: {
        from: postsFrom,
        to: period.end,
        cut: postsFrom > period.start ? (input.read.posts.cut ?? 'max-posts') : null,
        count: posts.length,
        lowerBound: postsFrom > period.start,
      },
      mentions: mentionsSpan,
      daysRead: dayList.filter((d) => d.read !== 'none').length,
      days: period.days,
      wholeDays: wholeDays.length,
      maxPosts: input.limits.maxPosts,
      more: postsFrom > period.start ? moreCoverage(comparisonInput, posts.length) : null,
    },
    activity: {
      total: posts.length,
      byKind,
      perDay: wholeDays.length ? wholeDays.reduce((n, d) => n + d.original + d.reply + d.quote + d.repost, 0) / wholeDays.length : null,
      busiestWeekday: patterns.busiestWeekday,
      busiestHour: patterns.busiestHour,
      longestStreak: longestStreak(dayList),
      busiestDay: busiestDay(dayList),
      days: dayList,
    },
    engagement: {
      ...engagement,
      bestTime: bestTime(placed, period.end - MATURE_HOURS * HOUR),
      metricsAsOfLastRead: frozenMetrics(own, period.end, input.refreshHorizonHours),
    },
    topics,
    responsiveness: mentionsSpan && input.mentions && responsiveness(input.mentions, posts, profile.id, mentionsSpan, postsFrom),
    comparison: compare(comparisonInput),
    followerGrowth: followerGrowth(profile.followers, input.followerHistory ?? [], period),
    missing: [],
    profileRefresh: input.profileRefresh ?? { asked: false },
  };
  summary.missing = missingSections(summary, input, patterns.sample, engagement.privateMissing);
  return summary;
}

/**
 * One pass over the posts read: counts by kind and by local day (own posts' likes and impressions too), each
 * post placed in local time for the patterns, and the topics of own posts (a repost's belong to someone else).
 */
function tally(posts: StoredPost[], clock: LocalClock, days: Map<string, DayActivity>) {
  const byKind: Record<PostKind, number> = { original: 0, reply: 0, quote: 0, repost: 0 };
  const placed: PlacedPost[] = [];
  const hashtags = new Map<string, { display: string; count: number }>();
  const mentioned = new Map<string, { display: string; count: number }>();
  const domains = new Map<string, { display: string; count: number }>();
  let withMedia = 0;
  for (const post of posts) {
    const local = clock.parts(post.createdAt);
    byKind[post.kind]++;
    const own = post.kind !== 'repost'; // a repost's metrics and topics belong to someone else's post
    placed.push({ ...local, createdAt: post.createdAt, own, earned: own ? engagementOf(post) : 0 });
    const day = days.get(local.date);
    if (day) {
      day[post.kind]++;
      if (own) {
        day.likes += post.likes;
        day.impressions += post.impressions ?? 0;
      }
    }
    if (!own) continue;
    for (const tag of post.hashtags) bump(hashtags, tag.toLowerCase(), `#${tag}`);
    for (const username of post.mentions) bump(mentioned, username.toLowerCase(), `@${username}`);
    for (const domain of post.domains) bump(domains, domain, domain);
    if (post.hasMedia) withMedia++;
  }
  const own = posts.length - byKind.repost;
  const topics = {
    hashtags: topCounts(hashtags),
    mentions: topCounts(mentioned),
    domains: topCounts(domains),
    mediaShare: own ? withMedia / own : null,
  };
  return { byKind, placed, topics };
}

function mentionSpan(input: ReportInput, read: SourceRead): ReportCoverage['mentions'] {
  const from = spanStart(read, input.period.start);
  const count = (input.mentions ?? []).filter((m) => m.authorId !== input.profile.id && inSpan(m, from, input.period.end)).length;
  const cut = from > input.period.start ? (read.cut ?? 'max-posts') : null;
  return { from, to: input.period.end, cut, count, lowerBound: cut !== null };
}

function missingSections(
  s: ReportSummary,
  input: ReportInput,
  patternSample: number,
  privateMissing: MissingReason | null,
): MissingReason[] {
  const missing: MissingReason[] = [];
  const own = s.engagement.ownPosts;
  if (own === 0) missing.push({ section: 'engagement', why: 'no-own-posts' });
  if (privateMissing) missing.push(privateMissing);
  if (own > 0 && s.engagement.top.length === 0) missing.push({ section: 'top-posts', why: 'no-interactions' });
  const t = s.topics;
  if (own > 0 && !t.hashtags.length && !t.mentions.length && !t.domains.length) missing.push({ section: 'topics', why: 'none-found' });
  if (s.activity.total > 0 && !s.activity.busiestHour) {
    missing.push({ section: 'patterns', why: 'too-few-posts', posts: patternSample, needed: MIN_PATTERN_POSTS });
  }
  if (own > 0 && !s.engagement.bestTime.found) {
    const b = s.engagement.bestTime;
    missing.push({ section: 'best-time', why: 'too-few-posts', posts: b.sample, needed: b.minSample });
  }
  if (!s.responsiveness) missing.push({ section: 'responsiveness', why: 'not-read', bound: input.mentionsOff ?? 'off' });
  return missing;
}

/** How a reply to a mention is matched: `repliedTo` is the mention's id. Over mentions inside both spans read. */
function responsiveness(
  mentions: StoredPost[],
  posts: StoredPost[],
  selfId: string,
  span: NonNullable<ReportCoverage['mentions']>,
  postsFrom: number,
): ReportSummary['responsiveness'] {
  const { from: mentionsFrom, to: end } = span;
  const replyTimes = new Map<string, number>();
  for (const post of posts) {
    if (post.repliedTo === null) continue;
    const earlier = replyTimes.get(post.repliedTo);
    if (earlier === undefined || post.createdAt < earlier) replyTimes.set(post.repliedTo, post.createdAt);
  }
  const byOthers = mentions.filter((m) => m.authorId !== selfId);
  const received = byOthers.filter((m) => inSpan(m, mentionsFrom, end));
  // A reply is found among the posts read: a mention older than the posts' span could have been answered unseen.
  const consideredFrom = Math.max(mentionsFrom, postsFrom);
  const considered = byOthers.filter((m) => inSpan(m, consideredFrom, end));
  const delays: number[] = [];
  for (const mention of considered) {
    const replied = replyTimes.get(mention.id);
    if (replied !== undefined) delays.push(Math.max(0, replied - mention.createdAt));
  }
  const n = considered.length;
  return {
    received: received.length,
    lowerBound: span.lowerBound,
    considered: n,
    consideredFrom,
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

function frozenMetrics(own: StoredPost[], end: number, horizonHours: number | undefined): { olderThanHours: number } | null {
  if (horizonHours === undefined) return null;
  const horizon = end - horizonHours * HOUR;
  return own.some((p) => p.createdAt < horizon) ? { olderThanHours: horizonHours } : null;
}
