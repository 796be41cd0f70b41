// POST /interactions: Discord's HTTP door. The signed timestamp must be close
// to our clock, so a captured request cannot be replayed later, and the
// signature is checked over the raw body before anything is parsed. The
// body's size is bounded by the app's body-limit middleware while it streams in.

import { type Context, Hono } from 'hono';
import { type HttpDoorDeps, handleInteractionPayload } from '../../discord/http-door.js';
import { isFreshTimestamp } from '../../discord/replay-guard.js';
import type { SignatureChecker } from '../../discord/signature-checker.js';
import { nodeRequest, requestHeader } from '../request-header.js';
import { SECURITY_HEADERS } from '../security-headers.js';

export function interactionRoutes(signatures: Pick<SignatureChecker, 'check'>, deps: HttpDoorDeps): Hono {
  return new Hono().post('/', async (c) => {
    deps.acks?.begin();
    try {
      return await answer(c, signatures, deps);
    } finally {
      deps.acks?.end();
    }
  });
}

async function answer(c: Context, signatures: Pick<SignatureChecker, 'check'>, deps: HttpDoorDeps): Promise<Response> {
  const raw = await rawBody(c);
  // The client hung up mid-body: nobody will read an answer, and it is no failure of ours to log.
  if (!raw) return json({ error: 'incomplete request body' }, 400);
  const timestamp = requestHeader(c, 'x-signature-timestamp');
  // The clock first: it costs nothing, and a stale request is refused whatever its signature.
  if (!isFreshTimestamp(timestamp, deps.now())) return json({ error: 'stale request timestamp' }, 401);
  if (!(await signatures.check(requestHeader(c, 'x-signature-ed25519'), timestamp, raw))) {
    return json({ error: 'invalid request signature' }, 401);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(raw.toString('utf8'));
  } catch {
    return json({ error: 'malformed JSON' }, 400);
  }
  const result = await handleInteractionPayload(payload, deps);
  return json(result.body, result.status);
}

const JSON_HEADERS = Object.freeze({ 'content-type': 'application/json', ...SECURITY_HEADERS });

/**
 * Every answer of this route, headers included, as a plain Response:
 * @hono/node-server writes its status, body and header record as they stand,
 * where the app-wide middleware's headers would build a Headers object for
 * each answer and read it back out (see app.ts).
 */
function json(body: unknown, status: number): Response {
  // A record of its own each time: the adapter adds the body's length to it.
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS } });
}

/**
 * The body's bytes. Under Node with a declared length (which the body limit
 * has checked) they are read straight off the request, not through a web
 * stream: in a burst of interactions that is a good part of each ack's cost.
 * Null when the client went away before the body ended.
 */
function rawBody(c: Context): Promise<Buffer | null> {
  const incoming = nodeRequest(c);
  if (!incoming || incoming.headers['content-length'] === undefined || incoming.headers['transfer-encoding'] !== undefined) {
    return c.req.arrayBuffer().then((body) => Buffer.from(body));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(Buffer.concat(chunks)));
    // An aborted request errors (ECONNRESET) and closes before its end; whichever comes first settles it.
    incoming.once('error', () => resolve(null));
    incoming.once('close', () => resolve(null));
  });
}
