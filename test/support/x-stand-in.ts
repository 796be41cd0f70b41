// A stand-in for X's OAuth 1.0a endpoints that verifies every signature with
// the independent verifier, issues tokens like X does, and simulates the
// member approving or cancelling at X.

import { randomBytes } from 'node:crypto';
import { type CannedResponse, HttpStandIn, type RecordedRequest } from './http-stand-in.js';
import { verifyOAuth1 } from './oauth-verifier.js';

export interface XUser {
  id: string;
  screenName: string;
}

interface RequestTokenState {
  secret: string;
  callback: string;
  verifier?: string;
  user?: XUser;
}

const form = (values: Record<string, string>): CannedResponse => ({
  status: 200,
  body: new URLSearchParams(values).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

export class XStandIn extends HttpStandIn {
  readonly consumer = { key: 'test-consumer-key', secret: 'test-consumer-secret' };
  readonly requestTokens = new Map<string, RequestTokenState>();
  readonly accessTokens = new Map<string, { secret: string; user: XUser }>();
  /** Every signature check, in order; tests assert all were accepted. */
  readonly verifications: Array<{ path: string; ok: boolean; reason?: string }> = [];
  /** When set, GET /oauth/authorize approves as this user at once and redirects to the callback, as X does after consent. */
  autoApproveAs: XUser | null = null;
  /** X's clock, for its 30-day window of private metrics; tests on a fixed clock set it to theirs. */
  now: () => number = Date.now;
  /** Extra routes (the v2 API) added by tests that need them. */
  readonly routes: Array<(req: RecordedRequest, user: XUser) => CannedResponse | undefined> = [];

  constructor() {
    super((req) => this.route(req));
  }

  /** The member approves the app at X: returns the callback query X would redirect to. */
  approve(requestToken: string, user: XUser): { oauth_token: string; oauth_verifier: string } {
    const state = this.requestTokens.get(requestToken);
    if (!state) throw new Error('unknown request token');
    state.verifier = randomBytes(16).toString('hex');
    state.user = user;
    return { oauth_token: requestToken, oauth_verifier: state.verifier };
  }

  /** An access token as if the member had linked already. */
  issueAccessToken(user: XUser): { key: string; secret: string } {
    const key = `${user.id}-${randomBytes(12).toString('hex')}`;
    const secret = randomBytes(16).toString('hex');
    this.accessTokens.set(key, { secret, user });
    return { key, secret };
  }

  /** v2 API requests (timeline, mentions, profile), in order. */
  v2Requests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith('/2/'));
  }

  private authorizePage(req: RecordedRequest): CannedResponse {
    const token = new URL(req.url).searchParams.get('oauth_token') ?? '';
    const state = this.requestTokens.get(token);
    if (!state) return { status: 400, body: 'This page is no longer valid.' };
    if (!this.autoApproveAs) return { status: 200, body: '<html>Authorize app?</html>' };
    const query = new URLSearchParams(this.approve(token, this.autoApproveAs));
    return { status: 302, body: '', headers: { location: `${state.callback}?${query}` } };
  }

  private secretFor = (token: string | undefined): string | undefined => {
    if (token === undefined) return '';
    return this.requestTokens.get(token)?.secret ?? this.accessTokens.get(token)?.secret;
  };

  private route(req: RecordedRequest): CannedResponse {
    if (req.method === 'GET' && req.path === '/oauth/authorize') return this.authorizePage(req);
    const check = verifyOAuth1(
      {
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        formBody: (req.headers['content-type'] ?? '').includes('x-www-form-urlencoded') ? req.body : undefined,
      },
      this.consumer,
      this.secretFor,
    );
    this.verifications.push({ path: req.path, ok: check.ok, reason: check.reason });
    if (!check.ok) return { status: 401, body: { errors: [{ code: 32, message: 'Could not authenticate you.' }] } };
    const token = check.oauth.get('oauth_token');

    if (req.method === 'POST' && req.path === '/oauth/request_token') {
      const callback = check.oauth.get('oauth_callback');
      if (!callback)
        return {
          status: 400,
          body: { errors: [{ code: 417, message: 'Desktop applications only support the oauth_callback value oob' }] },
        };
      const key = `rt-${randomBytes(12).toString('hex')}`;
      const secret = randomBytes(16).toString('hex');
      this.requestTokens.set(key, { secret, callback });
      return form({ oauth_token: key, oauth_token_secret: secret, oauth_callback_confirmed: 'true' });
    }
    if (req.method === 'POST' && req.path === '/oauth/access_token') {
      const state = token ? this.requestTokens.get(token) : undefined;
      if (!state?.verifier || check.oauth.get('oauth_verifier') !== state.verifier || !state.user) {
        return { status: 401, body: 'Error processing your OAuth request: Invalid oauth_verifier parameter' };
      }
      this.requestTokens.delete(token!);
      const key = `${state.user.id}-${randomBytes(12).toString('hex')}`;
      const secret = randomBytes(16).toString('hex');
      this.accessTokens.set(key, { secret, user: state.user });
      return form({ oauth_token: key, oauth_token_secret: secret, user_id: state.user.id, screen_name: state.user.screenName });
    }
    const access = token ? this.accessTokens.get(token) : undefined;
    if (!access) return { status: 401, body: { errors: [{ code: 89, message: 'Invalid or expired token.' }] } };
    if (req.method === 'POST' && req.path === '/1.1/oauth/invalidate_token') {
      this.accessTokens.delete(token!);
      return { status: 200, body: { access_token: 'ACCESS_TOKEN' } };
    }
    for (const route of this.routes) {
      const response = route(req, access.user);
      if (response) return response;
    }
    return { status: 404, body: { errors: [{ code: 34, message: 'Sorry, that page does not exist.' }] } };
  }
}
