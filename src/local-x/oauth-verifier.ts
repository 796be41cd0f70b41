// An OAuth 1.0a HMAC-SHA1 verifier written straight from RFC 5849 §3.4, sharing
// no code with the bot's signer (src/twitter), so the local X checks what the
// bot signs independently.

import { createHmac, timingSafeEqual } from 'node:crypto';

export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** Parses `OAuth k="v", k2="v2"` into decoded pairs (realm excluded). */
export function parseAuthorizationHeader(header: string): Map<string, string> {
  if (!header.startsWith('OAuth ')) throw new Error('not an OAuth header');
  const params = new Map<string, string>();
  for (const part of header.slice(6).split(',')) {
    const match = /^\s*([^=\s]+)="([^"]*)"\s*$/.exec(part);
    if (!match) throw new Error(`malformed OAuth header part: ${part}`);
    const key = decodeURIComponent(match[1] ?? '');
    if (key !== 'realm') params.set(key, decodeURIComponent(match[2] ?? ''));
  }
  return params;
}

function pairsFromForm(text: string): Array<[string, string]> {
  if (text === '') return [];
  return text.split('&').map((item) => {
    const eq = item.indexOf('=');
    return eq < 0 ? [formDecode(item), ''] : [formDecode(item.slice(0, eq)), formDecode(item.slice(eq + 1))];
  });
}

export function signatureBaseString(method: string, absoluteUrl: string, pairs: Array<[string, string]>): string {
  const url = new URL(absoluteUrl);
  const defaultPort = (url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443');
  const authority = url.hostname.toLowerCase() + (url.port && !defaultPort ? `:${url.port}` : '');
  const baseUri = `${url.protocol}//${authority}${url.pathname}`;
  const normalized = pairs
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return [method.toUpperCase(), rfc3986(baseUri), rfc3986(normalized)].join('&');
}

export interface SignedRequest {
  method: string;
  /** The absolute URL as received, query included. */
  url: string;
  authorization: string | undefined;
  /** Raw application/x-www-form-urlencoded body, if any. */
  formBody?: string;
}

export interface VerifyResult {
  ok: boolean;
  reason?: string;
  oauth: Map<string, string>;
  baseString?: string;
}

/** Checks an HMAC-SHA1 signature; `tokenSecret` looks up the secret for oauth_token ('' when absent). */
export function verifyOAuth1(
  request: SignedRequest,
  consumer: { key: string; secret: string },
  tokenSecret: (token: string | undefined) => string | undefined,
): VerifyResult {
  let oauth: Map<string, string>;
  try {
    oauth = parseAuthorizationHeader(request.authorization ?? '');
  } catch (err) {
    return { ok: false, reason: (err as Error).message, oauth: new Map() };
  }
  if (oauth.get('oauth_consumer_key') !== consumer.key) return { ok: false, reason: 'unknown consumer key', oauth };
  if (oauth.get('oauth_signature_method') !== 'HMAC-SHA1') return { ok: false, reason: 'not HMAC-SHA1', oauth };
  for (const required of ['oauth_nonce', 'oauth_timestamp', 'oauth_signature']) {
    if (!oauth.get(required)) return { ok: false, reason: `missing ${required}`, oauth };
  }
  for (const [k, v] of oauth) {
    if (v === 'undefined') return { ok: false, reason: `${k} is the text "undefined"`, oauth };
  }
  const secret = tokenSecret(oauth.get('oauth_token'));
  if (secret === undefined) return { ok: false, reason: 'unknown token', oauth };

  const query = new URL(request.url).search.slice(1);
  const pairs: Array<[string, string]> = [
    ...pairsFromForm(query),
    ...pairsFromForm(request.formBody ?? ''),
    ...[...oauth].filter(([k]) => k !== 'oauth_signature'),
  ];
  const baseString = signatureBaseString(request.method, request.url, pairs);
  const key = `${rfc3986(consumer.secret)}&${rfc3986(secret)}`;
  const expected = createHmac('sha1', key).update(baseString).digest();
  const given = Buffer.from(oauth.get('oauth_signature') ?? '', 'base64');
  const ok = given.length === expected.length && timingSafeEqual(given, expected);
  return { ok, reason: ok ? undefined : 'signature mismatch', oauth, baseString };
}
