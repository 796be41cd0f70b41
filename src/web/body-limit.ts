// Request body limits, enforced while the body streams in: a chunked upload
// has no Content-Length to check up front, and reading it whole first is how
// a 700 MB body once grew the process to 1.6 GB. Past the limit the request
// is answered 413 and the connection closed, so the rest is never read.

import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestHeader } from './request-header.js';
import { setSecurityHeaders } from './security-headers.js';

export interface BodyLimitRule {
  /** Exact path the rule applies to; a path ending in "/*" covers everything under it. */
  path: string;
  maxBytes: number;
}

export function bodyLimits(rules: BodyLimitRule[], fallbackBytes: number): MiddlewareHandler {
  const limiter = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => {
        setSecurityHeaders(c); // on a route that writes its own headers too (see security-headers.ts)
        c.header('Connection', 'close');
        return c.json({ error: 'body too large' }, 413);
      },
    });
  const exact = rules.filter((r) => !r.path.endsWith('/*'));
  const byPath = new Map(exact.map((r) => [r.path, { maxBytes: r.maxBytes, limit: limiter(r.maxBytes) }]));
  const byPrefix = rules
    .filter((r) => r.path.endsWith('/*'))
    .map((r) => ({ prefix: r.path.slice(0, -1), maxBytes: r.maxBytes, limit: limiter(r.maxBytes) }));
  const fallback = { maxBytes: fallbackBytes, limit: limiter(fallbackBytes) };
  return (c, next) => {
    const path = c.req.path;
    const rule = byPath.get(path) ?? byPrefix.find((r) => path.startsWith(r.prefix)) ?? fallback;
    // A declared length is checked as it stands (Node reads no more than it); only an
    // undeclared one needs the counting stream, which costs a web Request per request.
    const declared = requestHeader(c, 'content-length');
    if (declared !== undefined && /^\d+$/.test(declared) && requestHeader(c, 'transfer-encoding') === undefined) {
      if (Number(declared) <= rule.maxBytes) return next();
    }
    return rule.limit(c, next);
  };
}
