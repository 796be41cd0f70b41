// Reading a period in time slices side by side, when it cannot hold more
// posts than the report may read (the member's whole timeline fits): the same
// posts as one run of pages, sooner.

import { compareIds } from '../../twitter/ids.js';
import type { XPost } from '../../twitter/v2-types.js';
import {
  type Held,
  type HeldFetcher,
  inTurnOrNow,
  note,
  nothingRead,
  PAGE,
  type PagesRead,
  type PageTurn,
  type Query,
  readPages,
} from './paged-reads.js';
import { settleAll } from './settle-all.js';

/** Most time slices read at once: the pages of X's 3,200-post cap. */
export const MAX_SLICES = 32;
/**
 * Pages each slice should take, roughly: one, so a period is read in about
 * two round trips after its first page, however long. X bills posts, not
 * requests, and a slice's short page costs only the posts on it; the
 * requests it adds are few against X's 900 per member per 15 minutes.
 */
const PAGES_PER_SLICE = 1;

/**
 * Reads a period whose size cannot exceed maxPosts: the first page (newest
 * posts) is in hand; what lies between the period start and that page's
 * oldest post is split into time slices read side by side. Slices meet
 * without overlap (end_time is exclusive; the newest slice ends at the first
 * page's oldest post by id), so no post is read twice.
 */
export async function readInSlices(
  fetchPage: HeldFetcher,
  req: { from: number; now: number; maxPosts: number; inTurn?: PageTurn },
  base: Query,
  first: Held,
  oldest: number,
  /** Stores a run of pages read down from a top (see SourceReader.pagesDownFrom). */
  pagesDownFrom: (top: number) => (posts: XPost[]) => Promise<void>,
): Promise<PagesRead> {
  // The first page and the newest slice below it are one run down from the top.
  const fromTop = pagesDownFrom(req.now);
  const { firstRead, oldestId } = await storeFirst(first, fromTop, req.inTurn);
  const span = Math.max(1000, req.now - oldest);
  const estimatedPages = (firstRead.count * ((oldest - req.from) / span)) / PAGE;
  const slices = Math.max(1, Math.min(MAX_SLICES, Math.ceil(estimatedPages / PAGES_PER_SLICE)));
  // Whole seconds, as X's timestamps; the newest slice is bounded by id instead.
  const step = Math.max(1000, Math.floor((oldest - req.from) / slices / 1000) * 1000);
  // A failed slice stops the others after their current page; all settle before this returns or throws.
  const stop = new AbortController();
  const parts = await settleAll(
    stop,
    Array.from({ length: slices }, (_, i) => {
      const from = req.from + i * step;
      const newest = i === slices - 1;
      const query: Query = newest
        ? { ...base, startTime: new Date(from).toISOString(), untilId: oldestId }
        : { startTime: new Date(from).toISOString(), endTime: new Date(from + step).toISOString(), privateMetrics: base.privateMetrics };
      // An older slice's end_time is exclusive: its run covers up to the millisecond before. A takeover
      // reads that last second again (its posts then count once, see SavedPage.sameRead).
      const save = newest ? fromTop : pagesDownFrom(from + step - 1);
      return readPages(fetchPage, query, req.maxPosts, save, { stop: stop.signal, inTurn: req.inTurn });
    }),
  );
  const read = firstRead;
  for (const part of parts) {
    read.count += part.count;
    if (part.oldest !== null && (read.oldest === null || part.oldest < read.oldest)) read.oldest = part.oldest;
  }
  return read;
}

/**
 * Stores the first page; returns what the slices need of it. A function of
 * its own, so the page's posts are not kept in readInSlices's frame while
 * the slices read (see heldFetcher).
 */
async function storeFirst(
  first: Held,
  fromTop: (posts: XPost[]) => Promise<void>,
  inTurn: PageTurn | undefined,
): Promise<{ firstRead: PagesRead; oldestId: string }> {
  const posts = first.page.data ?? [];
  first.asked(); // its room among requests asking X goes to whichever slice asks first
  const firstRead = nothingRead();
  note(firstRead, posts);
  // Slices are read only after a first page that had more to follow, so it is not empty.
  const oldestId = posts.map((p) => p.id).reduce((min, id) => (compareIds(id, min) < 0 ? id : min));
  try {
    await inTurnOrNow(inTurn, () => fromTop(posts));
  } finally {
    first.release();
  }
  return { firstRead, oldestId };
}
