// X's OAuth 1.0a three-legged endpoints: request token, authorize redirect,
// access token, and token invalidation.

import { fetchWithDeadline } from '../http/deadline.js';
import { classifyResponse, XApiError } from './errors.js';
import { buildUrl, type Credentials, OAuthSigner } from './oauth-signer.js';

export interface AccessToken extends Credentials {
  userId: string;
  screenName: string;
}

export interface TwitterOAuthOptions {
  apiUrl: string;
  consumer: Credentials;
  signer?: OAuthSigner;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class TwitterOAuthClient {
  private readonly signer: OAuthSigner;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: TwitterOAuthOptions) {
    this.signer = options.signer ?? new OAuthSigner(options.consumer);
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async requestToken(callbackUrl: string): Promise<Credentials> {
    const form = await this.post('/oauth/request_token', { oauth_callback: callbackUrl });
    if (form.get('oauth_callback_confirmed') !== 'true') {
      throw new XApiError('bad-response', 'X did not confirm the callback');
    }
    return { key: required(form, 'oauth_token'), secret: required(form, 'oauth_token_secret') };
  }

  authorizeUrl(requestToken: string): string {
    return buildUrl(this.options.apiUrl, '/oauth/authorize', { oauth_token: requestToken });
  }

  async accessToken(requestToken: Credentials, verifier: string): Promise<AccessToken> {
    const form = await this.post('/oauth/access_token', { oauth_verifier: verifier }, requestToken);
    const userId = required(form, 'user_id');
    if (!/^\d+$/.test(userId)) throw new XApiError('bad-response', 'X sent a malformed user id');
    return {
      key: required(form, 'oauth_token'),
      secret: required(form, 'oauth_token_secret'),
      userId,
      screenName: required(form, 'screen_name'),
    };
  }

  async invalidateToken(token: Credentials): Promise<void> {
    await this.post('/1.1/oauth/invalidate_token', {}, token, true);
  }

  private async post(path: string, oauthParams: Record<string, string>, token?: Credentials, json = false): Promise<URLSearchParams> {
    const url = buildUrl(this.options.apiUrl, path);
    const authorization = this.signer.authorization({ method: 'POST', url, oauthParams }, token);
    let response: Response;
    let body: string;
    try {
      ({ response, text: body } = await fetchWithDeadline(
        this.fetch,
        url,
        { method: 'POST', headers: { authorization, accept: json ? 'application/json' : 'application/x-www-form-urlencoded' } },
        { timeoutMs: this.options.timeoutMs ?? 10_000 },
      ));
    } catch (err) {
      throw new XApiError('unavailable', `could not reach X (${(err as Error).message})`);
    }
    if (!response.ok) throw classifyResponse(response.status, body, response.headers);
    return new URLSearchParams(json ? '' : body);
  }
}

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) throw new XApiError('bad-response', `X's answer lacked ${name}`);
  return value;
}
