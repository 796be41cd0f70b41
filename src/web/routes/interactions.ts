// POST /interactions: Discord's HTTP door. The signature is checked over the
// raw body before anything is parsed, and the signed timestamp must be close
// to our clock, so a captured request cannot be replayed later. The body's
// size is bounded by the app's body-limit middleware while it streams in.

import type { KeyObject } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { type HttpDoorDeps, handleInteractionPayload } from '../../discord/http-door.js';
import { isFreshTimestamp } from '../../discord/replay-guard.js';
import { isValidDiscordSignature } from '../../discord/signature.js';

export function interactionRoutes(publicKey: KeyObject, deps: HttpDoorDeps): Hono {
  return new Hono().post('/', async (c) => {
    deps.acks?.begin();
    try {
      return await answer(c, publicKey, deps);
    } finally {
      deps.acks?.end();
    }
  });
}

async function answer(c: Context, publicKey: KeyObject, deps: HttpDoorDeps): Promise<Response> {
  const raw = await c.req.text();
  const timestamp = c.req.header('x-signature-timestamp');
  const valid = isValidDiscordSignature(publicKey, c.req.header('x-signature-ed25519'), timestamp, raw);
  if (!valid) return c.json({ error: 'invalid request signature' }, 401);
  if (!isFreshTimestamp(timestamp, deps.now())) return c.json({ error: 'stale request timestamp' }, 401);
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return c.json({ error: 'malformed JSON' }, 400);
  }
  const result = await handleInteractionPayload(payload, deps);
  return c.json(result.body, result.status);
}
