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
