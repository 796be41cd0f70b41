// The cache rule that keeps reports cheap. Within the cache window a repeat
// report asks X only for posts newer than the newest stored one (since_id):
// usually one page. Past the window, or for a longer period than is stored,
// the period is read afresh so metrics are current.

import type { XV2Client } from '../twitter/v2-client.js';
import type { XListResponse, XPost } from '../twitter/v2-types.js';
import type { FetchState, PostStore, Source } from './post-store.js';

/** X serves only the 3,200 most recent posts of a timeline. */
export const X_TIMELINE_CAP = 3200;
const PAGE = 100;

export interface ReadRequest {
  xUserId: string;
  source: Source;
  periodStart: number;
  now: number;
  cacheMs: number;
  maxPosts: number;
  /** Within the cache window, ask X for newer posts (timeline) or serve the store as is (mentions). */
  topUpWhenFresh: boolean;
  /** Why maxPosts is what it is: the configured bound, or what is left of a budget. */
  bound?: 'max-posts' | 'budget';
}

export type CutReason = 'max-posts' | 'x-cap' | 'budget';

export interface ReadResult {
  /** Stored posts from the period start (or earlier, when the store reaches back further) to now. */
  posts: XPost[];
  coveredFrom: number;
  cut: { reason: CutReason; oldest: number } | null;
  /** True when this read went to X for the whole period. */
  fullRead: boolean;
}

type Fetcher = (query: { startTime?: string; sinceId?: string; paginationToken?: string }, maxResults: number) => Promise<XListResponse<XPost>>;

/**
 * Follows next_token until the end or `maxPosts`. The next page is requested
 * before the current one is handed to `onPage`, so storing a page overlaps
 * with X's latency instead of adding to it.
 */
async function readPages(
  fetchPage: Fetcher,
  query: { startTime?: string; sinceId?: string },
  maxPosts: number,
  onPage: (posts: XPost[]) => void,
): Promise<{ posts: XPost[]; more: boolean }> {
  const posts: XPost[] = [];
  const request = (token: string | undefined) =>
    fetchPage({ ...query, paginationToken: token }, Math.min(PAGE, Math.max(5, maxPosts - posts.length)));
  let pending = request(undefined);
  for (;;) {
    const page = await pending;
    const fresh = (page.data ?? []).slice(0, maxPosts - posts.length);
    posts.push(...fresh);
    const token = page.meta?.next_token;
    const more = Boolean(token) && posts.length < maxPosts;
    if (more) {
      pending = request(token);
      // Let the request reach the wire before the CPU-bound store work runs:
      // fetch writes it over several turns of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    onPage(fresh);
    if (!more) return { posts, more: Boolean(token) };
  }
}

function fetcherFor(client: XV2Client, req: ReadRequest): Fetcher {
  return req.source === 'timeline'
    ? (q, n) => client.userPosts(req.xUserId, q, n)
    : (q, n) => client.mentions(req.xUserId, q, n);
}

/**
 * Stored posts serve a report while the last full read is recent and reached
 * back to the period start, or was stopped by a bound that a fresh read would
 * hit again (X's 3,200-post cap, REPORT_MAX_POSTS); a read cut short by a
 * budget is not final, since next month's budget may read further.
 */
function isFresh(state: FetchState, req: ReadRequest): boolean {
  const finalCut = state.cutReason === 'x-cap' || state.cutReason === 'max-posts';
  return req.now - state.fullReadAt < req.cacheMs && (state.coveredFrom <= req.periodStart || finalCut);
}

export async function readSource(client: XV2Client, store: PostStore, req: ReadRequest): Promise<ReadResult> {
  const fetchPage = fetcherFor(client, req);
  const state = store.state(req.xUserId, req.source);

  if (state && isFresh(state, req) && !req.topUpWhenFresh) {
    return { posts: store.posts(req.xUserId, req.source, state.coveredFrom, req.now), coveredFrom: state.coveredFrom, cut: null, fullRead: false };
  }
  if (state && isFresh(state, req)) {
    const newest = store.newestId(req.xUserId, req.source);
    const query = newest ? { sinceId: newest } : { startTime: new Date(state.coveredFrom).toISOString() };
    const { posts, more } = await readPages(fetchPage, query, req.maxPosts, (page) => store.savePosts(req.xUserId, req.source, page, req.now));
    // If more was new than one report may read, the next report reads afresh,
    // and this one shows only the newest posts (older stored ones follow a gap).
    store.saveState(req.xUserId, req.source, { ...state, lastReadAt: req.now, fullReadAt: more ? 0 : state.fullReadAt });
    if (more) {
      const oldest = posts.reduce((min, p) => Math.min(min, Date.parse(p.created_at)), req.now);
      return { posts, coveredFrom: oldest, cut: { reason: req.bound ?? 'max-posts', oldest }, fullRead: false };
    }
    const cut: ReadResult['cut'] =
      state.cutReason && state.coveredFrom > req.periodStart ? { reason: state.cutReason, oldest: state.coveredFrom } : null;
    return { posts: store.posts(req.xUserId, req.source, state.coveredFrom, req.now), coveredFrom: state.coveredFrom, cut, fullRead: false };
  }

  // A full read replaces what is stored for the period, so deletions at X and
  // current metrics show. Until it completes the stored state counts as stale.
  store.beginFullRead(req.xUserId, req.source, req.periodStart);
  const { posts, more } = await readPages(fetchPage, { startTime: new Date(req.periodStart).toISOString() }, req.maxPosts, (page) =>
    store.savePosts(req.xUserId, req.source, page, req.now),
  );
  const oldest = posts.reduce((min, p) => Math.min(min, Date.parse(p.created_at)), req.now);
  const cappedByX = !more && req.source === 'timeline' && posts.length >= X_TIMELINE_CAP - PAGE && oldest > req.periodStart;
  const cut = more ? { reason: req.bound ?? 'max-posts', oldest } : cappedByX ? { reason: 'x-cap' as const, oldest } : null;
  const readFrom = cut ? cut.oldest : req.periodStart;
  // Stored coverage that reaches into this read extends it backwards (no gap between them).
  const coveredFrom = state && state.fullReadAt >= readFrom && !cut ? Math.min(state.coveredFrom, readFrom) : readFrom;
  store.saveState(req.xUserId, req.source, { coveredFrom, fullReadAt: req.now, lastReadAt: req.now, cutReason: cut?.reason ?? null });
  const older = coveredFrom < req.periodStart ? store.posts(req.xUserId, req.source, coveredFrom, req.periodStart - 1) : [];
  return { posts: [...posts, ...older], coveredFrom, cut, fullRead: true };
}
