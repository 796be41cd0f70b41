// X's OAuth endpoints through nock (no traffic leaves the process): the
// requests the client makes, and how each kind of failure is classified.

import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyOAuth1 } from '../../src/local-x/oauth-verifier.js';
import { XApiError } from '../../src/twitter/errors.js';
import { TwitterOAuthClient } from '../../src/twitter/oauth-client.js';

const API = 'https://api.x.com';
const consumer = { key: 'ck', secret: 'cs' };
const client = new TwitterOAuthClient({ apiUrl: API, consumer });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

async function failure(promise: Promise<unknown>): Promise<XApiError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(XApiError);
    return err as XApiError;
  }
  throw new Error('expected a failure');
}

describe('TwitterOAuthClient', () => {
  it('asks for a request token with a signed oauth_callback on api.x.com', async () => {
    let authorization = '';
    nock(API)
      .post('/oauth/request_token')
      .reply(function () {
        authorization = String(this.req.headers.authorization);
        return [200, 'oauth_token=rt&oauth_token_secret=rs&oauth_callback_confirmed=true'];
      });
    expect(await client.requestToken('https://bot.example/twitter/callback')).toEqual({ key: 'rt', secret: 'rs' });
    expect(authorization).toContain('oauth_callback="https%3A%2F%2Fbot.example%2Ftwitter%2Fcallback"');
    expect(verifyOAuth1({ method: 'POST', url: `${API}/oauth/request_token`, authorization }, consumer, () => '').ok).toBe(true);
    expect(client.authorizeUrl('rt')).toBe(`${API}/oauth/authorize?oauth_token=rt`);
  });

  it('exchanges the verifier for an access token, keeping the user id as a string', async () => {
    nock(API).post('/oauth/access_token').reply(200, 'oauth_token=at&oauth_token_secret=as&user_id=1456789012345678901&screen_name=ada');
    const token = await client.accessToken({ key: 'rt', secret: 'rs' }, 'verifier');
    expect(token).toEqual({ key: 'at', secret: 'as', userId: '1456789012345678901', screenName: 'ada' });
  });

  it('recognises "Callback URL not approved" (403, code 415)', async () => {
    nock(API)
      .post('/oauth/request_token')
      .reply(
        403,
        '<?xml version="1.0" encoding="UTF-8"?><errors><error code="415">Callback URL not approved for this client application.</error></errors>',
      );
    expect((await failure(client.requestToken('https://cb'))).kind).toBe('callback-not-approved');
    nock(API)
      .post('/oauth/request_token')
      .reply(403, { errors: [{ code: 415, message: 'Callback URL not approved' }] });
    expect((await failure(client.requestToken('https://cb'))).kind).toBe('callback-not-approved');
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [429, 'rate-limited'],
    [500, 'unavailable'],
    [503, 'unavailable'],
    [404, 'bad-response'],
  ] as const)('classifies HTTP %i as %s', async (status, kind) => {
    nock(API)
      .post('/oauth/access_token')
      .reply(status, { errors: [{ code: 1, message: 'x' }] }, { 'x-rate-limit-reset': '1800000000' });
    const err = await failure(client.accessToken({ key: 'rt', secret: 'rs' }, 'v'));
    expect(err.kind).toBe(kind);
    if (kind === 'rate-limited') expect(err.resetAt).toBe(1800000000);
  });

  it('treats unreadable answers and dropped connections as failures, not crashes', async () => {
    nock(API).post('/oauth/request_token').reply(200, 'garbage');
    expect((await failure(client.requestToken('https://cb'))).kind).toBe('bad-response');
    nock(API).post('/oauth/access_token').reply(200, 'oauth_token=at&oauth_token_secret=as&user_id=12e5&screen_name=a');
    expect((await failure(client.accessToken({ key: 'rt', secret: 'rs' }, 'v'))).kind).toBe('bad-response');
    nock(API).post('/oauth/request_token').replyWithError('socket hang up');
    expect((await failure(client.requestToken('https://cb'))).kind).toBe('unavailable');
  });

  it('invalidates a token with a signed call', async () => {
    nock(API)
      .post('/1.1/oauth/invalidate_token')
      .matchHeader('authorization', /oauth_token="at"/)
      .reply(200, { access_token: 'at' });
    await expect(client.invalidateToken({ key: 'at', secret: 'as' })).resolves.toBeUndefined();
  });
});
