// The local X itself: the tests, the benchmarks and the sandbox all rely on it
// answering as X does, so it is held to X's documented behaviour here.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BillingLedger } from '../../src/local-x/billing.js';
import { syntheticTimeline } from '../../src/local-x/posts.js';
import { serveTimeline, type TimelineData } from '../../src/local-x/timeline-routes.js';
import { XStandIn } from '../../src/local-x/x-stand-in.js';
import { TwitterOAuthClient } from '../../src/twitter/oauth-client.js';
import { buildUrl, OAuthSigner } from '../../src/twitter/oauth-signer.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const DAY = 86_400_000;
const USER = { id: '1456789012345678901', screenName: 'ada' };
let x: XStandIn;
let data: TimelineData;
let ledger: BillingLedger;
let clock: number;

beforeEach(async () => {
  x = await new XStandIn().start();
  clock = NOW;
  x.now = () => clock;
  ledger = new BillingLedger(() => clock);
  data = { profile: { id: USER.id, name: 'Ada', username: 'ada' }, posts: syntheticTimeline(3300, NOW - 60_000, 200), mentions: [] };
  serveTimeline(x, data, { bill: ledger });
});
afterEach(async () => {
  await x.stop();
});

/** A signed GET as the bot makes it, with a signer the test may bend. */
async function get(
  path: string,
  query: Record<string, string | number> = {},
  signer = new OAuthSigner(x.consumer),
  token = x.issueAccessToken(USER),
) {
  const url = buildUrl(x.baseUrl, path, query);
  const res = await fetch(url, { headers: { authorization: signer.authorization({ method: 'GET', url }, token) } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('local X: OAuth 1.0a', () => {
  it('lets a correct client through the whole three-legged flow', async () => {
    const client = new TwitterOAuthClient({ apiUrl: x.baseUrl, consumer: x.consumer, signer: new OAuthSigner(x.consumer) });
    const requestToken = await client.requestToken('https://bot.example.test/twitter/callback');
    const { oauth_verifier } = x.approve(requestToken.key, USER);
    const access = await client.accessToken(requestToken, oauth_verifier);
    expect(access.userId).toBe(USER.id);
    const me = await get('/2/users/me', {}, new OAuthSigner(x.consumer), { key: access.key, secret: access.secret });
    expect(me.body.data.id).toBe(USER.id);
    expect(x.verifications.every((v) => v.ok)).toBe(true);
  });

  it('refuses a wrong signature, a wrong consumer secret, a reused nonce and a stale timestamp, in X’s error shapes', async () => {
    const token = x.issueAccessToken(USER);
    const url = buildUrl(x.baseUrl, '/2/users/me');
    const signed = new OAuthSigner(x.consumer).authorization({ method: 'GET', url }, token);
    const tampered = await fetch(`${url}?user.fields=id`, { headers: { authorization: signed } });
    expect(tampered.status).toBe(401);
    expect(await tampered.json()).toEqual({ errors: [{ code: 32, message: 'Could not authenticate you.' }] });

    const wrongSecret = await get('/2/users/me', {}, new OAuthSigner({ key: x.consumer.key, secret: 'not-the-secret' }), token);
    expect(wrongSecret).toMatchObject({ status: 401, body: { errors: [{ code: 32 }] } });

    const sameNonce = new OAuthSigner(x.consumer, { nonce: () => 'the-same-nonce' });
    expect((await get('/2/users/me', {}, sameNonce, token)).status).toBe(200);
    expect(await get('/2/users/me', {}, sameNonce, token)).toMatchObject({ status: 401, body: { errors: [{ code: 32 }] } });

    const stale = new OAuthSigner(x.consumer, { timestamp: () => Math.floor(Date.now() / 1000) - 600 });
    expect(await get('/2/users/me', {}, stale, token)).toMatchObject({
      status: 401,
      body: { errors: [{ code: 135, message: 'Timestamp out of bounds.' }] },
    });
  });

  it('shows a consent page whose Authorize returns a verifier and whose Cancel returns denied, as X does', async () => {
    x.consentAccounts = [{ ...USER, name: 'Ada', blurb: 'a busy account' }];
    const client = new TwitterOAuthClient({ apiUrl: x.baseUrl, consumer: x.consumer, signer: new OAuthSigner(x.consumer) });
    const callback = 'https://bot.example.test/twitter/callback';
    const answer = async (action: string) => {
      const token = await client.requestToken(callback);
      const page = await (await fetch(`${x.baseUrl}/oauth/authorize?oauth_token=${token.key}`)).text();
      expect(page).toContain('Authorize app');
      const res = await fetch(`${x.baseUrl}/oauth/authorize`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ oauth_token: token.key, account: USER.id, action }),
      });
      return { token, location: new URL(res.headers.get('location') ?? '') };
    };
    const approved = await answer('authorize');
    expect(approved.location.searchParams.get('oauth_token')).toBe(approved.token.key);
    const access = await client.accessToken(approved.token, approved.location.searchParams.get('oauth_verifier') ?? '');
    expect(access.screenName).toBe('ada');
    const cancelled = await answer('cancel');
    expect(`${cancelled.location.origin}${cancelled.location.pathname}`).toBe(callback);
    expect(cancelled.location.searchParams.get('denied')).toBe(cancelled.token.key);
  });
});

describe('local X: v2 reads', () => {
  it('pages by next_token, serves only the 3,200 most recent posts, and refuses max_results out of range', async () => {
    const token = x.issueAccessToken(USER);
    let next: string | undefined;
    let served = 0;
    let pages = 0;
    do {
      const page = await get(
        `/2/users/${USER.id}/tweets`,
        { max_results: 100, ...(next ? { pagination_token: next } : {}) },
        undefined,
        token,
      );
      served += page.body.data?.length ?? 0;
      next = page.body.meta.next_token;
      pages++;
    } while (next);
    expect(served).toBe(3200);
    expect(pages).toBe(32);
    const bad = await get(`/2/users/${USER.id}/tweets`, { max_results: 500 }, undefined, token);
    expect(bad).toMatchObject({ status: 400, body: { title: 'Invalid Request' } });
  });

  it('sends the default fields of a post and those tweet.fields asks for, no others', async () => {
    const token = x.issueAccessToken(USER);
    const bare = await get(`/2/users/${USER.id}/tweets`, { max_results: 5 }, undefined, token);
    expect(Object.keys(bare.body.data[0]).sort()).toEqual(['edit_history_tweet_ids', 'id', 'text']);
    const asked = await get(
      `/2/users/${USER.id}/tweets`,
      { max_results: 5, 'tweet.fields': 'created_at,public_metrics' },
      undefined,
      token,
    );
    expect(Object.keys(asked.body.data[0]).sort()).toEqual(['created_at', 'edit_history_tweet_ids', 'id', 'public_metrics', 'text']);
  });

  it('sends private metrics only when asked, leaves out posts older than 30 days then, and never for mentions', async () => {
    const token = x.issueAccessToken(USER);
    const plain = await get(`/2/users/${USER.id}/tweets`, { max_results: 100, 'tweet.fields': 'public_metrics' }, undefined, token);
    expect(plain.body.data.every((p: any) => p.non_public_metrics === undefined)).toBe(true);
    const old = { start_time: new Date(NOW - 45 * DAY).toISOString(), end_time: new Date(NOW - 31 * DAY).toISOString() };
    const olderPage = await get(
      `/2/users/${USER.id}/tweets`,
      { max_results: 100, ...old, 'tweet.fields': 'non_public_metrics' },
      undefined,
      token,
    );
    // X leaves them out page by page after paging: an empty page that still has a next_token.
    expect(olderPage.body).toMatchObject({ meta: { result_count: 0, next_token: expect.any(String) } });
    const recent = await get(`/2/users/${USER.id}/tweets`, { max_results: 100, 'tweet.fields': 'non_public_metrics' }, undefined, token);
    expect(recent.body.data[0].non_public_metrics).toMatchObject({
      impression_count: expect.any(Number),
      user_profile_clicks: expect.any(Number),
    });
    const mentions = await get(`/2/users/${USER.id}/mentions`, { max_results: 5, 'tweet.fields': 'non_public_metrics' }, undefined, token);
    expect(mentions.status).toBe(400);
  });

  it('bills each post once per UTC day and each user object every time, failed requests free', async () => {
    const token = x.issueAccessToken(USER);
    await get(`/2/users/${USER.id}/tweets`, { max_results: 10 }, undefined, token);
    await get(`/2/users/${USER.id}/tweets`, { max_results: 10 }, undefined, token);
    expect(ledger.postsBilled).toBe(10);
    expect(ledger.postsReturned).toBe(20);
    clock += DAY;
    await get(`/2/users/${USER.id}/tweets`, { max_results: 10 }, undefined, token);
    expect(ledger.postsBilled).toBe(20);
    await get('/2/users/me', {}, undefined, token);
    await get('/2/users/me', {}, undefined, token);
    expect(ledger.usersBilled).toBe(2);
    x.faults.unavailable = true;
    expect((await get(`/2/users/${USER.id}/tweets`, { max_results: 10 }, undefined, token)).status).toBe(503);
    expect(ledger.postsBilled).toBe(20);
    expect(ledger.dollars({ postUsd: 0.005, userUsd: 0.01 })).toBeCloseTo(0.12, 10);
  });

  it('finds each stretch of time and ids as testing every post would, in time order or not, and answers the same for posts served as unchanging', async () => {
    // Three more members: the same posts served as unchanging, and a timeline whose times do not follow its ids.
    const same = { id: '1456789012345678902', screenName: 'bea' };
    const shuffled = { id: '1456789012345678903', screenName: 'cyd' };
    serveTimeline(x, { ...data, profile: { id: same.id, name: 'Bea', username: 'bea' } }, { unchanging: true });
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const jumbled = data.posts.map((p) => ({ ...p, created_at: new Date(NOW - Math.floor(random() * 200 * DAY)).toISOString() }));
    serveTimeline(x, { profile: { id: shuffled.id, name: 'Cyd', username: 'cyd' }, posts: jumbled, mentions: [] }, { unchanging: true });
    // And one in time order whose posts come in pairs posted the same second.
    const twins = { id: '1456789012345678904', screenName: 'dee' };
    const paired = data.posts.map((p, i) => ({ ...p, created_at: (data.posts[i - (i % 2)] as (typeof data.posts)[number]).created_at }));
    serveTimeline(x, { profile: { id: twins.id, name: 'Dee', username: 'dee' }, posts: paired, mentions: [] }, { unchanging: true });
    const idsOf = (posts: typeof data.posts, q: Record<string, string | number>) => {
      const [start, end] = [Date.parse(String(q.start_time)), Date.parse(String(q.end_time))];
      const [since, until] = [BigInt(q.since_id ?? -1), BigInt(q.until_id ?? 2n ** 70n)];
      const offset = Number(String(q.pagination_token ?? 'page-0').slice(5));
      return [...posts]
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
        .slice(0, 3200)
        .filter((p) => Date.parse(p.created_at) >= start && Date.parse(p.created_at) < end)
        .filter((p) => BigInt(p.id) > since && BigInt(p.id) < until)
        .slice(offset, offset + Number(q.max_results))
        .map((p) => p.id);
    };
    const ids = data.posts.map((p) => p.id);
    const served = { plain: 0, jumbled: 0 };
    for (let i = 0; i < 40; i++) {
      // Some stretches begin and end exactly at a post's time (X's start_time is inclusive, end_time exclusive).
      const postTime = () => Date.parse((data.posts[Math.floor(random() * data.posts.length)] as (typeof data.posts)[number]).created_at);
      const exact = random() < 0.4;
      const from = exact ? postTime() : NOW - Math.floor(random() * 210 * DAY);
      const to = exact ? Math.max(postTime(), from + 1000) : from + Math.floor(random() * 40 * DAY) + 1000;
      const q: Record<string, string | number> = {
        start_time: new Date(from).toISOString(),
        end_time: new Date(to).toISOString(),
        max_results: 5 + Math.floor(random() * 96),
        'tweet.fields': random() < 0.5 ? 'created_at,public_metrics' : 'created_at,non_public_metrics',
      };
      if (random() < 0.3) q.since_id = ids[Math.floor(random() * ids.length)] as string;
      if (random() < 0.3) q.until_id = ids[Math.floor(random() * ids.length)] as string;
      if (random() < 0.3) q.pagination_token = `page-${Math.floor(random() * 3) * 5}`;
      // Private metrics leave out posts over 30 days old, after the stretch is found.
      const recent = (id: string, posts: typeof data.posts) =>
        q['tweet.fields'] === 'created_at,public_metrics' || Date.parse(posts.find((p) => p.id === id)?.created_at ?? '') >= NOW - 30 * DAY;
      const plain = await get(`/2/users/${USER.id}/tweets`, q, undefined, x.issueAccessToken(USER));
      const unchanging = await get(`/2/users/${same.id}/tweets`, q, undefined, x.issueAccessToken(same));
      const jumbledPage = await get(`/2/users/${shuffled.id}/tweets`, q, undefined, x.issueAccessToken(shuffled));
      const pairedPage = await get(`/2/users/${twins.id}/tweets`, q, undefined, x.issueAccessToken(twins));
      expect((pairedPage.body.data ?? []).map((p: { id: string }) => p.id)).toEqual(idsOf(paired, q).filter((id) => recent(id, paired)));
      expect(unchanging.headers.get('content-type')).toBe(plain.headers.get('content-type'));
      expect((plain.body.data ?? []).map((p: { id: string }) => p.id)).toEqual(idsOf(data.posts, q).filter((id) => recent(id, data.posts)));
      expect(unchanging.body).toEqual(plain.body);
      served.plain += plain.body.data ? 1 : 0;
      served.jumbled += jumbledPage.body.data ? 1 : 0;
      expect((jumbledPage.body.data ?? []).map((p: { id: string }) => p.id)).toEqual(idsOf(jumbled, q).filter((id) => recent(id, jumbled)));
    }
    // A time X cannot read is refused, whether the posts are served as unchanging or not.
    for (const member of [USER, same]) {
      const bad = await get(
        `/2/users/${member.id}/tweets`,
        { max_results: 10, start_time: 'yesterday' },
        undefined,
        x.issueAccessToken(member),
      );
      expect(bad).toMatchObject({ status: 400, body: { title: 'Invalid Request' } });
    }
    // Most stretches hold posts: the comparisons are not of empty pages.
    expect(served.plain).toBeGreaterThan(15);
    expect(served.jumbled).toBeGreaterThan(15);
  });

  it('sends X’s rate-limit headers, answers 429 past the limit, and injects the faults the sandbox switches on', async () => {
    const token = x.issueAccessToken(USER);
    const first = await get('/2/users/me', {}, undefined, token);
    expect(first.headers.get('x-rate-limit-limit')).toBe('75');
    expect(first.headers.get('x-rate-limit-remaining')).toBe('74');
    for (let i = 1; i < 75; i++) await get('/2/users/me', {}, undefined, token);
    const over = await get('/2/users/me', {}, undefined, token);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('x-rate-limit-reset'))).toBeGreaterThan(NOW / 1000);

    x.faults.rateLimited = true;
    expect((await get(`/2/users/${USER.id}/tweets`, { max_results: 10 }, undefined, token)).status).toBe(429);
    x.faults.rateLimited = false;
    x.faults.revoked = true;
    expect(await get(`/2/users/${USER.id}/tweets`, { max_results: 10 }, undefined, token)).toMatchObject({
      status: 401,
      body: { errors: [{ code: 89, message: 'Invalid or expired token.' }] },
    });
  });
});
