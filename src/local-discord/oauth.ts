// Discord's OAuth2 as Linked Roles use it, added to the Discord stand-in:
// the consent page (approving as a chosen member, or cancelling), the token
// endpoint (client id and secret checked, codes single-use and bound to the
// exact redirect URI and scopes, refresh tokens rotated), /users/@me with a
// member's Bearer token, and the member's role connection, recorded.

import { randomBytes } from 'node:crypto';
import type { CannedResponse, RecordedRequest } from '../local-x/http-stand-in.js';

export interface OAuthMember {
  id: string;
  username: string;
  global_name: string | null;
  locale: string;
}

interface Grant {
  member: OAuthMember;
  scopes: string[];
}

export const CLIENT_SECRET = 'linked-roles-client-secret-00001';
const REQUIRED_SCOPES = ['identify', 'role_connections.write'];
const LIFETIME_S = 604_800;

export class DiscordOAuth {
  /** Who approves at the consent page; null: the member presses Cancel. */
  approveAs: OAuthMember | null = null;
  redirectUri = '';
  readonly codes = new Map<string, Grant & { redirectUri: string }>();
  readonly accessTokens = new Map<string, Grant>();
  readonly refreshTokens = new Map<string, Grant>();
  /** Role connections as written, in order, per member. */
  readonly connections = new Map<string, Array<Record<string, unknown>>>();
  /** Every check the token endpoint made, for tests that assert none failed. */
  readonly refusals: string[] = [];

  constructor(private readonly clientId: string) {}

  /** Makes every access token issued so far invalid, as an expiry or a revocation at Discord would. */
  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  route(req: RecordedRequest): CannedResponse | undefined {
    const url = new URL(req.url);
    if (req.method === 'GET' && url.pathname === '/oauth2/authorize') return this.authorize(url);
    if (req.method === 'POST' && req.path === '/api/v10/oauth2/token') return this.token(new URLSearchParams(req.body));
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    if (bearer === undefined) {
      if (req.method === 'PUT' && /^\/api\/v10\/applications\/\d+\/role-connections\/metadata$/.test(req.path)) {
        return { status: 200, body: req.json as object };
      }
      return undefined;
    }
    const grant = this.accessTokens.get(bearer);
    if (!grant) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    if (req.method === 'GET' && req.path === '/api/v10/users/@me') {
      return { status: 200, body: { ...grant.member, discriminator: '0', avatar: null } };
    }
    if (req.method === 'PUT' && req.path === `/api/v10/users/@me/applications/${this.clientId}/role-connection`) {
      if (!grant.scopes.includes('role_connections.write')) return { status: 403, body: { message: 'Missing Access', code: 50001 } };
      const body = req.json as Record<string, unknown>;
      this.connections.set(grant.member.id, [...(this.connections.get(grant.member.id) ?? []), body]);
      return { status: 200, body };
    }
    return undefined;
  }

  /** The latest role connection written for a member. */
  latest(memberId: string): Record<string, unknown> | undefined {
    return this.connections.get(memberId)?.at(-1);
  }

  private authorize(url: URL): CannedResponse {
    const q = url.searchParams;
    const scopes = (q.get('scope') ?? '').split(' ');
    if (q.get('client_id') !== this.clientId || q.get('redirect_uri') !== this.redirectUri || q.get('response_type') !== 'code') {
      return { status: 400, body: 'Invalid OAuth2 request' };
    }
    if (!REQUIRED_SCOPES.every((s) => scopes.includes(s))) return { status: 400, body: 'Invalid scope' };
    const back = new URL(this.redirectUri);
    back.searchParams.set('state', q.get('state') ?? '');
    if (!this.approveAs) {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The resource owner or authorization server denied the request');
    } else {
      const code = randomBytes(15).toString('base64url');
      this.codes.set(code, { member: this.approveAs, scopes, redirectUri: this.redirectUri });
      back.searchParams.set('code', code);
    }
    return { status: 302, body: '', headers: { location: back.toString() } };
  }

  private token(form: URLSearchParams): CannedResponse {
    const refuse = (why: string, status = 400, error = 'invalid_grant'): CannedResponse => {
      this.refusals.push(why);
      return { status, body: { error } };
    };
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== CLIENT_SECRET) {
      return refuse('client credentials', 401, 'invalid_client');
    }
    let grant: Grant | undefined;
    if (form.get('grant_type') === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      if (!code) return refuse('unknown or used code');
      this.codes.delete(form.get('code') ?? '');
      if (form.get('redirect_uri') !== code.redirectUri) return refuse('redirect_uri differs');
      grant = code;
    } else if (form.get('grant_type') === 'refresh_token') {
      grant = this.refreshTokens.get(form.get('refresh_token') ?? '');
      if (!grant) return refuse('unknown or used refresh token');
      this.refreshTokens.delete(form.get('refresh_token') ?? '');
    } else {
      return refuse('grant type', 400, 'unsupported_grant_type');
    }
    const access = randomBytes(15).toString('base64url');
    const refresh = randomBytes(15).toString('base64url');
    this.accessTokens.set(access, { member: grant.member, scopes: grant.scopes });
    this.refreshTokens.set(refresh, { member: grant.member, scopes: grant.scopes });
    return {
      status: 200,
      body: { access_token: access, token_type: 'Bearer', expires_in: LIFETIME_S, refresh_token: refresh, scope: grant.scopes.join(' ') },
    };
  }
}
