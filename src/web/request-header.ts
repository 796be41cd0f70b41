// The request as Node parsed it, when the app is served by Node, and one
// header read off it. c.req.header() first builds a web Headers object of all
// of them, which in a burst of interactions is a measurable share of each ack.

import type { IncomingMessage } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/** Node's request behind the context (served by @hono/node-server); undefined elsewhere (app.request in tests). */
export function nodeRequest(c: Context): IncomingMessage | undefined {
  return (c.env as Partial<HttpBindings> | undefined)?.incoming;
}

/** The header's value as c.req.header() gives it (repeated headers joined with ", "), undefined when absent. */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = nodeRequest(c);
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
