// Discord OAuth2 for Linked Roles: the authorization-code flow with scopes
// `identify role_connections.write`, refreshing tokens, reading who signed in,
// and writing the member's role connection (their X metadata). Plain fetch
// with a deadline per request; a 429 is reported with its wait, not slept on,
// since a browser is waiting on most of these calls.

import { fetchWithDeadline } from '../http/deadline.js';

export const ROLE_CONNECTION_SCOPES = ['identify', 'role_connections.write'] as const;

export type DiscordOAuthFailure =
  /** Discord refused the code or refresh token (invalid_grant): used, expired or revoked. */
  | 'refused'
  /** Discord refused our client id and secret, or the member's access token. */
  | 'unauthorized'
  | 'rate-limited'
  | 'unavailable'
  | 'bad-response';

export class DiscordOAuthError extends Error {
  constructor(
    readonly kind: DiscordOAuthFailure,
    message: string,
    readonly status: number | null = null,
    /** For 'rate-limited': seconds Discord asked us to wait. */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
    this.name = 'DiscordOAuthError';
  }
}

export interface DiscordTokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ms since the epoch). */
  expiresAt: number;
  scopes: string[];
}

export interface DiscordUser {
  id: string;
  username: string;
  globalName: string | null;
  locale: string | null;
}

/** The member's X metadata as Discord stores it: every value a string (numbers, ISO dates, "1"/"0"). */
export interface RoleConnection {
  platform_name: string;
  platform_username?: string;
  metadata: Record<string, string>;
}

export interface DiscordOAuthOptions {
  /** DISCORD_API_URL, e.g. https://discord.com/api. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  now: () => number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class DiscordOAuthClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: DiscordOAuthOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** Discord's consent page (on the API's host, outside /api), asking again each time (prompt=consent). */
  authorizeUrl(state: string): string {
    const url = new URL('/oauth2/authorize', this.options.apiUrl);
    const params = new URLSearchParams({
      client_id: this.options.clientId,
      redirect_uri: this.options.redirectUri,
      response_type: 'code',
      scope: ROLE_CONNECTION_SCOPES.join(' '),
      state,
      prompt: 'consent',
    });
    return `${url.origin}${url.pathname}?${params.toString().replace(/\+/g, '%20')}`;
  }

  exchangeCode(code: string): Promise<DiscordTokens> {
    return this.token({ grant_type: 'authorization_code', code, redirect_uri: this.options.redirectUri });
  }

  refresh(refreshToken: string): Promise<DiscordTokens> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  async user(accessToken: string): Promise<DiscordUser> {
    const body = (await this.call('GET', '/users/@me', { authorization: `Bearer ${accessToken}` })) as Record<string, unknown>;
    if (typeof body.id !== 'string' || !/^\d{5,25}$/.test(body.id) || typeof body.username !== 'string') {
      throw new DiscordOAuthError('bad-response', 'Discord sent no user');
    }
    return {
      id: body.id,
      username: body.username,
      globalName: typeof body.global_name === 'string' ? body.global_name : null,
      locale: typeof body.locale === 'string' ? body.locale : null,
    };
  }

  async putRoleConnection(accessToken: string, connection: RoleConnection): Promise<void> {
    await this.call('PUT', `/users/@me/applications/${this.options.clientId}/role-connection`, {
      authorization: `Bearer ${accessToken}`,
      'content-type': 'application/json',
      body: JSON.stringify(connection),
    });
  }

  private async token(grant: Record<string, string>): Promise<DiscordTokens> {
    const { clientId, clientSecret, now } = this.options;
    const form = new URLSearchParams({ ...grant, client_id: clientId, client_secret: clientSecret });
    const requestedAt = now();
    const body = (await this.call('POST', '/oauth2/token', {
      'content-type': 'application/x-www-form-urlencoded',
      body: form.toString(),
    })) as Record<string, unknown>;
    const scopes = typeof body.scope === 'string' ? body.scope.split(' ') : [];
    if (
      typeof body.access_token !== 'string' ||
      typeof body.refresh_token !== 'string' ||
      typeof body.expires_in !== 'number' ||
      !ROLE_CONNECTION_SCOPES.every((s) => scopes.includes(s))
    ) {
      throw new DiscordOAuthError('bad-response', 'Discord sent no usable tokens');
    }
    return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt: requestedAt + body.expires_in * 1000, scopes };
  }

  private async call(method: string, path: string, request: { body?: string; [header: string]: string | undefined }): Promise<unknown> {
    const { body, ...headers } = request;
    let result: Awaited<ReturnType<typeof fetchWithDeadline>>;
    try {
      result = await fetchWithDeadline(
        this.fetch,
        `${this.options.apiUrl}/v10${path}`,
        { method, headers: { accept: 'application/json', ...(headers as Record<string, string>) }, body },
        { timeoutMs: this.options.timeoutMs ?? 10_000, maxBytes: 256 * 1024 },
      );
    } catch (err) {
      throw new DiscordOAuthError('unavailable', `could not reach Discord (${(err as Error).message})`);
    }
    const { response, text } = result;
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (response.ok) {
      if (parsed === undefined) throw new DiscordOAuthError('bad-response', 'Discord sent something that is not JSON', response.status);
      return parsed;
    }
    throw failureOf(response, parsed);
  }
}

function failureOf(response: Response, body: unknown): DiscordOAuthError {
  const status = response.status;
  const error = (body as { error?: unknown } | undefined)?.error;
  if (status === 429) {
    const retryAfter = Number((body as { retry_after?: unknown } | undefined)?.retry_after ?? response.headers.get('retry-after'));
    return new DiscordOAuthError('rate-limited', 'Discord asked us to slow down', status, Number.isFinite(retryAfter) ? retryAfter : null);
  }
  if (status >= 500) return new DiscordOAuthError('unavailable', `Discord answered ${status}`, status);
  if (error === 'invalid_grant') return new DiscordOAuthError('refused', 'Discord refused the grant', status);
  if (status === 401 || error === 'invalid_client') return new DiscordOAuthError('unauthorized', 'Discord refused our credentials', status);
  return new DiscordOAuthError('bad-response', `Discord answered ${status}`, status);
}
