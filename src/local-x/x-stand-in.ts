// A local X: the OAuth 1.0a endpoints (request token, consent page,
// access token, token invalidation) that verify every signature with an
// independent verifier and refuse what X refuses (wrong signature or secret,
// a nonce used before, a timestamp out of bounds) in X's error shapes, plus
// the v2 routes a test or the sandbox adds (timeline-routes.ts). The tests,
// the benchmarks and `npm run sandbox` all talk to this one X. Listens on
// 127.0.0.1 only.

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

/** Switches the sandbox console (or a test) flips to see how the bot copes with X misbehaving. */
export interface XFaults {
  /** v2 reads answer 429 with X's rate-limit headers. */
  rateLimited: boolean;
  /** v2 reads answer 503. */
  unavailable: boolean;
  /** Every answer waits this long first. */
  slowMs: number;
  /** X answers 401 "Invalid or expired token" to every linked member's reads, as after a revocation. */
  revoked: boolean;
}

/** An account offered on the consent page (sandbox): pick one to sign in as. */
export interface ConsentAccount extends XUser {
  name: string;
  blurb: string;
}

/** X accepts an oauth_timestamp this far from its clock, and a nonce once within that window. */
const TIMESTAMP_WINDOW_S = 300;

const form = (values: Record<string, string>): CannedResponse => ({
  status: 200,
  body: new URLSearchParams(values).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

/** X v1.1's error shape, as its OAuth endpoints answer. */
const xError = (status: number, code: number, message: string): CannedResponse => ({ status, body: { errors: [{ code, message }] } });

const html = (body: string, status = 200): CannedResponse => ({
  status,
  body,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
});

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export class XStandIn extends HttpStandIn {
  readonly consumer: { key: string; secret: string };
  readonly requestTokens = new Map<string, RequestTokenState>();
  readonly accessTokens = new Map<string, { secret: string; user: XUser }>();
  /** Every signature check, in order; tests assert all were accepted. */
  readonly verifications: Array<{ path: string; ok: boolean; reason?: string }> = [];
  /** When set, GET /oauth/authorize approves as this user at once and redirects to the callback, as X does after consent. */
  autoApproveAs: XUser | null = null;
  /** Accounts the consent page offers (the sandbox's seeded members); empty in most tests. */
  consentAccounts: ConsentAccount[] = [];
  /** X's clock, for its 30-day window of private metrics and rate-limit windows; tests on a fixed clock set it to theirs. */
  now: () => number = Date.now;
  /** The clock oauth_timestamp is checked against: the signer's real one, whatever `now` simulates. */
  wallClock: () => number = Date.now;
  readonly faults: XFaults = { rateLimited: false, unavailable: false, slowMs: 0, revoked: false };
  /** Extra routes (the v2 API) added by tests that need them. */
  readonly routes: Array<(req: RecordedRequest, user: XUser) => CannedResponse | undefined> = [];
  /** Nonces seen within the timestamp window, with when they expire (wall-clock seconds). */
  private readonly nonces = new Map<string, number>();
  private noncesSweptAt = 0;

  constructor(consumer = { key: 'test-consumer-key', secret: 'test-consumer-secret' }) {
    super((req) => this.route(req));
    this.consumer = consumer;
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

  private async slow(): Promise<void> {
    if (this.faults.slowMs > 0) await new Promise((resolve) => setTimeout(resolve, this.faults.slowMs));
  }

  /** The consent page: the app's name, the accounts to sign in as (sandbox), Authorize and Cancel. */
  private consentPage(token: string, state: RequestTokenState): CannedResponse {
    const accounts = this.consentAccounts
      .map(
        (a, i) =>
          `<label class="account"><input type="radio" name="account" value="${escapeHtml(a.id)}"${i === 0 ? ' checked' : ''}>` +
          `<b>${escapeHtml(a.name)}</b> @${escapeHtml(a.screenName)}<small>${escapeHtml(a.blurb)}</small></label>`,
      )
      .join('');
    return html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorize app · local X</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;background:#000;color:#e7e9ea;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:420px;padding:32px;border:1px solid #2f3336;border-radius:16px}h1{font-size:22px}.account{display:block;padding:10px;border:1px solid #2f3336;border-radius:10px;margin:8px 0;cursor:pointer}
.account small{display:block;color:#71767b}button{font-size:16px;padding:10px 18px;border-radius:999px;border:0;margin-right:8px;cursor:pointer}
#authorize{background:#1d9bf0;color:#fff}#cancel{background:#eff3f4;color:#0f1419}p{color:#71767b}</style></head>
<body><main><h1>Authorize the X report bot to access your account?</h1>
<p>This is the local X of the sandbox: nothing leaves this machine. The app will be able to read your posts and profile.</p>
<form method="post" action="/oauth/authorize"><input type="hidden" name="oauth_token" value="${escapeHtml(token)}">
${accounts || `<p>Signing in as a sandbox account.</p>`}
<button id="authorize" name="action" value="authorize">Authorize app</button><button id="cancel" name="action" value="cancel">Cancel</button>
</form><p>You will be sent back to ${escapeHtml(new URL(state.callback).host)}.</p></main></body></html>`);
  }

  private authorizePage(req: RecordedRequest): CannedResponse {
    const token = new URL(req.url).searchParams.get('oauth_token') ?? '';
    const state = this.requestTokens.get(token);
    if (!state) return html('<p>This page is no longer valid.</p>', 400);
    if (!this.autoApproveAs) return this.consentPage(token, state);
    const query = new URLSearchParams(this.approve(token, this.autoApproveAs));
    return { status: 302, body: '', headers: { location: `${state.callback}?${query}` } };
  }

  /** The consent form: Authorize sends the verifier back to the app; Cancel sends `denied`, as X does. */
  private consentAnswer(req: RecordedRequest): CannedResponse {
    const fields = new URLSearchParams(req.body);
    const token = fields.get('oauth_token') ?? '';
    const state = this.requestTokens.get(token);
    if (!state) return html('<p>This page is no longer valid.</p>', 400);
    if (fields.get('action') !== 'authorize') {
      this.requestTokens.delete(token);
      return { status: 302, body: '', headers: { location: `${state.callback}?${new URLSearchParams({ denied: token })}` } };
    }
    const account = this.consentAccounts.find((a) => a.id === fields.get('account')) ?? this.consentAccounts[0];
    if (!account) return html('<p>There is no account to sign in as.</p>', 400);
    const query = new URLSearchParams(this.approve(token, { id: account.id, screenName: account.screenName }));
    return { status: 302, body: '', headers: { location: `${state.callback}?${query}` } };
  }

  private secretFor = (token: string | undefined): string | undefined => {
    if (token === undefined) return '';
    return this.requestTokens.get(token)?.secret ?? this.accessTokens.get(token)?.secret;
  };

  /** X's freshness rules: a timestamp within five minutes of its clock, each nonce once. */
  private freshness(oauth: Map<string, string>): CannedResponse | null {
    const nowS = Math.floor(this.wallClock() / 1000);
    const timestamp = Number(oauth.get('oauth_timestamp'));
    if (!Number.isInteger(timestamp) || Math.abs(nowS - timestamp) > TIMESTAMP_WINDOW_S) {
      return xError(401, 135, 'Timestamp out of bounds.');
    }
    // Expired nonces go once a second, not on every request: a burst of thousands stays cheap.
    if (nowS !== this.noncesSweptAt) {
      this.noncesSweptAt = nowS;
      for (const [nonce, expires] of this.nonces) if (expires < nowS) this.nonces.delete(nonce);
    }
    const key = `${oauth.get('oauth_consumer_key')}:${oauth.get('oauth_nonce')}`;
    if (this.nonces.has(key)) return xError(401, 32, 'Could not authenticate you.');
    this.nonces.set(key, timestamp + TIMESTAMP_WINDOW_S);
    return null;
  }

  private async route(req: RecordedRequest): Promise<CannedResponse> {
    if (req.method === 'GET' && req.path === '/oauth/authorize') return this.authorizePage(req);
    if (req.method === 'POST' && req.path === '/oauth/authorize') return this.consentAnswer(req);
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
    const stale = check.ok ? this.freshness(check.oauth) : null;
    this.verifications.push({ path: req.path, ok: check.ok && !stale, reason: check.reason ?? (stale ? 'not fresh' : undefined) });
    if (!check.ok) return xError(401, 32, 'Could not authenticate you.');
    if (stale) return stale;
    const token = check.oauth.get('oauth_token');

    if (req.method === 'POST' && req.path === '/oauth/request_token') {
      const callback = check.oauth.get('oauth_callback');
      if (!callback) return xError(400, 417, 'Desktop applications only support the oauth_callback value oob');
      const key = `rt-${randomBytes(12).toString('hex')}`;
      const secret = randomBytes(16).toString('hex');
      this.requestTokens.set(key, { secret, callback });
      return form({ oauth_token: key, oauth_token_secret: secret, oauth_callback_confirmed: 'true' });
    }
    if (req.method === 'POST' && req.path === '/oauth/access_token') {
      const state = token ? this.requestTokens.get(token) : undefined;
      if (!token || !state?.verifier || check.oauth.get('oauth_verifier') !== state.verifier || !state.user) {
        return { status: 401, body: 'Error processing your OAuth request: Invalid oauth_verifier parameter' };
      }
      this.requestTokens.delete(token);
      const key = `${state.user.id}-${randomBytes(12).toString('hex')}`;
      const secret = randomBytes(16).toString('hex');
      this.accessTokens.set(key, { secret, user: state.user });
      return form({ oauth_token: key, oauth_token_secret: secret, user_id: state.user.id, screen_name: state.user.screenName });
    }
    const access = token ? this.accessTokens.get(token) : undefined;
    if (!token || !access) return xError(401, 89, 'Invalid or expired token.');
    if (req.method === 'POST' && req.path === '/1.1/oauth/invalidate_token') {
      this.accessTokens.delete(token);
      return { status: 200, body: { access_token: 'ACCESS_TOKEN' } };
    }
    if (req.path.startsWith('/2/')) {
      await this.slow();
      if (this.faults.revoked) return xError(401, 89, 'Invalid or expired token.');
      if (this.faults.unavailable)
        return { status: 503, body: { title: 'Service Unavailable', detail: 'Service Unavailable', status: 503 } };
      if (this.faults.rateLimited) {
        const reset = String(Math.floor(this.now() / 1000) + 900);
        return {
          status: 429,
          body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
          headers: { 'x-rate-limit-limit': '900', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset },
        };
      }
    }
    for (const route of this.routes) {
      const response = route(req, access.user);
      if (response) return response;
    }
    return xError(404, 34, 'Sorry, that page does not exist.');
  }
}
