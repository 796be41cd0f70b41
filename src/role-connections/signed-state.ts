// The OAuth2 `state` /linked-role hands to Discord, signed by the bot instead
// of stored: opening a sign-in keeps nothing, so no flood of anonymous visits
// can fill a table and lock members out. A state carries a random nonce and
// its expiry, a tag proving the bot made it, and a tag binding it to the hash
// of the browser's cookie secret (kept apart, so a state from another browser
// is told from a forged one). Single use is enforced when Discord calls back,
// by recording the used state then (ConnectionStore.useState).

import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const NONCE_BYTES = 16;
const EXPIRY_BYTES = 6; // milliseconds since the epoch fit 48 bits until the year 10889
const TAG_BYTES = 16;
const STATE_BYTES = NONCE_BYTES + EXPIRY_BYTES + 2 * TAG_BYTES;
/** base64url of STATE_BYTES. */
const STATE_PATTERN = /^[A-Za-z0-9_-]{72}$/;

export type StateCheck = { ok: true; nonce: string; expiresAt: number } | { ok: false; reason: 'invalid' | 'expired' | 'other-browser' };

/** The state key, derived from TOKEN_ENCRYPTION_KEY for this use alone. */
export function deriveStateKey(tokenEncryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', tokenEncryptionKey, Buffer.alloc(0), 'xbot linked-roles oauth2 state v1', 32));
}

export class StateSigner {
  constructor(private readonly key: Buffer) {}

  /** A fresh state for the browser whose cookie secret hashes to `browserHash`, valid until `expiresAt`. */
  issue(browserHash: string, expiresAt: number): string {
    const head = Buffer.alloc(NONCE_BYTES + EXPIRY_BYTES);
    randomBytes(NONCE_BYTES).copy(head, 0);
    head.writeUIntBE(expiresAt, NONCE_BYTES, EXPIRY_BYTES);
    return Buffer.concat([head, this.tag('state', head), this.tag('browser', head, browserHash)]).toString('base64url');
  }

  /** Whether `state` is one this bot made, still valid, for the browser whose cookie secret hashes to `browserHash`. */
  check(state: string | undefined, browserHash: string | undefined, now: number): StateCheck {
    if (!state || !STATE_PATTERN.test(state)) return { ok: false, reason: 'invalid' };
    const raw = Buffer.from(state, 'base64url');
    if (raw.length !== STATE_BYTES) return { ok: false, reason: 'invalid' };
    const head = raw.subarray(0, NONCE_BYTES + EXPIRY_BYTES);
    const stateTag = raw.subarray(head.length, head.length + TAG_BYTES);
    const browserTag = raw.subarray(head.length + TAG_BYTES);
    if (!timingSafeEqual(stateTag, this.tag('state', head))) return { ok: false, reason: 'invalid' };
    const expiresAt = head.readUIntBE(NONCE_BYTES, EXPIRY_BYTES);
    if (expiresAt <= now) return { ok: false, reason: 'expired' };
    if (!browserHash || !timingSafeEqual(browserTag, this.tag('browser', head, browserHash))) return { ok: false, reason: 'other-browser' };
    return { ok: true, nonce: head.subarray(0, NONCE_BYTES).toString('hex'), expiresAt };
  }

  private tag(purpose: 'state' | 'browser', head: Buffer, browserHash = ''): Buffer {
    return createHmac('sha256', this.key).update(`${purpose}\n${browserHash}\n`).update(head).digest().subarray(0, TAG_BYTES);
  }
}
