// X API v2 routes for the X stand-in: a user's timeline, mentions and
// profile, paginated and filtered as X does (start_time, since_id,
// pagination_token, max_results, the 3,200-post cap), answering in X's
// { data, meta } shape.

import type { XPost, XUserProfile } from '../../src/twitter/v2-types.js';
import type { CannedResponse, RecordedRequest } from './http-stand-in.js';
import type { XStandIn, XUser } from './x-stand-in.js';

export interface TimelineData {
  profile: XUserProfile;
  /** Newest first, as X returns them. */
  posts: XPost[];
  mentions: XPost[];
}

function byNewest(a: XPost, b: XPost): number {
  return a.id.length !== b.id.length ? b.id.length - a.id.length : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

const sortedCache = new WeakMap<
  XPost[],
  { length: number; first: string | undefined; sorted: Array<{ post: XPost; time: number; id: bigint }> }
>();

/** The list newest first with parsed times, recomputed only when the list changes. */
function sortedOf(all: XPost[]) {
  const cached = sortedCache.get(all);
  if (cached && cached.length === all.length && cached.first === all[0]?.id) return cached.sorted;
  const sorted = [...all].sort(byNewest).map((post) => ({ post, time: Date.parse(post.created_at), id: BigInt(post.id) }));
  sortedCache.set(all, { length: all.length, first: all[0]?.id, sorted });
  return sorted;
}

/** X's answer to a request it will not serve, in its problem shape. */
function invalidRequest(message: string): CannedResponse {
  return {
    status: 400,
    body: { errors: [{ message }], title: 'Invalid Request', type: 'https://api.twitter.com/2/problems/invalid-request' },
  };
}

const DAY = 86_400_000;

/**
 * The member's private metrics of a post as X would count them: those the
 * fixture gives, or a plausible share of its public ones.
 */
export function privateMetricsOf(post: XPost): NonNullable<XPost['non_public_metrics']> {
  if (post.non_public_metrics) return post.non_public_metrics;
  const m = post.public_metrics ?? {};
  const likes = m.like_count ?? 0;
  const impressions = m.impression_count ?? 0;
  const interactions = likes + (m.retweet_count ?? 0) + (m.reply_count ?? 0) + (m.quote_count ?? 0) + (m.bookmark_count ?? 0);
  const profile = Math.floor(likes / 5);
  const links = post.entities?.urls?.some((u) => !u.media_key) ? Math.floor(likes / 4) : 0;
  return {
    impression_count: impressions,
    user_profile_clicks: profile,
    url_link_clicks: links,
    engagements: interactions + profile + links + Math.floor(impressions / 40),
  };
}

/**
 * X's rules for non_public_metrics on a timeline: sent only when asked for,
 * and a read asking for them leaves out posts older than 30 days, page by
 * page after paging (a page can come back empty with a next_token).
 */
function withFields(page: XPost[], fields: string[], now: number): XPost[] {
  const wantsPrivate = fields.includes('non_public_metrics');
  return page
    .filter((p) => !wantsPrivate || Date.parse(p.created_at) >= now - 30 * DAY)
    .map((p) => {
      const { non_public_metrics: _, ...rest } = p;
      return wantsPrivate ? { ...rest, non_public_metrics: privateMetricsOf(p) } : rest;
    });
}

function list(all: XPost[], url: URL, cap: number, now: number): CannedResponse {
  const max = Number(url.searchParams.get('max_results') ?? 10);
  if (!Number.isInteger(max) || max < 5 || max > 100) return invalidRequest('max_results must be between 5 and 100');
  const start = url.searchParams.get('start_time');
  const end = url.searchParams.get('end_time');
  if (start && end && Date.parse(end) <= Date.parse(start)) return invalidRequest('end_time must be after start_time');
  const since = url.searchParams.get('since_id');
  const offset = Number(url.searchParams.get('pagination_token')?.replace('page-', '') ?? 0);
  const startTime = start ? Date.parse(start) : -Infinity;
  const endTime = end ? Date.parse(end) : Infinity; // exclusive, as X's end_time
  const sinceId = since ? BigInt(since) : -1n;
  const until = url.searchParams.get('until_id');
  const untilId = until ? BigInt(until) : 1n << 128n;
  const eligible = sortedOf(all)
    .slice(0, cap)
    .filter((p) => p.time >= startTime && p.time < endTime && p.id > sinceId && p.id < untilId)
    .map((p) => p.post);
  const fields = (url.searchParams.get('tweet.fields') ?? '').split(',');
  const page = withFields(eligible.slice(offset, offset + max), fields, now);
  const token = offset + max < eligible.length ? `page-${offset + max}` : undefined;
  if (page.length === 0) return { status: 200, body: { meta: { result_count: 0, ...(token ? { next_token: token } : {}) } } };
  const meta: Record<string, unknown> = { result_count: page.length, newest_id: page[0]!.id, oldest_id: page.at(-1)!.id };
  if (token) meta.next_token = token;
  return { status: 200, body: { data: page, meta } };
}

/** What X bills for: the posts and user objects of each successful answer. */
export interface Biller {
  posts(ids: string[]): void;
  user(): void;
}

/** Serves `data` for the user whose access token signs the request. */
export function serveTimeline(x: XStandIn, data: TimelineData, options: { latencyMs?: number; cap?: number; bill?: Biller } = {}): void {
  const cap = options.cap ?? 3200;
  const billed = (answer: CannedResponse) => {
    const body = answer.body as { data?: XPost[] } | undefined;
    if (answer.status === 200 && body?.data) options.bill?.posts(body.data.map((p) => p.id));
    return answer;
  };
  x.routes.push((req: RecordedRequest, user: XUser) => {
    if (user.id !== data.profile.id) return undefined;
    const url = new URL(req.url);
    if (req.method !== 'GET') return undefined;
    if (url.pathname === '/2/users/me') {
      options.bill?.user();
      return { status: 200, body: { data: data.profile } };
    }
    if (url.pathname === `/2/users/${user.id}/tweets`) return billed(list(data.posts, url, cap, x.now()));
    if (url.pathname === `/2/users/${user.id}/mentions`) {
      // Mentions are other people's posts: X will not send their private metrics.
      if (url.searchParams.get('tweet.fields')?.includes('non_public_metrics')) return invalidRequest('non_public_metrics: not authorized');
      return billed(list(data.mentions, url, 800, x.now()));
    }
    return undefined;
  });
}
