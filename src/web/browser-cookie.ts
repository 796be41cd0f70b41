// The browser's own secret, which binds a link (and a Linked Roles sign-in)
// to the browser that started it.

import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isWellFormedBrowserSecret } from '../linking/browser-binding.js';

export interface BrowserCookieOptions {
  publicUrl: string;
  linkTtlSeconds: number;
}

/**
 * The browser's own secret. HttpOnly (no script reads it), SameSite=Lax (sent
 * on X's redirect back, a top-level GET, but not with a cross-site POST, so
 * another site cannot press Continue for the visitor), Secure and __Host-
 * bound to this origin when the bot is served over https.
 */
export function browserCookie(options: BrowserCookieOptions) {
  const secure = options.publicUrl.startsWith('https:');
  const name = secure ? '__Host-xbot_browser' : 'xbot_browser';
  return {
    read(c: Context): string | undefined {
      const value = getCookie(c, name);
      return value && isWellFormedBrowserSecret(value) ? value : undefined;
    },
    /** Keeps the browser's secret (or makes one) alive for another link's lifetime and more. */
    ensure(c: Context): string {
      const value = this.read(c) ?? randomBytes(32).toString('base64url');
      setCookie(c, name, value, { path: '/', httpOnly: true, secure, sameSite: 'Lax', maxAge: options.linkTtlSeconds * 3 });
      return value;
    },
  };
}
