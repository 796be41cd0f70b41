// One request header, read off Node's already parsed headers when the app is
// served by Node. c.req.header() first builds a web Headers object of all of
// them, which in a burst of interactions is a measurable share of each ack.

import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/** The header's value as c.req.header() gives it (repeated headers joined with ", "), undefined when absent. */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
