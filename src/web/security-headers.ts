import type { Context, MiddlewareHandler } from 'hono';
import { CONTENT_SECURITY_POLICY } from './page.js';

/** What every response carries: link tokens must never leak through Referer or caches. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
});

/** Sets SECURITY_HEADERS on the response `c` is making. */
export function setSecurityHeaders(c: Context): void {
  for (const name in SECURITY_HEADERS) c.header(name, SECURITY_HEADERS[name]);
}

/**
 * Sets SECURITY_HEADERS before the route runs, so they go into the response
 * as it is made (setting them afterwards rebuilds every response); a route
 * may widen form-action for its own page by setting Content-Security-Policy
 * again. A route that answers with a plain Response of its own instead (the
 * interactions door, see routes/interactions.ts) is passed over by `skip`;
 * its answers made elsewhere (the body limit's 413, the app's 500) set them
 * with setSecurityHeaders.
 */
export function securityHeaders(skip: (method: string, path: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    if (!skip(c.req.method, c.req.path)) setSecurityHeaders(c);
    await next();
  };
}
