// A GET that returns the whole answer as text, bounded by a deadline: the one
// shape X's reads need. Two transports give it: node:http (what the bot uses,
// see node-http-get.ts) and any fetch (what tests inject to watch requests).

import { type DeadlineOptions, fetchWithDeadline } from './deadline.js';

export interface AnswerHead {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
}

export interface HttpAnswer extends AnswerHead {
  text: string;
}

export type HttpGet = (url: string, headers: Record<string, string>, options: DeadlineOptions) => Promise<HttpAnswer>;

/**
 * A request sent on a kept-alive connection that the server had closed (its
 * idle timeout crossing our next request): the connection was reset before
 * any answer, so the server never took the request. Safe to ask again at
 * once, signed afresh.
 */
export class StaleConnectionError extends Error {}

/** The same GET through a fetch implementation (undici's, or a test's). */
export function getThroughFetch(fetchImpl: typeof fetch): HttpGet {
  return async (url, headers, options) => {
    const { response, text } = await fetchWithDeadline(fetchImpl, url, { headers }, options);
    return { status: response.status, ok: response.ok, headers: response.headers, text };
  };
}
