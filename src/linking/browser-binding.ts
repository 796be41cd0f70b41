// Binding a link to the browser that pressed Continue: a secret in a cookie,
// only its hash kept with the pending link, so a forwarded link or authorize
// URL cannot complete in someone else's browser.

import { createHash, timingSafeEqual } from 'node:crypto';
import { isWellFormedLinkToken } from './link-token.js';

/** The browser secret is 256 random bits in base64url, like a link token. */
export const isWellFormedBrowserSecret = isWellFormedLinkToken;

export function hashBrowserSecret(secret: string): string {
  return createHash('sha256').update(`browser:${secret}`, 'utf8').digest('hex');
}

/** Whether `secret` is the secret of the browser whose hash was stored, compared in constant time. */
export function isSameBrowser(browserHash: string | null | undefined, secret: string | undefined): boolean {
  if (!browserHash || !secret || !isWellFormedBrowserSecret(secret)) return false;
  return timingSafeEqual(Buffer.from(browserHash, 'hex'), Buffer.from(hashBrowserSecret(secret), 'hex'));
}
