// The cache rule that keeps reports cheap. Within the cache window a repeat
// report asks X only for posts newer than the newest stored one (since_id):
// usually one page. Past the window, or for a longer period than is stored,
// the period is read afresh so metrics are current.

import type { CutReason } from '../db/schema.js';
import { compareIds } from '../twitter/ids.js';
import type { XV2Client } from '../twitter/v2-client.js';
import type { XListResponse, XPost } from '../twitter/v2-types.js';
import { settleAll } from './settle-all.js';
import type { FetchState, Source, XCache } from './x-cache.js';

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
  /**
   * How many posts the member has ever made (X's tweet_count), when known. If
   * that is within maxPosts no bound can bind, so the rest of the period after
   * the first page is read in parallel time slices: the same posts, sooner.
   */
  lifetimePosts?: Promise<number | undefined>;
}

/** Most time slices read at once. */
const MAX_SLICES = 6;
/** Pages each slice should take, roughly, before another slice is worth it. */
const PAGES_PER_SLICE = 4;

export interface ReadResult {
  /** Stored posts from the period start (or earlier, when the store reaches back further) to now. */
  posts: XPost[];
  coveredFrom: number;
  cut: { reason: CutReason; oldest: number } | null;
  /** True when this read went to X for the whole period. */
  fullRead: boolean;
}

type Query = { startTime?: string; endTime?: string; untilId?: string; sinceId?: string };
type Fetcher = (query: Query & { paginationToken?: string }, maxResults: number) => Promise<XListResponse<XPost>>;

/**
 * Follows next_token until the end or `maxPosts`. The next page is requested
 * before the current one is handed to `onPage`, so storing a page overlaps
 * with X's latency instead of adding to it.
 */
async function readPages(
  fetchPage: Fetcher,
  query: Query,
  maxPosts: number,
  onPage: (posts: XPost[]) => void,
  options: {
    firstPage?: XListResponse<XPost>;
    /** Aborted when a sibling read failed: no further page is asked for. */
    stop?: AbortSignal;
  } = {},
): Promise<{ posts: XPost[]; more: boolean }> {
  const { firstPage, stop } = options;
  const posts: XPost[] = [];
  const request = (token: string | undefined) =>
    fetchPage({ ...query, paginationToken: token }, Math.min(PAGE, Math.max(5, maxPosts - posts.length)));
  let pending = firstPage ? Promise.resolve(firstPage) : request(undefined);
  for (;;) {
    const page = await pending;
    const fresh = (page.data ?? []).slice(0, maxPosts - posts.length);
    posts.push(...fresh);
    const token = page.meta?.next_token;
    const more = Boolean(token) && posts.length < maxPosts;
    if (more) {
      if (stop?.aborted) throw stop.reason;
      pending = request(token);
      // If storing this page throws, the next page still arrives (and is
      // billed and counted); its failure must not become an unhandled rejection.
      pending.catch(() => undefined);
      // Let the request reach the wire before the CPU-bound store work runs:
      // fetch writes it over several turns of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    onPage(fresh);
    if (!more) return { posts, more: Boolean(token) };
  }
}

function fetcherFor(client: XV2Client, req: ReadRequest): Fetcher {
  return req.source === 'timeline' ? (q, n) => client.userPosts(req.xUserId, q, n) : (q, n) => client.mentions(req.xUserId, q, n);
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

export async function readSource(client: XV2Client, store: XCache, req: ReadRequest): Promise<ReadResult> {
  const fetchPage = fetcherFor(client, req);
  const state = store.state(req.xUserId, req.source);

  if (state && isFresh(state, req)) {
    if (req.topUpWhenFresh) {
      const newest = store.newestId(req.xUserId, req.source);
      const query = newest ? { sinceId: newest } : { startTime: new Date(state.coveredFrom).toISOString() };
      const { posts, more } = await readPages(fetchPage, query, req.maxPosts, (page) =>
        store.savePosts(req.xUserId, req.source, page, req.now),
      );
      // If more was new than one report may read, the next report reads afresh,
      // and this one shows only the newest posts (older stored ones follow a gap).
      store.saveState(req.xUserId, req.source, { ...state, lastReadAt: req.now, fullReadAt: more ? 0 : state.fullReadAt });
      if (more) {
        const oldest = oldestOf(posts, req.now);
        return { posts, coveredFrom: oldest, cut: { reason: req.bound ?? 'max-posts', oldest }, fullRead: false };
      }
    }
    const cut: ReadResult['cut'] =
      state.cutReason && state.coveredFrom > req.periodStart ? { reason: state.cutReason, oldest: state.coveredFrom } : null;
    return {
      posts: store.posts(req.xUserId, req.source, state.coveredFrom, req.now),
      coveredFrom: state.coveredFrom,
      cut,
      fullRead: false,
    };
  }

  // A full read replaces what is stored for the period, so deletions at X and
  // current metrics show. Until it completes the stored state counts as stale.
  store.beginFullRead(req.xUserId, req.source, req.periodStart);
  const save = (page: XPost[]) => store.savePosts(req.xUserId, req.source, page, req.now);
  const startTime = new Date(req.periodStart).toISOString();
  const first = await fetchPage({ startTime }, Math.max(5, Math.min(PAGE, req.maxPosts)));
  const lifetime = first.meta?.next_token ? await req.lifetimePosts : undefined;
  const firstOldest = oldestOf(first.data ?? [], req.now);
  // Slices need at least a couple of seconds between the period start and the first page.
  const sliceable = firstOldest - req.periodStart >= 2000;
  const { posts, more } =
    lifetime !== undefined && lifetime <= req.maxPosts && sliceable
      ? await readInSlices(fetchPage, req, first, firstOldest, save)
      : await readPages(fetchPage, { startTime }, req.maxPosts, save, { firstPage: first });
  const oldest = oldestOf(posts, req.now);
  const cappedByX = !more && req.source === 'timeline' && posts.length >= X_TIMELINE_CAP - PAGE && oldest > req.periodStart;
  const cut = more ? { reason: req.bound ?? 'max-posts', oldest } : cappedByX ? { reason: 'x-cap' as const, oldest } : null;
  const readFrom = cut ? cut.oldest : req.periodStart;
  // Stored coverage that reaches into this read extends it backwards (no gap between them).
  const coveredFrom = state && state.fullReadAt >= readFrom && !cut ? Math.min(state.coveredFrom, readFrom) : readFrom;
  store.saveState(req.xUserId, req.source, { coveredFrom, fullReadAt: req.now, lastReadAt: req.now, cutReason: cut?.reason ?? null });
  const older = coveredFrom < req.periodStart ? store.posts(req.xUserId, req.source, coveredFrom, req.periodStart - 1) : [];
  return { posts: [...posts, ...older], coveredFrom, cut, fullRead: true };
}

function oldestOf(posts: XPost[], fallback: number): number {
  return posts.reduce((min, p) => Math.min(min, Date.parse(p.created_at)), fallback);
}

/**
 * Reads a period whose size cannot exceed maxPosts: the first page (newest
 * posts) is in hand; what lies between the period start and that page's
 * oldest post is split into time slices read side by side. Slices meet
 * without overlap (end_time is exclusive; the newest slice ends at the first
 * page's oldest post by id), so no post is read twice.
 */
async function readInSlices(
  fetchPage: Fetcher,
  req: ReadRequest,
  first: XListResponse<XPost>,
  oldest: number,
  save: (posts: XPost[]) => void,
): Promise<{ posts: XPost[]; more: boolean }> {
  const firstPosts = first.data ?? [];
  save(firstPosts);
  // Slices are read only after a first page that had more to follow, so it is not empty.
  const oldestId = firstPosts.map((p) => p.id).reduce((min, id) => (compareIds(id, min) < 0 ? id : min));
  const span = Math.max(1000, req.now - oldest);
  const estimatedPages = (firstPosts.length * ((oldest - req.periodStart) / span)) / PAGE;
  const slices = Math.max(1, Math.min(MAX_SLICES, Math.ceil(estimatedPages / PAGES_PER_SLICE)));
  // Whole seconds, as X's timestamps; the newest slice is bounded by id instead.
  const step = Math.max(1000, Math.floor((oldest - req.periodStart) / slices / 1000) * 1000);
  // A failed slice stops the others after their current page; all settle before this returns or throws.
  const stop = new AbortController();
  const parts = await settleAll(
    stop,
    Array.from({ length: slices }, (_, i) => {
      const from = req.periodStart + i * step;
      const newest = i === slices - 1;
      const query: Query = newest
        ? { startTime: new Date(from).toISOString(), untilId: oldestId }
        : { startTime: new Date(from).toISOString(), endTime: new Date(from + step).toISOString() };
      return readPages(fetchPage, query, req.maxPosts, save, { stop: stop.signal });
    }),
  );
  return { posts: [...firstPosts, ...parts.flatMap((p) => p.posts)], more: false };
}
