// The v2 client through nock: what it asks X for, and each failure path,
// with RFC 7807 problem bodies as X sends them. Backoff waits are recorded,
// not slept.

import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyOAuth1 } from '../../src/local-x/oauth-verifier.js';
import { XApiError } from '../../src/twitter/errors.js';
import { OAuthSigner } from '../../src/twitter/oauth-signer.js';
import { type Usage, XV2Client } from '../../src/twitter/v2-client.js';

const API = 'https://api.x.com';
const consumer = { key: 'ck', secret: 'cs' };
const token = { key: 'at', secret: 'as' };
let usage: Usage;
let waits: number[];
const client = () => {
  usage = { requests: 0, postsRead: 0, postsRepeated: 0, userReads: 0 };
  waits = [];
  return new XV2Client({ apiUrl: API, signer: new OAuthSigner(consumer), token, usage, sleep: async (ms) => void waits.push(ms) });
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

async function failure(promise: Promise<unknown>): Promise<XApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(XApiError);
  return err as XApiError;
}

describe('XV2Client', () => {
  it('asks for exactly the fields a report needs, signed for the exact URL, and counts posts read', async () => {
    let seen = { url: '', authorization: '' };
    nock(API)
      .get('/2/users/1456789012345678901/tweets')
      .query(true)
      .reply(function (uri) {
        seen = { url: `${API}${uri}`, authorization: String(this.req.headers.authorization) };
        return [200, { data: [{ id: '1', text: 'a', created_at: '2026-11-20T00:00:00.000Z' }], meta: { result_count: 1 } }];
      });
    const page = await client().userPosts('1456789012345678901', { startTime: '2026-10-24T12:00:00.000Z' });
    expect(page.data).toHaveLength(1);
    const url = new URL(seen.url);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      max_results: '100',
      start_time: '2026-10-24T12:00:00.000Z',
      'tweet.fields': 'created_at,public_metrics,entities,referenced_tweets',
    });
    expect(seen.url).not.toContain('+');
    expect(verifyOAuth1({ method: 'GET', url: seen.url, authorization: seen.authorization }, consumer, () => token.secret).ok).toBe(true);
    expect(usage).toEqual({ requests: 1, postsRead: 1, postsRepeated: 0, userReads: 0 });
  });

  it('uses since_id instead of start_time, and follows pagination tokens', async () => {
    nock(API)
      .get('/2/users/42/mentions')
      .query((q) => q.since_id === '1999999999999999999' && q.pagination_token === 'tok' && !('start_time' in q))
      .reply(200, { meta: { result_count: 0 } });
    const page = await client().mentions('42', {
      startTime: '2026-01-01T00:00:00.000Z',
      sinceId: '1999999999999999999',
      paginationToken: 'tok',
    });
    expect(page.data).toBeUndefined();
    expect(usage.postsRead).toBe(0);
  });

  it('retries 5xx and network failures with backoff, then gives up clearly', async () => {
    nock(API).get('/2/users/me').query(true).reply(503, { title: 'Service Unavailable', type: 'about:blank', status: 503 });
    nock(API).get('/2/users/me').query(true).replyWithError('ECONNRESET');
    nock(API)
      .get('/2/users/me')
      .query(true)
      .reply(200, { data: { id: '42', name: 'A', username: 'a' } });
    expect((await client().me()).id).toBe('42');
    expect(usage.requests).toBe(3);
    expect(waits).toEqual([500, 1000]);

    nock(API).get('/2/users/me').query(true).times(3).reply(500, 'oops');
    const err = await failure(client().me());
    expect(err.kind).toBe('unavailable');
    expect(usage.requests).toBe(3);
  });

  it.each([
    ['401 (revoked token)', 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }, {}, 'unauthorized'],
    [
      '429 rate limit',
      429,
      { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      { 'x-rate-limit-reset': '1800000000' },
      'rate-limited',
    ],
    [
      '429 usage cap',
      429,
      {
        title: 'UsageCapExceeded',
        detail: 'Usage cap exceeded: Monthly product cap',
        type: 'https://api.twitter.com/2/problems/usage-capped',
        period: 'Monthly',
        scope: 'Product',
      },
      {},
      'usage-capped',
    ],
    [
      '403 client-not-enrolled',
      403,
      {
        title: 'Client Forbidden',
        reason: 'client-not-enrolled',
        type: 'https://api.twitter.com/2/problems/client-forbidden',
        required_enrollment: 'Appropriate Level of API Access',
      },
      {},
      'access-level',
    ],
    [
      '403 code 453',
      403,
      { errors: [{ message: 'You currently have access to a subset of X API V2 endpoints and limited v1.1 endpoints only.', code: 453 }] },
      {},
      'access-level',
    ],
  ] as const)('classifies %s without retrying', async (_name, status, body, headers, kind) => {
    nock(API).get('/2/users/me').query(true).reply(status, body, headers);
    const err = await failure(client().me());
    expect(err.kind).toBe(kind);
    expect(usage.requests).toBe(1);
    if (kind === 'rate-limited') expect(err.resetAt).toBe(1800000000);
  });

  it('rejects answers that are not what X sends', async () => {
    nock(API).get('/2/users/me').query(true).reply(200, '<html>');
    expect((await failure(client().me())).kind).toBe('bad-response');
    nock(API)
      .get('/2/users/1/tweets')
      .query(true)
      .reply(200, { data: { not: 'a list' } });
    expect((await failure(client().userPosts('1', {}))).kind).toBe('bad-response');
    expect((await failure(client().userPosts('1/../../x', {}))).kind).toBe('bad-response');
  });
});
