// How a report reads a timeline (or mentions) from X without buying the same
// post twice. New posts are read with since_id from the newest stored one;
// the last REPORT_REFRESH_HOURS are read again for current metrics at most
// once per REPORT_CACHE_SECONDS; a longer period than stored reads only the
// older part that is missing (end_time = the oldest stored point). What is
// stored in full is kept as spans (coverage.ts); the report shows the span
// that reaches the present.

import type { CutReason } from '../../db/schema.js';
import type { XV2Client } from '../../twitter/v2-client.js';
import { PRIVATE_METRICS_DAYS, X_TIMELINE_CAP, type XPost } from '../../twitter/v2-types.js';
import { type Gap, gapsBetween, type Span, spanAt } from '../coverage.js';
import { type Gate, NO_GATE } from '../lanes/page-gate.js';
import type { PostStore, PostWindow, Source } from '../stores.js';
import type { CountedPages } from './counted-pages.js';
import { type Fetcher, type HeldFetcher, heldFetcher, letGo, PAGE, type PageTurn, type Query, readPages } from './paged-reads.js';
import { readInSlices } from './time-slices.js';

/** X returns at least 5 posts a page. */
const SMALLEST_PAGE = 5;

export interface ReadRequest {
  xUserId: string;
  source: Source;
  periodStart: number;
  now: number;
  /** Stored posts are returned back to here when stored in full (the previous period, for the trend); default periodStart. */
  keepFrom?: number;
  /** Re-read posts younger than horizonMs for current metrics, at most once per everyMs (timelines; mentions carry no metrics). */
  refresh?: { horizonMs: number; everyMs: number };
  maxPosts: number;
  /** Why maxPosts is what it is: the configured bound, or what is left of a budget. */
  bound?: 'max-posts' | 'budget';
  /**
   * How many posts the member has ever made (X's tweet_count), when known. If
   * that is within maxPosts no bound can bind, so a long stretch is read in
   * parallel time slices after its first page: the same posts, sooner.
   */
  lifetimePosts?: Promise<number | undefined>;
  /**
   * Runs the storing of each page in a turn of the event loop of its own,
   * after any interaction awaiting its ack: when many reports' pages arrive
   * together, an ack waits for one page, not for all of them.
   */
  inTurn?: PageTurn;
  /** Room for each page held in memory, from reading its body until it is stored, shared by every running report. */
  gate?: Gate;
  /** Room for each request waiting on X (a socket, not a page), shared by every running report. */
  asking?: Gate;
  /** The report's pages counted and not yet stored (see counted-pages.ts): told as each is stored. */
  counted?: CountedPages;
}

export interface ReadResult {
  /** What the report shows: stored posts from keepFrom (or from where the stored span begins, if later) to now. */
  window: PostWindow;
  /** Where the stored span that reaches the present begins. */
  coveredFrom: number;
  cut: { reason: CutReason; oldest: number } | null;
  /** Posts this read found below what was stored (older than the stored span above them), for the cost line. */
  olderRead: number;
}

function fetcherFor(client: XV2Client, req: ReadRequest): Fetcher {
  return req.source === 'timeline'
    ? (q, n, hold) => client.userPosts(req.xUserId, q, n, hold)
    : (q, n, hold) => client.mentions(req.xUserId, q, n, hold);
}

/** X's timestamps are whole seconds; a lower bound is rounded down so no post at its second is missed. */
const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Kept between X's 30-day window for private metrics and the oldest post a read asks them for, against clock skew. */
const PRIVATE_METRICS_MARGIN_MS = 10 * 60_000;

/**
 * The oldest time a timeline read may reach back to and still ask for the
 * member's private metrics (X leaves older posts out of such a read), or
 * null for mentions, which are other people's posts. A read reaching further
 * goes without them rather than split in two: they never cost a request. A
 * 30-day report starts at a local midnight less than 30 days back, so it
 * has them (but within 10 minutes of midnight); a longer one's first read
 * has not, and later reports read its new and young posts with them.
 */
function privateMetricsFrom(source: Source, now: number): number | null {
  return source === 'timeline' ? Math.ceil((now - PRIVATE_METRICS_DAYS * 86_400_000 + PRIVATE_METRICS_MARGIN_MS) / 1000) * 1000 : null;
}

export async function readSource(client: XV2Client, store: PostStore, req: ReadRequest): Promise<ReadResult> {
  const reader = new SourceReader(client, store, req, await store.coverage(req.xUserId, req.source));
  await reader.readNewest();
  await reader.readGaps();
  return reader.result();
}

/** One report's reads of one source, sharing its allowance of posts. */
class SourceReader {
  private left: number;
  private readonly fetchPage: HeldFetcher;
  /** The oldest time a read may reach back to and still ask for private metrics (null: never). */
  private readonly privateLine: number | null;
  /** Set when the allowance ran out before everything asked for was read. */
  private stoppedBy: CutReason | null = null;
  /** Posts read below a stored span (see ReadResult.olderRead). */
  private olderRead = 0;

  constructor(
    private readonly client: XV2Client,
    private readonly store: PostStore,
    private readonly req: ReadRequest,
    /** What of this source is stored in full, as the read begins. */
    private spans: Span[],
  ) {
    this.left = req.maxPosts;
    this.fetchPage = heldFetcher(fetcherFor(client, req), req.gate ?? NO_GATE, req.asking ?? NO_GATE);
    this.privateLine = privateMetricsFrom(req.source, req.now);
  }

  /** Stores a page (and what it proves stored, in the same transaction), and tells the usage which of its posts were paid for already. */
  private async keep(page: XPost[], covered: Span): Promise<void> {
    const { counted, source } = this.req;
    const onArrival = counted?.countedOnArrival(source, page);
    const saved = await this.store.savePosts(this.req.xUserId, source, page, this.req.now, covered, onArrival);
    counted?.stored(source, page);
    if (saved.spans) this.spans = saved.spans;
    if (saved.paidToday > 0) this.client.notBilled(saved.paidToday);
    if (saved.sameRead > 0) this.client.readBefore(saved.sameRead);
  }

  /**
   * Stores the pages of a run read newest first down from `top`, and records
   * with each that everything from its oldest post up to `top` is stored. A
   * report cut off between pages (its replica killed while waiting on X) is
   * so taken over from its last stored page, not read again from its first:
   * the gap left below is read with until_id from the oldest post stored above it.
   */
  private pagesDownFrom = (top: number): ((page: XPost[]) => Promise<void>) => {
    let oldest: number | null = null;
    return async (page) => {
      for (const post of page) {
        const at = Date.parse(post.created_at);
        if (oldest === null || at < oldest) oldest = at;
      }
      if (oldest !== null) await this.keep(page, { from: oldest, to: top, cutReason: null });
    };
  };

  /** Whether a read reaching back to `oldest` may ask for private metrics without X leaving posts out. */
  private asksPrivateMetrics(oldest: number): boolean {
    return this.privateLine !== null && oldest >= this.privateLine;
  }

  private async record(span: Span): Promise<void> {
    this.spans = await this.store.addCoverage(this.req.xUserId, this.req.source, span);
  }

  /**
   * What is new since the newest stored span: with since_id, or, when the
   * metrics of young posts are due for a refresh, everything since the
   * refresh horizon (the stored young posts and the new ones, one read).
   */
  async readNewest(): Promise<void> {
    const { req, store } = this;
    const top = this.spans.at(-1);
    // Nothing stored in the period (or nothing at all): reading the period is the gaps' work.
    if (!top || top.to >= req.now || top.to < wholeSecond(req.periodStart)) return;
    const refreshFrom = this.refreshFrom();
    const refreshDue =
      req.refresh !== undefined &&
      refreshFrom !== null &&
      top.to > refreshFrom &&
      req.now - (await store.refreshedAt(req.xUserId, req.source)) >= req.refresh.everyMs;
    let query: Query;
    let lower: number;
    if (refreshDue && refreshFrom !== null) {
      query = { startTime: iso(refreshFrom) };
      lower = refreshFrom;
    } else {
      const newest = await store.newestId(req.xUserId, req.source, top.from, top.to);
      query = newest ? { sinceId: newest } : { startTime: iso(wholeSecond(top.to)) };
      lower = top.to;
    }
    // Everything older than `lower` is stored, so nothing this read returns is older.
    query.privateMetrics = this.asksPrivateMetrics(lower);
    const { count, oldest, ids, more } = await readPages(this.fetchPage, query, this.left, this.pagesDownFrom(req.now), {
      inTurn: req.inTurn,
      keepIds: refreshDue,
    });
    this.left -= count;
    // Posts X no longer serves from a stretch read again in full were deleted there.
    if (refreshDue && !more && ids) await store.forgetMissing(req.xUserId, req.source, lower, req.now, ids);
    const cut = more ? (oldest ?? req.now) : null;
    if (cut !== null) this.stoppedBy = req.bound ?? 'max-posts';
    await this.record({ from: cut ?? lower, to: req.now, cutReason: cut !== null ? this.stoppedBy : null });
    await this.noteRefreshed(cut ?? lower);
  }

  /** Where the metrics refresh starts: the horizon, or the period start when that is later. */
  private refreshFrom(): number | null {
    const { refresh, now, periodStart } = this.req;
    return refresh ? wholeSecond(Math.max(now - refresh.horizonMs, periodStart)) : null;
  }

  /** A read that reached the present from `lowest` on: if that spans the horizon, every young post was just read. */
  private async noteRefreshed(lowest: number): Promise<void> {
    const refreshFrom = this.refreshFrom();
    if (refreshFrom !== null && lowest <= refreshFrom) await this.store.markRefreshed(this.req.xUserId, this.req.source, this.req.now);
  }

  /** Reads what the period still lacks, newest first, while the allowance lasts. */
  async readGaps(): Promise<void> {
    const { req } = this;
    for (const gap of gapsBetween(this.spans, wholeSecond(req.periodStart), req.now)) {
      if (this.left < SMALLEST_PAGE) {
        this.stoppedBy = req.bound ?? 'max-posts';
        return;
      }
      if (!(await this.readGap(gap))) return;
    }
  }

  /** Reads one gap; false when a bound stopped it before its start. */
  private async readGap(gap: Gap): Promise<boolean> {
    const { req, store } = this;
    // A span's top is a read time; the second it falls in may hold posts made just after that read.
    const from = wholeSecond(gap.from);
    // Below a stored span, read on from its oldest post by id: a stretch cut off part way (a page's
    // last second may hold more posts than that page did) goes on exactly where its last page ended.
    const above = gap.to === null ? undefined : this.spans.find((s) => s.from === gap.to);
    const untilId = above && (await store.oldestId(req.xUserId, req.source, above.from, above.to));
    const query: Query = {
      startTime: iso(from),
      ...(untilId ? { untilId } : gap.to !== null ? { endTime: iso(gap.to) } : {}),
      privateMetrics: this.asksPrivateMetrics(from),
    };
    const to = gap.to ?? req.now;
    const first = await this.fetchPage(query, Math.max(SMALLEST_PAGE, Math.min(PAGE, this.left)));
    let lifetime: number | undefined;
    try {
      lifetime = first.page.meta?.next_token ? await req.lifetimePosts : undefined;
    } catch (err) {
      letGo(first);
      throw err;
    }
    const firstOldest = (first.page.data ?? []).reduce((min, p) => Math.min(min, Date.parse(p.created_at)), to);
    // Slices need at least a couple of seconds between the gap's start and the first page.
    const sliceable = lifetime !== undefined && lifetime <= this.left && firstOldest - from >= 2000;
    const read = sliceable
      ? await readInSlices(
          this.fetchPage,
          { from, now: to, maxPosts: this.left, inTurn: req.inTurn },
          query,
          first,
          firstOldest,
          this.pagesDownFrom,
        )
      : await readPages(this.fetchPage, query, this.left, this.pagesDownFrom(to), { firstPage: first, inTurn: req.inTurn });
    const { count, more } = read;
    this.left -= count;
    if (gap.to !== null) this.olderRead += count;
    const oldest = read.oldest ?? to;
    // X stops serving a timeline 3,200 posts back: an early end there is X's cap, not the member's first post.
    const cappedByX =
      !more &&
      req.source === 'timeline' &&
      oldest > from &&
      count + (await store.countFrom(req.xUserId, req.source, to)) >= X_TIMELINE_CAP - PAGE;
    const reason: CutReason | null = more ? (req.bound ?? 'max-posts') : cappedByX ? 'x-cap' : null;
    if (reason) this.stoppedBy = reason;
    await this.record({ from: reason ? oldest : from, to, cutReason: reason });
    if (gap.to === null) await this.noteRefreshed(reason ? oldest : from);
    return reason === null;
  }

  result(): ReadResult {
    const { req } = this;
    const span = spanAt(this.spans, req.now);
    const coveredFrom = span?.from ?? req.now;
    const start = wholeSecond(req.periodStart);
    const cut = coveredFrom > start ? { reason: span?.cutReason ?? this.stoppedBy ?? req.bound ?? 'max-posts', oldest: coveredFrom } : null;
    const window = {
      xUserId: req.xUserId,
      source: req.source,
      from: Math.max(coveredFrom, Math.min(req.keepFrom ?? req.periodStart, req.periodStart)),
      to: req.now,
    };
    return { window, coveredFrom, cut, olderRead: this.olderRead };
  }
}
