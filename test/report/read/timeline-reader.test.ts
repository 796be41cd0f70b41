// The reading rules against the X stand-in and a real SQLite file: what is
// read from X for a cold report, a repeat, a metrics refresh, a longer period,
// a cut, and mentions; no post is bought twice outside the refresh horizon.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../src/db/database.js';
import { getThroughFetch } from '../../../src/http/http-get.js';
import { BillingLedger } from '../../../src/local-x/billing.js';
import { mention, post, syntheticTimeline } from '../../../src/local-x/posts.js';
import { SimulatedMember, seeded } from '../../../src/local-x/simulated-member.js';
import { privateMetricsOf, serveTimeline, type TimelineData } from '../../../src/local-x/timeline-routes.js';
import { XStandIn } from '../../../src/local-x/x-stand-in.js';
import { PageGate } from '../../../src/report/lanes/page-gate.js';
import { type ReadRequest, readSource } from '../../../src/report/read/timeline-reader.js';
import { type StoredPost, toStoredPost } from '../../../src/report/stored-post.js';
import { summarise } from '../../../src/report/summary/summary.js';
import { asyncPosts, SqlitePostStore } from '../../../src/storage/sqlite/post-store.js';
import { OAuthSigner } from '../../../src/twitter/oauth-signer.js';
import { type V2ClientOptions, XV2Client } from '../../../src/twitter/v2-client.js';
import { eventually } from '../../support/harness.js';
import { hasPosts } from '../../support/x-pages.js';

const DAY = 86_400_000;
const USER = { id: '1456789012345678901', screenName: 'ada' };
const NOW = Date.parse('2026-11-23T12:00:00Z');
let x: XStandIn;
let dir: string;
let database: Database;
let store: SqlitePostStore;
let data: TimelineData;

beforeEach(async () => {
  x = await new XStandIn().start();
  x.now = () => NOW;
  dir = mkdtempSync(join(tmpdir(), 'xbot-reader-'));
  database = openDatabase(join(dir, 'bot.sqlite'));
  store = new SqlitePostStore(database.db);
  data = { profile: { id: USER.id, name: 'Ada', username: 'ada' }, posts: syntheticTimeline(450, NOW - 60_000, 120), mentions: [] };
  serveTimeline(x, data);
});
afterEach(async () => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
  await x.stop();
});

function client(over: Partial<V2ClientOptions> = {}) {
  return new XV2Client({
    apiUrl: x.baseUrl,
    signer: new OAuthSigner(x.consumer),
    token: x.issueAccessToken(USER),
    usage: { requests: 0, postsRead: 0, postsRepeated: 0, userReads: 0 },
    ...over,
  });
}

const HOUR = 3_600_000;
const REFRESH = { horizonMs: 48 * HOUR, everyMs: 900_000 };
const request = (over: Partial<ReadRequest> = {}): ReadRequest => ({
  xUserId: USER.id,
  source: 'timeline',
  periodStart: NOW - 30 * DAY,
  now: NOW,
  refresh: REFRESH,
  maxPosts: 1000,
  ...over,
});
const at = (now: number, days = 30) => ({ now, periodStart: now - days * DAY });
const params = (r: { url: string }) => new URL(r.url).searchParams;

const inPeriod = (from: number) => data.posts.filter((p) => Date.parse(p.created_at) >= from).length;

/** Reads through the async store, as reports do; `posts` are what the window then holds. */
async function readStored(client: XV2Client, cache: SqlitePostStore, req: ReadRequest) {
  const result = await readSource(client, asyncPosts(cache), req);
  return { ...result, posts: cache.postsIn(result.window) };
}

describe('readSource', () => {
  it('fails cleanly when storing a page throws while the next page is in flight, even if that page fails too', async () => {
    const usage = { requests: 0, postsRead: 0, postsRepeated: 0, userReads: 0 };
    const c = client({ usage, attempts: 1 });
    x.routes.unshift((req) =>
      req.url.includes('pagination_token=page-100') ? { status: 503, body: { title: 'Service Unavailable' } } : undefined,
    );
    const failing = Object.create(store) as SqlitePostStore;
    failing.savePosts = () => {
      throw new Error('disk full');
    };
    await expect(readStored(c, failing, request())).rejects.toThrow('disk full');
    // The second request still completes (and fails); Vitest fails the run on an unhandled rejection.
    await eventually(() => x.requestsTo(/tweets/).length === 2 && usage.requests === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it('reads the whole period cold, page by page', async () => {
    const c = client();
    const result = await readStored(c, store, request());
    const expected = inPeriod(NOW - 30 * DAY);
    expect(expected).toBe(112);
    expect(result.posts).toHaveLength(expected);
    expect(result.cut).toBeNull();
    expect(c.usage).toEqual({ requests: 2, postsRead: expected, postsRepeated: 0, userReads: 0 });
    expect(x.verifications.every((v) => v.ok)).toBe(true);
  });

  it('asks for the member’s private metrics only on reads that X’s 30-day rule cannot cut, never at the cost of a request', async () => {
    const fields = (r: { url: string }) => params(r).get('tweet.fields') ?? '';
    // A 30-day report from a local midnight less than 30 days back: every post comes with them.
    const thirty = await readStored(client(), store, request({ periodStart: NOW - 29.5 * DAY }));
    const calls = x.v2Requests();
    expect(calls.every((r) => fields(r).includes('non_public_metrics'))).toBe(true);
    expect(thirty.posts.length).toBe(inPeriod(NOW - 29.5 * DAY));
    expect(thirty.posts.every((p) => p.privateMetrics?.impression_count !== undefined)).toBe(true);

    // A 90-day report reaches past them: it reads without (X would leave its older posts out) and
    // reads no more requests than it would anyway; no post is lost.
    const before = x.v2Requests().length;
    const c = client();
    const ninety = await readStored(c, store, request({ periodStart: NOW - 90 * DAY, now: NOW + 1000 }));
    const older = x.v2Requests().slice(before);
    expect(older.filter((r) => !params(r).has('since_id') && fields(r).includes('non_public_metrics'))).toEqual([]);
    expect(ninety.posts.length).toBe(inPeriod(NOW - 90 * DAY));
    // The posts read earlier keep their private metrics though this read did not ask for them.
    expect(ninety.posts.filter((p) => p.privateMetrics).length).toBe(inPeriod(NOW - 29.5 * DAY));

    // Mentions are other people's posts: never asked for.
    await readStored(client(), store, request({ source: 'mentions', refresh: undefined }));
    expect(x.requestsTo(/mentions/).every((r) => !fields(r).includes('non_public_metrics'))).toBe(true);
  });

  it('a 90-day first read goes without private metrics; the next report reads its young and new posts with them', async () => {
    await readStored(client(), store, request({ periodStart: NOW - 90 * DAY }));
    const fresh = post({ at: new Date(NOW + 60_000).toISOString(), likes: 3 });
    data.posts.unshift(fresh);
    const later = NOW + 3_600_000;
    x.now = () => later;
    const before = x.v2Requests().length;
    const result = await readStored(client(), store, request(at(later, 90)));
    const calls = x.v2Requests().slice(before);
    expect(calls).toHaveLength(1); // the refresh of the last 48 hours, with the new post
    expect(params(calls[0]!).get('tweet.fields')).toContain('non_public_metrics');
    const young = result.posts.filter((p) => p.createdAt >= later - 48 * HOUR);
    expect(young.map((p) => p.id)).toContain(fresh.id);
    expect(young.every((p) => p.privateMetrics !== null)).toBe(true);
  });

  it('reads only newer posts (since_id) on a repeat within the refresh window: one request', async () => {
    await readStored(client(), store, request());
    const fresh = post({ at: new Date(NOW + 60_000).toISOString(), likes: 3 });
    data.posts.unshift(fresh);
    const before = x.v2Requests().length;
    const c = client();
    const result = await readStored(c, store, request({ now: NOW + 120_000, periodStart: NOW + 120_000 - 30 * DAY }));
    const calls = x.v2Requests().slice(before);
    expect(calls).toHaveLength(1);
    expect(new URL(calls[0]!.url).searchParams.get('since_id')).toBe(data.posts[1]!.id);
    expect(c.usage).toEqual({ requests: 1, postsRead: 1, postsRepeated: 0, userReads: 0 });
    expect(result.posts.map((p) => p.id)).toContain(fresh.id);
  });

  it('shows only the newest posts, cut, when more is new than one report may read, and reads only the hole next time', async () => {
    await readStored(client(), store, request());
    const burst = Array.from({ length: 30 }, (_, i) => post({ at: new Date(NOW + (i + 1) * 1000).toISOString() }));
    data.posts.unshift(...burst.reverse());
    const later = NOW + 60_000;
    const result = await readStored(client(), store, request({ ...at(later), maxPosts: 20 }));
    expect(result.posts).toHaveLength(20);
    expect(result.cut).toEqual({ reason: 'max-posts', oldest: Date.parse(data.posts[19]!.created_at) });
    const before = x.v2Requests().length;
    const c = client();
    const next = await readStored(c, store, request(at(later + 1000)));
    expect(next.cut).toBeNull();
    expect(next.posts).toHaveLength(inPeriod(later + 1000 - 30 * DAY));
    // One since_id read (nothing new), then the 10 posts of the hole between the two stored spans.
    expect(c.usage.postsRead).toBe(10);
    // The hole is read on from the oldest post stored above it, by id: none of that post's second is lost.
    const hole = x
      .v2Requests()
      .slice(before)
      .find((r) => params(r).has('until_id'))!;
    expect(params(hole).get('until_id')).toBe(data.posts[19]!.id);
    expect(params(hole).has('end_time')).toBe(false);
  });

  it('reads the period in parallel time slices when the member has never posted more than maxPosts: same posts, same cost', async () => {
    data.posts = syntheticTimeline(2000, NOW - 60_000, 85);
    const sequential = await readStored(client(), store, request({ periodStart: NOW - 90 * DAY, maxPosts: 3200 }));
    database.sqlite.prepare('delete from x_coverage').run();
    database.sqlite.prepare('delete from x_posts').run();
    const before = x.v2Requests().length;
    const c = client();
    const sliced = await readStored(
      c,
      store,
      request({ periodStart: NOW - 90 * DAY, maxPosts: 3200, lifetimePosts: Promise.resolve(data.posts.length) }),
    );
    const calls = x.v2Requests().slice(before);
    expect(new Set(sliced.posts.map((p) => p.id))).toEqual(new Set(sequential.posts.map((p) => p.id)));
    expect(sliced.posts).toHaveLength(inPeriod(NOW - 90 * DAY));
    expect(c.usage.postsRead).toBe(inPeriod(NOW - 90 * DAY)); // slices meet without overlap
    expect(calls.filter((r) => new URL(r.url).searchParams.has('end_time')).length).toBeGreaterThan(1);
    expect(calls.filter((r) => new URL(r.url).searchParams.has('until_id'))).not.toHaveLength(0);
    expect(sliced.cut).toBeNull();
    expect(x.verifications.every((v) => v.ok)).toBe(true);
  });

  it('holds no more pages in memory than the gate allows, from reading a page until it is stored, while more requests wait on X; and gives all room back, even when a read fails', async () => {
    data.posts = syntheticTimeline(2000, NOW - 60_000, 85);
    const sliced = (gate?: PageGate, over: Partial<V2ClientOptions> = {}, asking?: PageGate) => {
      // Counted here, not by the gates: requests asked of X whose body is not read yet, and pages read but not stored.
      let waiting = 0;
      let mostWaiting = 0;
      let held = 0;
      let mostHeld = 0;
      const countingFetch: typeof fetch = async (url, init) => {
        mostWaiting = Math.max(mostWaiting, ++waiting);
        let response: Response;
        try {
          response = await fetch(url, init);
        } catch (err) {
          waiting--;
          throw err;
        }
        const body = response.body;
        if (!body) {
          waiting--;
          return response;
        }
        const reader = body.getReader();
        let started = false;
        const chunks: Uint8Array[] = [];
        const stream = new ReadableStream<Uint8Array>(
          {
            async pull(controller) {
              if (!started) {
                started = true;
                waiting--;
                if (response.ok) mostHeld = Math.max(mostHeld, ++held);
              }
              const { done, value } = await reader.read();
              if (done) {
                // A page with no posts is never stored: it holds nothing once read.
                if (response.ok && !hasPosts(Buffer.concat(chunks).toString('utf8'))) held--;
                controller.close();
              } else {
                chunks.push(value);
                controller.enqueue(value);
              }
            },
            cancel: (reason) => reader.cancel(reason),
          },
          { highWaterMark: 0 },
        ); // pulled only when read
        return new Response(stream, { status: response.status, headers: response.headers });
      };
      const c = client({ ...over, get: getThroughFetch(countingFetch) });
      const counting = Object.create(store) as SqlitePostStore;
      counting.savePosts = (...args) => {
        try {
          return store.savePosts(...args);
        } finally {
          held--;
        }
      };
      // Storing is slow (a busy CPU lane, one page at a time): pages read meanwhile pile up unless the gate holds them back.
      let lane: Promise<unknown> = Promise.resolve();
      const inTurn = (work: () => Promise<void>) => {
        const turn = lane.then(() => new Promise((resolve) => setTimeout(resolve, 5))).then(work);
        lane = turn.catch(() => undefined);
        return turn;
      };
      const read = readStored(
        c,
        counting,
        request({ periodStart: NOW - 90 * DAY, maxPosts: 3200, lifetimePosts: Promise.resolve(data.posts.length), gate, asking, inTurn }),
      );
      return { read, mostWaiting: () => mostWaiting, mostHeld: () => mostHeld };
    };
    const clear = () => {
      database.sqlite.prepare('delete from x_coverage').run();
      database.sqlite.prepare('delete from x_posts').run();
    };
    const free = sliced();
    await free.read;
    expect(free.mostWaiting()).toBeGreaterThan(2); // slices read side by side
    expect(free.mostHeld()).toBeGreaterThan(2); // and, with nothing holding them back, pages pile up
    clear();

    const gate = new PageGate(2);
    const asking = new PageGate(5);
    const gated = sliced(gate, {}, asking);
    const result = await gated.read;
    expect(gated.mostHeld()).toBeLessThanOrEqual(2);
    expect(gated.mostWaiting()).toBeGreaterThan(2); // more requests wait on X than pages are held
    expect(gated.mostWaiting()).toBeLessThanOrEqual(5);
    expect(result.posts).toHaveLength(inPeriod(NOW - 90 * DAY));
    expect(gate.held).toBe(0);
    expect(asking.held).toBe(0);
    clear();

    // A slice's page fails while others are on their way: every page's room comes back once they have arrived.
    let sliceAsks = 0;
    x.routes.unshift((req) => (req.url.includes('end_time') && ++sliceAsks === 3 ? { status: 503, body: {} } : undefined));
    const failing = new PageGate(3);
    await expect(sliced(failing, { attempts: 1 }).read).rejects.toThrow();
    await eventually(() => failing.held === 0);
    clear(); // the slices that were read are stored: the next read must have pages to store

    // Storing a page fails while the next page is on its way: that page's room comes back when it arrives.
    const full = Object.create(store) as SqlitePostStore;
    full.savePosts = () => {
      throw new Error('disk full');
    };
    const diskFull = new PageGate(3);
    await expect(readStored(client(), full, request({ gate: diskFull }))).rejects.toThrow('disk full');
    await eventually(() => diskFull.held === 0);
  });

  it('lets reads racing for a gate of one page each finish, with every post, and gives the room back', async () => {
    data.mentions = syntheticTimeline(300, NOW - 60_000, 30).map((p, i) => ({ ...mention(p.created_at, String(500 + i)), id: p.id }));
    const gate = new PageGate(1);
    const [timeline, mentions] = await Promise.all([
      readStored(client(), store, request({ gate })),
      readStored(client(), store, request({ gate, source: 'mentions', refresh: undefined })),
    ]);
    expect(timeline.posts).toHaveLength(inPeriod(NOW - 30 * DAY));
    expect(mentions.posts).toHaveLength(data.mentions.length);
    expect(gate.held).toBe(0);
  });

  it('keeps a read’s room among requests asking X for its next page, so a report admitted later does not take it between pages', async () => {
    data.mentions = syntheticTimeline(300, NOW - 60_000, 30).map((p, i) => ({ ...mention(p.created_at, String(500 + i)), id: p.id }));
    const asking = new PageGate(1);
    const [timeline, mentions] = await Promise.all([
      readStored(client(), store, request({ asking: asking.for(1) })),
      readStored(client(), store, request({ asking: asking.for(2), source: 'mentions', refresh: undefined })),
    ]);
    const order = x.v2Requests().map((r) => (r.path.includes('mentions') ? 'm' : 't'));
    const pages = (n: number) => Math.ceil(n / 100);
    // The first admitted (priority 1) reads all its pages, one after another, before the other gets the room.
    expect(order.join('')).toBe('t'.repeat(pages(timeline.posts.length)) + 'm'.repeat(pages(mentions.posts.length)));
    expect(order.filter((o) => o === 't').length).toBeGreaterThan(1);
    expect(mentions.posts).toHaveLength(data.mentions.length);
    expect(asking.held).toBe(0);
  });

  it('gives a hanging X’s pages their room back when each request reaches its deadline', async () => {
    data.posts = syntheticTimeline(2000, NOW - 60_000, 85);
    // The first page comes back (read and counted: its answer is whole); then X stops answering, while the
    // read's slices are on their way.
    const c = client({ attempts: 1, timeoutMs: 200 });
    const lifetime = eventually(() => c.usage.postsRead > 0).then(() => {
      x.faults.slowMs = 3_000;
      return data.posts.length;
    });
    const gate = new PageGate(4);
    await expect(
      readStored(c, store, request({ periodStart: NOW - 90 * DAY, maxPosts: 3200, lifetimePosts: lifetime, gate })),
    ).rejects.toThrow();
    expect(x.v2Requests().length).toBeGreaterThan(1);
    await eventually(() => gate.held === 0);
    x.faults.slowMs = 0;
  });

  it('reads page by page when the member has posted more than maxPosts, so the bound still reads only the newest', async () => {
    const c = client();
    const result = await readStored(
      c,
      store,
      request({ periodStart: NOW - 90 * DAY, maxPosts: 150, lifetimePosts: Promise.resolve(5000) }),
    );
    expect(x.v2Requests().some((r) => new URL(r.url).searchParams.has('end_time'))).toBe(false);
    expect(result.cut?.reason).toBe('max-posts');
    expect(c.usage.postsRead).toBe(150);
  });

  it('reads only new mentions, with since_id: a mention is never bought twice', async () => {
    data.mentions = syntheticTimeline(20, NOW - 60_000, 10);
    const mentions = (over: Partial<ReadRequest>) => request({ source: 'mentions', refresh: undefined, ...over });
    await readStored(client(), store, mentions({}));
    const later = NOW + 2 * DAY; // long past any cache window
    const quiet = client();
    const again = await readStored(quiet, store, mentions(at(later)));
    expect(quiet.usage).toMatchObject({ requests: 1, postsRead: 0 });
    expect(params(x.v2Requests().at(-1)!).get('since_id')).toBe(data.mentions[0]!.id);
    expect(again.posts).toHaveLength(20);
    data.mentions.unshift(syntheticTimeline(1, later + 1000, 0.001)[0]!);
    const one = client();
    const third = await readStored(one, store, mentions(at(later + 2000)));
    expect(one.usage.postsRead).toBe(1);
    expect(third.posts).toHaveLength(21);
  });

  it('reads the posts of the last 48 hours again once the cache window has passed: their metrics and deletions show, older posts are not bought again', async () => {
    await readStored(client(), store, request());
    const young = data.posts[0]!;
    const old = data.posts.find((p) => Date.parse(p.created_at) < NOW - 3 * DAY)!;
    young.public_metrics = { ...young.public_metrics, like_count: 777 };
    old.public_metrics = { ...old.public_metrics, like_count: 999 };
    const deleted = data.posts.splice(1, 1)[0]!;
    expect(Date.parse(deleted.created_at)).toBeGreaterThan(NOW - 2 * DAY);
    const later = NOW + 900_000;
    const before = x.v2Requests().length;
    const c = client();
    const result = await readStored(c, store, request(at(later)));
    const calls = x.v2Requests().slice(before);
    expect(calls).toHaveLength(1);
    expect(params(calls[0]!).get('start_time')).toBe(new Date(later - 48 * HOUR).toISOString());
    expect(params(calls[0]!).has('since_id')).toBe(false);
    expect(c.usage.postsRead).toBe(inPeriod(later - 48 * HOUR));
    expect(result.posts.find((p) => p.id === young.id)?.likes).toBe(777);
    expect(result.posts.find((p) => p.id === old.id)?.likes).not.toBe(999); // as of its last read
    expect(result.posts.find((p) => p.id === deleted.id)).toBeUndefined();
    expect(result.posts).toHaveLength(inPeriod(later - 30 * DAY));

    // Within the next window, only since_id again.
    const soon = client();
    await readStored(soon, store, request(at(later + 60_000)));
    expect(params(x.v2Requests().at(-1)!).has('since_id')).toBe(true);
    expect(soon.usage.postsRead).toBe(0);
  });

  it('reads only the missing older part for a longer period (until_id = the oldest stored post), and nothing older for a shorter one', async () => {
    await readStored(client(), store, request({ periodStart: NOW - 7 * DAY }));
    const before = x.v2Requests().length;
    const c = client();
    const long = await readStored(c, store, request({ periodStart: NOW - 90 * DAY }));
    const calls = x.v2Requests().slice(before);
    const oldestStored = data.posts.filter((p) => Date.parse(p.created_at) >= NOW - 7 * DAY).at(-1)!;
    expect(calls.filter((r) => params(r).get('until_id') === oldestStored.id)).not.toHaveLength(0);
    expect(c.usage.postsRead).toBe(inPeriod(NOW - 90 * DAY) - inPeriod(NOW - 7 * DAY));
    expect(long.coveredFrom).toBe(NOW - 90 * DAY);
    expect(long.posts).toHaveLength(inPeriod(NOW - 90 * DAY));
    const short = client();
    const result = await readStored(short, store, request({ periodStart: NOW - 30 * DAY, keepFrom: NOW - 60 * DAY }));
    expect(short.usage.postsRead).toBe(0);
    expect(result.coveredFrom).toBe(NOW - 90 * DAY);
    expect(result.posts).toHaveLength(inPeriod(NOW - 60 * DAY)); // the previous 30 days too, for the trend
  });

  it('stops at REPORT_MAX_POSTS and says the period was cut', async () => {
    const c = client();
    const result = await readStored(c, store, request({ maxPosts: 150, periodStart: NOW - 90 * DAY }));
    expect(c.usage.postsRead).toBe(150);
    expect(result.cut?.reason).toBe('max-posts');
    expect(result.cut!.oldest).toBe(Date.parse(data.posts[149]!.created_at));
    expect(result.posts).toHaveLength(150);
    expect(result.olderRead).toBe(0);
    // The bound is one report's: the next reads on below it, from the oldest stored post by id, nothing twice.
    const before = x.v2Requests().length;
    const again = client();
    const repeat = await readStored(again, store, request({ maxPosts: 150, periodStart: NOW - 90 * DAY, now: NOW + 1000 }));
    expect(again.usage.postsRead).toBe(150);
    expect(repeat.olderRead).toBe(150);
    expect(repeat.cut?.reason).toBe('max-posts');
    expect(repeat.cut!.oldest).toBe(Date.parse(data.posts[299]!.created_at));
    expect(repeat.posts).toHaveLength(300);
    expect(new Set(repeat.posts.map((p) => p.id)).size).toBe(300);
    const calls = x.v2Requests().slice(before);
    expect(calls.some((r) => params(r).get('until_id') === data.posts[149]!.id)).toBe(true);
  });

  it('reads further back next time when a budget cut the period, since the budget may allow more then', async () => {
    const first = await readStored(client(), store, request({ maxPosts: 50, bound: 'budget' }));
    expect(first.cut?.reason).toBe('budget');
    const c = client();
    const next = await readStored(c, store, request({ now: NOW + 1000 }));
    expect(next.cut).toBeNull();
    expect(c.usage.postsRead).toBe(inPeriod(NOW - 30 * DAY) - 50);
  });

  it("says so when X's 3,200-post cap cuts the period", async () => {
    data.posts = syntheticTimeline(3300, NOW - 60_000, 20);
    const c = client();
    const result = await readStored(c, store, request({ maxPosts: 3200 }));
    expect(c.usage.postsRead).toBe(3200);
    expect(c.usage.requests).toBe(32);
    expect(result.cut?.reason).toBe('x-cap');
  });
});

describe('readSource against races and crashes', () => {
  /** Serves the timeline through X's bill, and fails the request for the third page once (the replica dies waiting on it). */
  function cutAtThirdPage(): BillingLedger {
    const ledger = new BillingLedger(() => NOW);
    x.routes.length = 0;
    serveTimeline(x, data, { bill: ledger });
    let failed = false;
    x.routes.unshift((req) => {
      if (failed || !req.url.includes('pagination_token=page-200')) return undefined;
      failed = true;
      return { status: 503, body: { title: 'Service Unavailable' } };
    });
    return ledger;
  }

  it('takes a read cut off between pages over from its last stored page: X serves each post once, and each counts once', async () => {
    const ledger = cutAtThirdPage();
    const req = request({ periodStart: NOW - 90 * DAY });
    const first = client({ attempts: 1 });
    await expect(readStored(first, store, req)).rejects.toThrow();
    expect(first.usage.postsRead).toBe(200);
    // The takeover: the same report (same read time), counting on from what the first attempt read.
    const usage = { ...first.usage, postsRepeated: 0 };
    const result = await readStored(client({ usage }), store, req);
    const all = inPeriod(NOW - 90 * DAY);
    expect(result.posts).toHaveLength(all);
    expect(result.cut).toBeNull();
    expect(ledger.postsReturned).toBe(all);
    expect(usage.postsRead).toBe(all);
    expect(usage.postsRepeated).toBe(0);
    // It went on below the oldest post stored, by id.
    const resumed = x.requestsTo(/\/tweets$/).at(-2)!;
    expect(params(resumed).get('until_id')).toBe(data.posts[199]!.id);
  });

  it('takes a read of new posts (since_id) cut off between pages over from its last stored page', async () => {
    await readStored(client(), store, request());
    const fresh = Array.from({ length: 250 }, (_, i) => post({ at: new Date(NOW + (i + 1) * 1000).toISOString() }));
    data.posts.unshift(...fresh.reverse());
    const ledger = cutAtThirdPage();
    const req = request(at(NOW + 600_000));
    const first = client({ attempts: 1 });
    await expect(readStored(first, store, req)).rejects.toThrow();
    const usage = { ...first.usage, postsRepeated: 0 };
    const result = await readStored(client({ usage }), store, req);
    expect(result.posts).toHaveLength(inPeriod(NOW + 600_000 - 30 * DAY));
    expect(ledger.postsReturned).toBe(250);
    expect(usage.postsRead).toBe(250);
    expect(usage.postsRepeated).toBe(0);
  });

  it('does not bring back coverage that retention deleted while the report was reading', async () => {
    await readStored(client(), store, request());
    store.addCoverage(USER.id, 'timeline', { from: NOW - 400 * DAY, to: NOW - 300 * DAY, cutReason: null });
    const release = x.hold(/\/tweets$/);
    const reading = readStored(client(), store, request(at(NOW + 60_000)));
    await eventually(() => x.requestsTo(/\/tweets$/).length === 2);
    store.prune(NOW + 60_000, 180 * DAY); // the hourly retention runs meanwhile
    release();
    await reading;
    expect(store.coverage(USER.id, 'timeline').every((span) => span.from >= NOW + 60_000 - 180 * DAY)).toBe(true);
  });

  it('records what each page proves stored with the page itself: a crash before the stretch’s last record re-reads nothing', async () => {
    const crashing = Object.create(store) as SqlitePostStore;
    crashing.addCoverage = () => {
      throw new Error('power cut');
    };
    await expect(readStored(client(), crashing, request())).rejects.toThrow('power cut');
    // Both pages' posts are stored, and covered from the oldest of them up.
    const stored = data.posts.filter((p) => Date.parse(p.created_at) >= NOW - 30 * DAY);
    expect(store.coverage(USER.id, 'timeline')).toEqual([{ from: Date.parse(stored.at(-1)!.created_at), to: NOW, cutReason: null }]);
    const c = client();
    const again = await readStored(c, store, request({ now: NOW + 1000 }));
    expect(again.posts).toHaveLength(inPeriod(NOW - 30 * DAY));
    expect(again.cut).toBeNull();
    // Read again: only the young posts, whose metrics refresh the crash kept from being noted, already paid for today.
    expect(c.usage.postsRead).toBe(inPeriod(NOW - 48 * HOUR));
    expect(c.usage.postsRepeated).toBe(c.usage.postsRead);
  });
});

describe('any sequence of reports against a timeline whose metrics keep changing', () => {
  const START = NOW - 200 * DAY;
  const HORIZON = 48 * HOUR;

  for (const seed of [1, 2, 3]) {
    it(`equals a full re-read but for the metrics of posts older than the horizon, and buys no post twice outside it (seed ${seed})`, async () => {
      const member = new SimulatedMember({
        id: USER.id,
        username: 'ada',
        from: START,
        until: NOW + 40 * DAY,
        postsPerDay: 8,
        mentionsPerDay: 5,
        seed,
      });
      data = member.data;
      x.routes.length = 0;
      const returns: Array<{ id: string; at: number; source: 'timeline' | 'mentions' }> = [];
      let clock = NOW;
      let source: 'timeline' | 'mentions' = 'timeline';
      x.now = () => clock;
      serveTimeline(x, data, {
        bill: { posts: (ids) => returns.push(...ids.map((id) => ({ id, at: clock, source }))), user: () => undefined },
      });
      const random = seeded(seed * 7919);
      const lastReturn = new Map<string, number>();
      for (let step = 0; step < 30; step++) {
        clock += Math.floor((1 + random() * 30) * HOUR);
        member.advanceTo(clock);
        const days = [7, 30, 90][Math.floor(random() * 3)] ?? 30;
        const periodStart = clock - days * DAY;
        source = 'timeline';
        const timeline = await readStored(client(), store, request({ now: clock, periodStart, keepFrom: periodStart - days * DAY }));
        source = 'mentions';
        const mentions = await readStored(client(), store, request({ source: 'mentions', refresh: undefined, now: clock, periodStart }));

        // What a full re-read would see, with the stored metrics kept for posts older than the horizon;
        // younger ones are read again, with the member's private metrics as X counts them now. Only a
        // first read reaching past X's 30 days for them goes without: they never cost a request of their own.
        const stored = new Map(timeline.posts.map((p) => [p.id, p]));
        const privateRead = step > 0 || days < 30;
        const truth = member.postsBetween(periodStart, clock).map((p): StoredPost => {
          const old = stored.get(p.id);
          const now = toStoredPost({ ...p, non_public_metrics: privateRead ? privateMetricsOf(p) : undefined });
          return now.createdAt < clock - HORIZON
            ? {
                ...now,
                likes: old?.likes ?? 0,
                reposts: old?.reposts ?? 0,
                replies: old?.replies ?? 0,
                quotes: old?.quotes ?? 0,
                bookmarks: old?.bookmarks ?? 0,
                impressions: old?.impressions ?? null,
                privateMetrics: old?.privateMetrics ?? null,
              }
            : now;
        });
        const input = (posts: StoredPost[], received: StoredPost[]) => ({
          profile: { id: USER.id, name: 'Ada', username: 'ada' },
          posts,
          mentions: received,
          previousPosts: null,
          period: { start: periodStart, end: clock, days },
          timeZone: 'UTC',
          read: { posts: { storedFrom: periodStart, cut: null }, mentions: { storedFrom: periodStart, cut: null } },
          limits: { maxPosts: 1000, postMicroUsd: 5000, periods: [7, 30, 90] },
          audience: 'private' as const,
        });
        expect(timeline.cut).toBeNull();
        expect(summarise(input(timeline.posts, mentions.posts))).toEqual(
          summarise(input(truth, member.mentionsBetween(periodStart, clock).map(toStoredPost))),
        );
        expect(new Set(timeline.posts.filter((p) => p.createdAt >= periodStart).map((p) => p.id))).toEqual(
          new Set(member.postsBetween(periodStart, clock).map((p) => p.id)),
        );
      }
      // A post is bought again only while younger than the horizon; a mention never.
      for (const r of returns) {
        const key = `${r.source}:${r.id}`;
        if (lastReturn.has(key)) {
          expect(r.source).toBe('timeline');
          const created = Number(BigInt(r.id) / 4194304n + 1288834974657n);
          expect(r.at - created).toBeLessThanOrEqual(HORIZON + 1000);
        }
        lastReturn.set(key, r.at);
      }
    });
  }
});
