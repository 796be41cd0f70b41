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
}

export interface ReadResult {
  /** Stored posts from the period start (or earlier, when the store reaches back further) to now. */
  posts: XPost[];
  coveredFrom: number;
  cut: { reason: 'max-posts' | 'x-cap'; oldest: number } | null;
  /** True when this read went to X for the whole period. */
  fullRead: boolean;
}

type Fetcher = (query: { startTime?: string; sinceId?: string; paginationToken?: string }, maxResults: number) => Promise<XListResponse<XPost>>;

async function readPages(fetchPage: Fetcher, query: { startTime?: string; sinceId?: string }, maxPosts: number) {
  const posts: XPost[] = [];
  let token: string | undefined;
  do {
    const remaining = maxPosts - posts.length;
    const page = await fetchPage({ ...query, paginationToken: token }, Math.min(PAGE, Math.max(5, remaining)));
    posts.push(...(page.data ?? []).slice(0, remaining));
    token = page.meta?.next_token;
  } while (token && posts.length < maxPosts);
  return { posts, more: Boolean(token) };
}

function fetcherFor(client: XV2Client, req: ReadRequest): Fetcher {
  return req.source === 'timeline'
    ? (q, n) => client.userPosts(req.xUserId, q, n)
    : (q, n) => client.mentions(req.xUserId, q, n);
}

function isFresh(state: FetchState | undefined, req: ReadRequest): boolean {
  return state !== undefined && req.now - state.fullReadAt < req.cacheMs && state.coveredFrom <= req.periodStart;
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
    const { posts, more } = await readPages(fetchPage, query, req.maxPosts);
    // If more was new than one report may read, the next report reads afresh.
    store.save(req.xUserId, req.source, posts, { ...state, lastReadAt: req.now, fullReadAt: more ? 0 : state.fullReadAt });
    const cut = state.cutReason && state.coveredFrom > req.periodStart ? { reason: state.cutReason, oldest: state.coveredFrom } : null;
    return { posts: store.posts(req.xUserId, req.source, state.coveredFrom, req.now), coveredFrom: state.coveredFrom, cut, fullRead: false };
  }

  const { posts, more } = await readPages(fetchPage, { startTime: new Date(req.periodStart).toISOString() }, req.maxPosts);
  const oldest = posts.reduce((min, p) => Math.min(min, Date.parse(p.created_at)), req.now);
  const cappedByX = !more && req.source === 'timeline' && posts.length >= X_TIMELINE_CAP - PAGE && oldest > req.periodStart;
  const cut = more ? { reason: 'max-posts' as const, oldest } : cappedByX ? { reason: 'x-cap' as const, oldest } : null;
  const readFrom = cut ? cut.oldest : req.periodStart;
  // Stored coverage that reaches into this read extends it backwards (no gap between them).
  const coveredFrom = state && state.fullReadAt >= readFrom && !cut ? Math.min(state.coveredFrom, readFrom) : readFrom;
  store.save(
    req.xUserId,
    req.source,
    posts,
    { coveredFrom, fullReadAt: req.now, lastReadAt: req.now, cutReason: cut?.reason ?? null },
    readFrom,
  );
  return { posts: store.posts(req.xUserId, req.source, coveredFrom, req.now), coveredFrom, cut, fullRead: true };
}
