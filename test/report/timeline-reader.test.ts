// The cache rule against the X stand-in and a real SQLite file: what is read
// from X for a cold report, a warm repeat, a stale repeat and a longer period.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import { type ReadRequest, readSource } from '../../src/report/timeline-reader.js';
import { XCache } from '../../src/report/x-cache.js';
import { OAuthSigner } from '../../src/twitter/oauth-signer.js';
import { XV2Client } from '../../src/twitter/v2-client.js';
import { eventually } from '../support/harness.js';
import { post, syntheticTimeline } from '../support/x-fixtures.js';
import { XStandIn } from '../support/x-stand-in.js';
import { serveTimeline, type TimelineData } from '../support/x-timeline.js';

const DAY = 86_400_000;
const USER = { id: '1456789012345678901', screenName: 'ada' };
const NOW = Date.parse('2026-11-23T12:00:00Z');
let x: XStandIn;
let dir: string;
let database: Database;
let store: XCache;
let data: TimelineData;

beforeEach(async () => {
  x = await new XStandIn().start();
  dir = mkdtempSync(join(tmpdir(), 'xbot-reader-'));
  database = openDatabase(join(dir, 'bot.sqlite'));
  store = new XCache(database.db);
  data = { profile: { id: USER.id, name: 'Ada', username: 'ada' }, posts: syntheticTimeline(450, NOW - 60_000, 120), mentions: [] };
  serveTimeline(x, data);
});
afterEach(async () => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
  await x.stop();
});

function client() {
  return new XV2Client({
    apiUrl: x.baseUrl,
    signer: new OAuthSigner(x.consumer),
    token: x.issueAccessToken(USER),
    usage: { requests: 0, postsRead: 0, userReads: 0 },
  });
}

const request = (over: Partial<ReadRequest> = {}): ReadRequest => ({
  xUserId: USER.id,
  source: 'timeline',
  periodStart: NOW - 30 * DAY,
  now: NOW,
  cacheMs: 900_000,
  maxPosts: 1000,
  topUpWhenFresh: true,
  ...over,
});

const inPeriod = (from: number) => data.posts.filter((p) => Date.parse(p.created_at) >= from).length;

describe('readSource', () => {
  it('fails cleanly when storing a page throws while the next page is in flight, even if that page fails too', async () => {
    const usage = { requests: 0, postsRead: 0, userReads: 0 };
    const c = new XV2Client({
      apiUrl: x.baseUrl,
      signer: new OAuthSigner(x.consumer),
      token: x.issueAccessToken(USER),
      usage,
      attempts: 1,
    });
    x.routes.unshift((req) =>
      req.url.includes('pagination_token=page-100') ? { status: 503, body: { title: 'Service Unavailable' } } : undefined,
    );
    const failing = Object.create(store) as XCache;
    failing.savePosts = () => {
      throw new Error('disk full');
    };
    await expect(readSource(c, failing, request())).rejects.toThrow('disk full');
    // The second request still completes (and fails); Vitest fails the run on an unhandled rejection.
    await eventually(() => x.requestsTo(/tweets/).length === 2 && usage.requests === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it('reads the whole period cold, page by page', async () => {
    const c = client();
    const result = await readSource(c, store, request());
    const expected = inPeriod(NOW - 30 * DAY);
    expect(expected).toBe(112);
    expect(result.posts).toHaveLength(expected);
    expect(result.fullRead).toBe(true);
    expect(result.cut).toBeNull();
    expect(c.usage).toEqual({ requests: 2, postsRead: expected, userReads: 0 });
    expect(x.verifications.every((v) => v.ok)).toBe(true);
  });

  it('reads only newer posts (since_id) on a repeat within the cache window: one request', async () => {
    await readSource(client(), store, request());
    const fresh = post({ at: new Date(NOW + 60_000).toISOString(), likes: 3 });
    data.posts.unshift(fresh);
    const before = x.v2Requests().length;
    const c = client();
    const result = await readSource(c, store, request({ now: NOW + 120_000, periodStart: NOW + 120_000 - 30 * DAY }));
    const calls = x.v2Requests().slice(before);
    expect(calls).toHaveLength(1);
    expect(new URL(calls[0]!.url).searchParams.get('since_id')).toBe(data.posts[1]!.id);
    expect(c.usage).toEqual({ requests: 1, postsRead: 1, userReads: 0 });
    expect(result.posts.map((p) => p.id)).toContain(fresh.id);
    expect(result.fullRead).toBe(false);
  });

  it('shows only the newest posts, cut, when more is new than one report may read, and reads afresh next time', async () => {
    await readSource(client(), store, request());
    const burst = Array.from({ length: 30 }, (_, i) => post({ at: new Date(NOW + (i + 1) * 1000).toISOString() }));
    data.posts.unshift(...burst.reverse());
    const later = NOW + 60_000;
    const result = await readSource(client(), store, request({ now: later, periodStart: later - 30 * DAY, maxPosts: 20 }));
    expect(result.posts).toHaveLength(20);
    expect(result.cut).toEqual({ reason: 'max-posts', oldest: Date.parse(data.posts[19]!.created_at) });
    const next = await readSource(client(), store, request({ now: later + 1000, periodStart: later + 1000 - 30 * DAY }));
    expect(next.fullRead).toBe(true);
  });

  it('reads the period in parallel time slices when the member has never posted more than maxPosts: same posts, same cost', async () => {
    data.posts = syntheticTimeline(2000, NOW - 60_000, 85);
    const sequential = await readSource(client(), store, request({ periodStart: NOW - 90 * DAY, maxPosts: 3200 }));
    database.sqlite.prepare('delete from x_fetch_state').run();
    const before = x.v2Requests().length;
    const c = client();
    const sliced = await readSource(
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

  it('reads page by page when the member has posted more than maxPosts, so the bound still reads only the newest', async () => {
    const c = client();
    const result = await readSource(
      c,
      store,
      request({ periodStart: NOW - 90 * DAY, maxPosts: 150, lifetimePosts: Promise.resolve(5000) }),
    );
    expect(x.v2Requests().some((r) => new URL(r.url).searchParams.has('end_time'))).toBe(false);
    expect(result.cut?.reason).toBe('max-posts');
    expect(c.usage.postsRead).toBe(150);
  });

  it('serves mentions from the store within the cache window, without asking X', async () => {
    data.mentions = syntheticTimeline(20, NOW - 60_000, 10);
    await readSource(client(), store, request({ source: 'mentions', topUpWhenFresh: false }));
    const c = client();
    const again = await readSource(c, store, request({ source: 'mentions', topUpWhenFresh: false, now: NOW + 60_000 }));
    expect(c.usage.requests).toBe(0);
    expect(again.posts).toHaveLength(20);
  });

  it('reads the period afresh once the cache window has passed, picking up new metrics and deletions', async () => {
    await readSource(client(), store, request());
    const newest = data.posts[0]!;
    newest.public_metrics = { ...newest.public_metrics, like_count: 777 };
    const deleted = data.posts.splice(1, 1)[0]!;
    const later = NOW + 900_000;
    const c = client();
    const result = await readSource(c, store, request({ now: later, periodStart: later - 30 * DAY }));
    expect(result.fullRead).toBe(true);
    expect(c.usage.requests).toBe(2);
    expect(result.posts.find((p) => p.id === newest.id)?.public_metrics?.like_count).toBe(777);
    expect(result.posts.find((p) => p.id === deleted.id)).toBeUndefined();
  });

  it('reads afresh when a longer period is asked for than is stored, and then covers the shorter one', async () => {
    await readSource(client(), store, request({ periodStart: NOW - 7 * DAY }));
    const long = await readSource(client(), store, request({ periodStart: NOW - 90 * DAY }));
    expect(long.fullRead).toBe(true);
    expect(long.coveredFrom).toBe(NOW - 90 * DAY);
    const c = client();
    const short = await readSource(c, store, request({ periodStart: NOW - 30 * DAY }));
    expect(short.fullRead).toBe(false);
    expect(c.usage.requests).toBe(1);
    expect(short.coveredFrom).toBe(NOW - 90 * DAY); // the previous 30 days are stored too
  });

  it('stops at REPORT_MAX_POSTS and says the period was cut', async () => {
    const c = client();
    const result = await readSource(c, store, request({ maxPosts: 150, periodStart: NOW - 90 * DAY }));
    expect(c.usage.postsRead).toBe(150);
    expect(result.cut?.reason).toBe('max-posts');
    expect(result.cut!.oldest).toBe(Date.parse(data.posts[149]!.created_at));
    expect(result.posts).toHaveLength(150);
  });

  it("says so when X's 3,200-post cap cuts the period", async () => {
    data.posts = syntheticTimeline(3300, NOW - 60_000, 20);
    const c = client();
    const result = await readSource(c, store, request({ maxPosts: 3200 }));
    expect(c.usage.postsRead).toBe(3200);
    expect(c.usage.requests).toBe(32);
    expect(result.cut?.reason).toBe('x-cap');
  });
});
