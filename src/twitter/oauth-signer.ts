// OAuth 1.0a HMAC-SHA1 request signing for X. The URL signed must be the URL
// called, query included; extra oauth_* parameters (callback, verifier) are
// signed and sent in the Authorization header.

import { createHmac, randomBytes } from 'node:crypto';
import OAuth from 'oauth-1.0a';

export interface Credentials {
  key: string;
  secret: string;
}

export interface SignInput {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  oauthParams?: Record<string, string>;
  /** application/x-www-form-urlencoded body parameters, which are signed too. */
  form?: Record<string, string>;
}

export interface SignerOptions {
  nonce?: () => string;
  timestamp?: () => number;
}

export class OAuthSigner {
  private readonly oauth: OAuth;

  constructor(consumer: Credentials, options: SignerOptions = {}) {
    this.oauth = new OAuth({
      consumer,
      signature_method: 'HMAC-SHA1',
      hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
    });
    this.oauth.getNonce = options.nonce ?? (() => randomBytes(16).toString('hex'));
    const timestamp = options.timestamp ?? (() => Math.floor(Date.now() / 1000));
    this.oauth.getTimeStamp = timestamp;
  }

  /** The Authorization header value for one request. */
  authorization(input: SignInput, token?: Credentials): string {
    const extra = input.oauthParams ?? {};
    for (const [k, v] of Object.entries({ ...extra, ...input.form })) {
      // oauth-1.0a would sign `undefined` as the text "undefined".
      if (typeof v !== 'string') throw new TypeError(`signed parameter ${k} must be a string`);
    }
    const signed = this.oauth.authorize({ method: input.method, url: input.url, data: { ...input.form, ...extra } }, token);
    return this.oauth.toHeader({ ...signed, ...extra }).Authorization;
  }
}

/** RFC 3986 percent-encoding, as OAuth 1.0a requires (spaces are %20, never +). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Builds base + path + query with RFC 3986 encoding, dropping undefined values. */
export function buildUrl(base: string, path: string, query: Record<string, string | number | undefined> = {}): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(String(v))}`);
  return base + path + (pairs.length > 0 ? `?${pairs.join('&')}` : '');
}
