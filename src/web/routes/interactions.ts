// POST /interactions: Discord's HTTP door. The signature is checked over the
// raw body before anything is parsed.

import { Hono } from 'hono';
import type { KeyObject } from 'node:crypto';
import { handleInteractionPayload, type HttpDoorDeps } from '../../discord/http-door.js';
import { isValidDiscordSignature } from '../../discord/signature.js';

const MAX_BODY_BYTES = 1_000_000;

export function interactionRoutes(publicKey: KeyObject, deps: HttpDoorDeps): Hono {
  return new Hono().post('/', async (c) => {
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > MAX_BODY_BYTES) return c.json({ error: 'body too large' }, 413);
    const raw = await c.req.text();
    const valid = isValidDiscordSignature(
      publicKey,
      c.req.header('x-signature-ed25519'),
      c.req.header('x-signature-timestamp'),
      raw,
    );
    if (!valid) return c.json({ error: 'invalid request signature' }, 401);
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      return c.json({ error: 'malformed JSON' }, 400);
    }
    const result = await handleInteractionPayload(payload, deps);
    return c.json(result.body, result.status);
  });
}
