// Reading a run of pages from X: next_token followed until the end or an
// allowance, the next page asked for before the current one is stored (so
// storing overlaps X's latency), and every page held within the gates all
// running reports share: a request waiting on X holds a socket, a page read
// holds memory until it is stored.

import type { BodyHold } from '../../twitter/v2-client.js';
import type { XListResponse, XPost } from '../../twitter/v2-types.js';
import type { Gate, Release } from '../lanes/page-gate.js';

/** Most posts X returns in a page. */
export const PAGE = 100;

/** Runs a page's storing in a turn of its own (see ReadRequest.inTurn). */
export type PageTurn = (work: () => Promise<void>) => Promise<void>;

export type Query = { startTime?: string; endTime?: string; untilId?: string; sinceId?: string; privateMetrics?: boolean };
export type Fetcher = (query: Query & { paginationToken?: string }, maxResults: number, hold: BodyHold) => Promise<XListResponse<XPost>>;
/** A page with its room in the gate (given back once stored, or never to be) and its request's room among those asking X. */
export type Held = { page: XListResponse<XPost>; release: Release; asked: Release };
export type HeldFetcher = (query: Query & { paginationToken?: string }, maxResults: number, asked?: Release) => Promise<Held>;

/**
 * Asks X for each page once `asking` has room for the request, or with the room of the read's previous request
 * (`carried`: given back between pages, it would go to a report admitted later, and this one would fall a round
 * trip behind); reads the body once `gate` has room for the page: a page waiting on X holds a socket, not memory.
 */
export function heldFetcher(fetchPage: Fetcher, gate: Gate, asking: Gate): HeldFetcher {
  return async (query, maxResults, carried) => {
    const asked = carried ?? (await asking.acquire());
    let release: Release | undefined;
    // Once per page, though a request retried after its body failed may come back here.
    const hold: BodyHold = async (signal) => {
      release ??= await gate.acquire(signal);
    };
    try {
      const page = await fetchPage(query, maxResults, hold);
      // Giving back the page's room lets go of its posts too: an async read waiting on X for its next
      // page keeps the last one in its suspended frame (V8 does not clear it), where the gate no longer
      // counts it. Without this, every read waiting on X held one page more than the gate allowed.
      const letGoOfPosts = () => {
        release?.();
        page.data = undefined;
      };
      return { page, release: letGoOfPosts, asked };
    } catch (err) {
      release?.();
      asked();
      throw err;
    }
  };
}

const ignore = () => undefined;

export const letGo = (held: Held) => [held.release(), held.asked()];

/** Gives back the room of a page on its way that will not be stored. */
export function dropWhenHere(held: Promise<Held> | null): void {
  held?.then(letGo, () => undefined);
}

/** What a run of pages read: kept small (no post bodies), so a report in flight holds little memory. */
export interface PagesRead {
  count: number;
  /** The oldest post's time, or null when nothing was read. */
  oldest: number | null;
  /**
   * The ids read, only when asked for (keepIds): a refresh needs them to find
   * the posts X no longer serves, but 3,200 ids held by each of 200 reports
   * reading at once were a third of a burst's live heap.
   */
  ids: string[] | null;
  more: boolean;
}

/** Nothing read yet; `keepIds`: collect the ids read (see PagesRead.ids). */
export const nothingRead = (keepIds = false): PagesRead => ({ count: 0, oldest: null, ids: keepIds ? [] : null, more: false });

/**
 * Follows next_token until the end or `maxPosts`. The next page is requested
 * before the current one is handed to `onPage`, so storing a page overlaps
 * with X's latency instead of adding to it.
 */
export async function readPages(
  fetchPage: HeldFetcher,
  query: Query,
  maxPosts: number,
  onPage: (posts: XPost[]) => Promise<void>,
  options: {
    /** Already read, and now this read's to store and release. */
    firstPage?: Held;
    /** Aborted when a sibling read failed: no further page is asked for. */
    stop?: AbortSignal;
    inTurn?: PageTurn;
    /** Collect the ids read (see PagesRead.ids). */
    keepIds?: boolean;
  } = {},
): Promise<PagesRead> {
  const { firstPage, stop, inTurn } = options;
  const read = nothingRead(options.keepIds);
  const request = (token: string | undefined, asked?: Release) =>
    fetchPage({ ...query, paginationToken: token }, Math.min(PAGE, Math.max(5, maxPosts - read.count)), asked);
  /**
   * Stores one page and asks for the next, if any. A function of its own, so
   * that what it holds of the page is gone when it returns, not kept in
   * readPages's frame while that waits on X for the next page.
   */
  const take = async ({ page, release, asked }: Held): Promise<{ next: Promise<Held> | null; more: boolean }> => {
    let next: Promise<Held> | null = null;
    try {
      const fresh = (page.data ?? []).slice(0, maxPosts - read.count);
      note(read, fresh);
      const token = page.meta?.next_token;
      if (token && read.count < maxPosts) {
        if (stop?.aborted) throw stop.reason;
        next = request(token, asked);
        // If storing this page throws, the next page still arrives (and is
        // billed and counted); its failure must not become an unhandled rejection.
        // A function from outside: a closure made here would share this frame's context, which holds
        // `fresh`, and would keep the page's posts alive for as long as the next page is on its way.
        next.catch(ignore);
        // Let the request reach the wire before the CPU-bound store work runs:
        // fetch writes it over several turns of the event loop.
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      await inTurnOrNow(inTurn, () => onPage(fresh));
      return { next, more: Boolean(token) };
    } catch (err) {
      dropWhenHere(next);
      throw err;
    } finally {
      if (!next) asked(); // else the next request has this one's room among those asking X
      release();
    }
  };
  let pending = firstPage ? Promise.resolve(firstPage) : request(undefined);
  for (;;) {
    const { next, more } = await take(await pending);
    if (!next) return { ...read, more };
    pending = next;
  }
}

export function inTurnOrNow(inTurn: PageTurn | undefined, work: () => Promise<void>): Promise<void> {
  return inTurn ? inTurn(work) : work();
}

export function note(read: PagesRead, posts: XPost[]): void {
  for (const post of posts) {
    const at = Date.parse(post.created_at);
    if (read.oldest === null || at < read.oldest) read.oldest = at;
    read.ids?.push(post.id);
  }
  read.count += posts.length;
}
