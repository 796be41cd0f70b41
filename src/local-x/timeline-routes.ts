// X API v2 routes for the X stand-in: a user's timeline, mentions and
// profile, paginated and filtered as X does (start_time, since_id,
// pagination_token, max_results, the 3,200-post cap), answering in X's
// { data, meta } shape.

import type { XPost, XUserProfile } from '../twitter/v2-types.js';
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

type Sorted = { post: XPost; time: number; id: bigint };

const sortedCache = new WeakMap<XPost[], { length: number; first: string | undefined; sorted: Sorted[]; timesInOrder: boolean }>();

/**
 * The list newest first with parsed times, recomputed only when the list
 * changes; `timesInOrder` when no post is newer than one before it, nor has a
 * greater id (as on X, where ids grow with time), so a stretch of time or ids
 * is a stretch of the list.
 */
function sortedOf(all: XPost[]) {
  const cached = sortedCache.get(all);
  if (cached && cached.length === all.length && cached.first === all[0]?.id) return cached;
  const sorted = [...all].sort(byNewest).map((post) => ({ post, time: Date.parse(post.created_at), id: BigInt(post.id) }));
  const timesInOrder = sorted.every(
    (p, i) => i === 0 || (p.time <= (sorted[i - 1] as Sorted).time && p.id <= (sorted[i - 1] as Sorted).id),
  );
  const entry = { length: all.length, first: all[0]?.id, sorted, timesInOrder };
  sortedCache.set(all, entry);
  return entry;
}

/** The first index in `list` (newest first) below `end` where `older` holds, else `end`: it holds for every post after one where it does. */
function firstOlder(list: Sorted[], end: number, older: (p: Sorted) => boolean): number {
  let [lo, hi] = [0, end];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (older(list[mid] as Sorted)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The posts within the bounds, newest first. A stand-in serving many members
 * (bench:load: 200 × 3,200 posts, 32 slices each) would otherwise test every
 * post for every request; in time order, the stretch is found by halving.
 */
function within(all: XPost[], cap: number, b: { startTime: number; endTime: number; sinceId: bigint; untilId: bigint }): XPost[] {
  const { sorted, timesInOrder } = sortedOf(all);
  const end = Math.min(cap, sorted.length);
  if (!timesInOrder) {
    const inBounds = (p: Sorted) => p.time >= b.startTime && p.time < b.endTime && p.id > b.sinceId && p.id < b.untilId;
    return sorted
      .slice(0, end)
      .filter(inBounds)
      .map((p) => p.post);
  }
  const from = firstOlder(sorted, end, (p) => p.time < b.endTime && p.id < b.untilId);
  const to = firstOlder(sorted, end, (p) => p.time < b.startTime || p.id <= b.sinceId);
  return sorted.slice(from, Math.max(from, to)).map((p) => p.post);
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

/** What X sends of a post whatever tweet.fields asks for. */
const DEFAULT_FIELDS = ['id', 'text', 'edit_history_tweet_ids'];

/** The post as X sends it for `fields`: the default fields and those asked for, no others. */
function projected(post: XPost, fields: string[]): XPost {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(post)) if (DEFAULT_FIELDS.includes(key) || fields.includes(key)) out[key] = value;
  return out as unknown as XPost;
}

/**
 * X's rules for fields on a timeline: only the default fields and those asked
 * for; non_public_metrics sent only when asked for, and a read asking for them
 * leaves out posts older than 30 days, page by page after paging (a page can
 * come back empty with a next_token).
 */
function shown(post: XPost, fields: string[]): XPost {
  const out = projected(post, fields);
  return fields.includes('non_public_metrics') ? { ...out, non_public_metrics: privateMetricsOf(post) } : out;
}

function visible(page: XPost[], fields: string[], now: number): XPost[] {
  return fields.includes('non_public_metrics') ? page.filter((p) => Date.parse(p.created_at) >= now - 30 * DAY) : page;
}

/** Each post's JSON per tweet.fields asked, for posts that never change once served (see ServeOptions.unchanging). */
const jsonCache = new WeakMap<XPost, Map<string, string>>();

function jsonOf(post: XPost, fields: string[], fieldsKey: string): string {
  let byFields = jsonCache.get(post);
  if (!byFields) {
    byFields = new Map();
    jsonCache.set(post, byFields);
  }
  let json = byFields.get(fieldsKey);
  if (json === undefined) {
    json = JSON.stringify(shown(post, fields));
    byFields.set(fieldsKey, json);
  }
  return json;
}

/** A page as X answers it, with the ids of its posts (what X bills). */
type PageAnswer = CannedResponse & { postIds: string[] };

function list(all: XPost[], url: URL, cap: number, now: number, unchanging: boolean): PageAnswer {
  const max = Number(url.searchParams.get('max_results') ?? 10);
  if (!Number.isInteger(max) || max < 5 || max > 100) return { ...invalidRequest('max_results must be between 5 and 100'), postIds: [] };
  const start = url.searchParams.get('start_time');
  const end = url.searchParams.get('end_time');
  for (const [name, value] of [
    ['start_time', start],
    ['end_time', end],
  ] as const) {
    if (value !== null && Number.isNaN(Date.parse(value)))
      return { ...invalidRequest(`${name} is not a valid RFC3339 date-time`), postIds: [] };
  }
  if (start && end && Date.parse(end) <= Date.parse(start)) return { ...invalidRequest('end_time must be after start_time'), postIds: [] };
  const since = url.searchParams.get('since_id');
  const offset = Number(url.searchParams.get('pagination_token')?.replace('page-', '') ?? 0);
  const startTime = start ? Date.parse(start) : -Infinity;
  const endTime = end ? Date.parse(end) : Infinity; // exclusive, as X's end_time
  const sinceId = since ? BigInt(since) : -1n;
  const until = url.searchParams.get('until_id');
  const untilId = until ? BigInt(until) : 1n << 128n;
  const eligible = within(all, cap, { startTime, endTime, sinceId, untilId });
  const fieldsKey = url.searchParams.get('tweet.fields') ?? '';
  const fields = fieldsKey.split(',');
  const page = visible(eligible.slice(offset, offset + max), fields, now);
  const token = offset + max < eligible.length ? `page-${offset + max}` : undefined;
  const postIds = page.map((p) => p.id);
  if (page.length === 0) return { status: 200, body: { meta: { result_count: 0, ...(token ? { next_token: token } : {}) } }, postIds };
  const meta: Record<string, unknown> = { result_count: page.length, newest_id: page[0]?.id, oldest_id: page.at(-1)?.id };
  if (token) meta.next_token = token;
  if (!unchanging) return { status: 200, body: { data: page.map((p) => shown(p, fields)), meta }, postIds };
  // The same text JSON.stringify would make of { data, meta }, from each post's JSON made once.
  const data = page.map((p) => jsonOf(p, fields, fieldsKey)).join(',');
  return {
    status: 200,
    body: `{"data":[${data}],"meta":${JSON.stringify(meta)}}`,
    headers: { 'content-type': 'application/json' },
    postIds,
  };
}

/** What X bills for: the posts and user objects of each successful answer. */
export interface Biller {
  posts(ids: string[]): void;
  user(): void;
}

/** X's per-user limits for these reads, per 15-minute window. */
export const RATE_LIMITS = { me: 75, tweets: 900, mentions: 300 } as const;
const WINDOW_MS = 15 * 60_000;

/** Counts each member's reads per endpoint and window, and answers with X's rate-limit headers (429 past the limit). */
class RateLimits {
  private readonly used = new Map<string, { window: number; count: number }>();

  constructor(private readonly now: () => number) {}

  take(userId: string, endpoint: keyof typeof RATE_LIMITS): { ok: boolean; headers: Record<string, string> } {
    const window = Math.floor(this.now() / WINDOW_MS);
    const key = `${userId}:${endpoint}`;
    const entry = this.used.get(key);
    const count = entry && entry.window === window ? entry.count + 1 : 1;
    this.used.set(key, { window, count });
    const limit = RATE_LIMITS[endpoint];
    return {
      ok: count <= limit,
      headers: {
        'x-rate-limit-limit': String(limit),
        'x-rate-limit-remaining': String(Math.max(0, limit - count)),
        'x-rate-limit-reset': String(((window + 1) * WINDOW_MS) / 1000),
      },
    };
  }
}

const limited = (headers: Record<string, string>): CannedResponse => ({
  status: 429,
  body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
  headers,
});

export interface ServeOptions {
  /** The most posts X serves from a timeline (3,200). */
  cap?: number;
  bill?: Biller;
  beforeRead?: () => void;
  /**
   * The posts are never changed once served (bench:load's timelines): each post's JSON is made once, not on
   * every page. Tests and the sandbox change metrics between reads, so they leave this off.
   */
  unchanging?: boolean;
}

/** Serves `data` for the user whose access token signs the request. */
export function serveTimeline(x: XStandIn, data: TimelineData, options: ServeOptions = {}): void {
  const cap = options.cap ?? 3200;
  const unchanging = options.unchanging ?? false;
  const limits = new RateLimits(() => x.now());
  const answer = (endpoint: keyof typeof RATE_LIMITS, userId: string, respond: () => CannedResponse | PageAnswer): CannedResponse => {
    const rate = limits.take(userId, endpoint);
    if (!rate.ok) return limited(rate.headers);
    const { postIds, ...response } = { postIds: [], ...respond() };
    // X bills what a successful answer returns; failed requests are free.
    if (response.status === 200 && postIds.length > 0) options.bill?.posts(postIds);
    return { ...response, headers: { ...response.headers, ...rate.headers } };
  };
  x.routes.push((req: RecordedRequest, user: XUser) => {
    if (user.id !== data.profile.id) return undefined;
    const url = new URL(req.url);
    if (req.method !== 'GET') return undefined;
    options.beforeRead?.();
    if (url.pathname === '/2/users/me') {
      return answer('me', user.id, () => {
        options.bill?.user();
        return { status: 200, body: { data: data.profile } };
      });
    }
    if (url.pathname === `/2/users/${user.id}/tweets`)
      return answer('tweets', user.id, () => list(data.posts, url, cap, x.now(), unchanging));
    if (url.pathname === `/2/users/${user.id}/mentions`) {
      return answer('mentions', user.id, () =>
        // Mentions are other people's posts: X will not send their private metrics.
        url.searchParams.get('tweet.fields')?.includes('non_public_metrics')
          ? invalidRequest('non_public_metrics: not authorized')
          : list(data.mentions, url, 800, x.now(), unchanging),
      );
    }
    return undefined;
  });
}
