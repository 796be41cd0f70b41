import type { MiddlewareHandler } from 'hono';
import { CONTENT_SECURITY_POLICY } from './page.js';

/**
 * Headers for every response: link tokens must never leak through Referer or
 * caches. Set before the route runs, so they go into the response as it is
 * made (setting them afterwards rebuilds every response); a route may widen
 * form-action for its own page by setting Content-Security-Policy again.
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  await next();
};
