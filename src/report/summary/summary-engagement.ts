// What the member's own posts earned: totals, per post, the one engagement
// rate, the top posts and their private X analytics. Pure.

import { compareIds } from '../../twitter/ids.js';
import { PRIVATE_METRICS_DAYS } from '../../twitter/v2-types.js';
import type { LocalClock } from '../local-time.js';
import type { StoredPost } from '../stored-post.js';
import type { EngagementRate, MissingReason, PrivateMetricsSummary, ReportProfile, TopPost } from './summary-types.js';

const DAY = 86_400_000;
/** Top posts a report lists. */
export const TOP_POSTS = 3;

/** Interactions: likes, reposts, replies, quotes and bookmarks. */
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

export interface EngagementSummary {
  ownPosts: number;
  totals: { likes: number; reposts: number; replies: number; quotes: number; bookmarks: number; impressions: number };
  perPost: { likes: number; reposts: number; replies: number; quotes: number; bookmarks: number };
  impressions: { total: number; perPost: number; posts: number } | null;
  rate: EngagementRate | null;
  top: TopPost[];
  private: PrivateMetricsSummary | null;
  privateMissing: MissingReason | null;
}

export function engagementSummary(
  own: StoredPost[],
  ctx: { clock: LocalClock; profile: ReportProfile; end: number; audience: 'private' | 'public' },
): EngagementSummary {
  const totals = { likes: 0, reposts: 0, replies: 0, quotes: 0, bookmarks: 0, impressions: 0 };
  let withImpressions = 0;
  let interactionsWithImpressions = 0;
  let impressionsCounted = 0;
  for (const post of own) {
    totals.likes += post.likes;
    totals.reposts += post.reposts;
    totals.replies += post.replies;
    totals.quotes += post.quotes;
    totals.bookmarks += post.bookmarks;
    if (post.impressions !== null) {
      withImpressions++;
      totals.impressions += post.impressions;
    }
    if ((post.impressions ?? 0) > 0) {
      impressionsCounted += post.impressions ?? 0;
      interactionsWithImpressions += engagementOf(post);
    }
  }
  const per = (v: number) => (own.length ? v / own.length : 0);
  const privately = privateMetrics(own, ctx.end, ctx.audience);
  const interactionsRate: EngagementRate | null =
    impressionsCounted > 0
      ? { value: interactionsWithImpressions / impressionsCounted, basis: 'interactions', posts: withImpressionsOver(own) }
      : null;
  const rate = privately.rate ?? interactionsRate;
  return {
    ownPosts: own.length,
    totals,
    perPost: {
      likes: per(totals.likes),
      reposts: per(totals.reposts),
      replies: per(totals.replies),
      quotes: per(totals.quotes),
      bookmarks: per(totals.bookmarks),
    },
    impressions: withImpressions
      ? { total: totals.impressions, perPost: totals.impressions / withImpressions, posts: withImpressions }
      : null,
    // X's own rate where it gives engagements, else the public one: one rate, never both.
    rate,
    top: topPosts(own, ctx.clock, ctx.profile.username, rate?.basis ?? 'interactions'),
    private: privately.summary,
    privateMissing: privately.missing,
  };
}

const withImpressionsOver = (own: StoredPost[]) => own.filter((p) => (p.impressions ?? 0) > 0).length;

/** A post's engagement rate on the report's one basis; null when the post lacks what that basis needs. */
function postRate(p: StoredPost, basis: EngagementRate['basis']): number | null {
  if (basis === 'interactions') return p.impressions ? engagementOf(p) / p.impressions : null;
  const m = p.privateMetrics;
  return m?.engagements !== undefined && m.impression_count ? m.engagements / m.impression_count : null;
}

/** The most engaging posts, distinct, by interactions; ties go to the newer post (the larger id). */
export function topPosts(own: StoredPost[], clock: LocalClock, username: string, basis: EngagementRate['basis']): TopPost[] {
  const seen = new Set<string>();
  return own
    .filter((p) => engagementOf(p) > 0 && !seen.has(p.id) && seen.add(p.id))
    .sort((a, b) => engagementOf(b) - engagementOf(a) || compareIds(b.id, a.id))
    .slice(0, TOP_POSTS)
    .map((p) => ({
      id: p.id,
      url: `https://x.com/${username}/status/${p.id}`,
      excerpt: excerpt(p.text),
      kind: p.kind,
      date: clock.parts(p.createdAt).date,
      createdAt: p.createdAt,
      engagement: engagementOf(p),
      likes: p.likes,
      reposts: p.reposts,
      replies: p.replies,
      impressions: p.impressions,
      rate: postRate(p, basis),
    }));
}

function privateMetrics(
  own: StoredPost[],
  end: number,
  audience: 'private' | 'public',
): { summary: PrivateMetricsSummary | null; rate: EngagementRate | null; missing: MissingReason | null } {
  if (audience === 'public') return { summary: null, rate: null, missing: { section: 'private', why: 'public-report' } };
  const recent = own.filter((p) => p.createdAt >= end - PRIVATE_METRICS_DAYS * DAY);
  if (recent.length === 0) return { summary: null, rate: null, missing: { section: 'private', why: 'no-recent-posts' } };
  const carrying = recent.filter((p) => p.privateMetrics !== null);
  if (carrying.length === 0)
    return { summary: null, rate: null, missing: { section: 'private', why: 'read-without', eligible: recent.length } };
  let profileVisits = 0;
  let linkClicks = 0;
  let engagements: number | null = null;
  let rateEngagements = 0;
  let rateImpressions = 0;
  let ratePosts = 0;
  for (const p of carrying) {
    const m = p.privateMetrics ?? {};
    profileVisits += m.user_profile_clicks ?? 0;
    linkClicks += m.url_link_clicks ?? 0;
    if (m.engagements !== undefined) {
      engagements = (engagements ?? 0) + m.engagements;
      if (m.impression_count !== undefined) {
        rateEngagements += m.engagements;
        rateImpressions += m.impression_count;
        ratePosts++;
      }
    }
  }
  return {
    summary: { posts: carrying.length, eligible: recent.length, profileVisits, linkClicks, engagements },
    rate: rateImpressions > 0 ? { value: rateEngagements / rateImpressions, basis: 'x-engagements', posts: ratePosts } : null,
    missing: null,
  };
}
