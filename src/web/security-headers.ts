import type { MiddlewareHandler } from 'hono';
import { CONTENT_SECURITY_POLICY } from './page.js';

/** Headers for every response: link tokens must never leak through Referer or caches. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // A route may widen form-action for its own page; every other page gets the strict policy.
  if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
};
