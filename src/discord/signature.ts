// Ed25519 verification of Discord's X-Signature-Ed25519 header over
// timestamp + raw body, with node:crypto (no extra dependency).

import { createPublicKey, type KeyObject, verify } from 'node:crypto';

// DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function discordPublicKey(hex: string): KeyObject {
  const raw = Buffer.from(hex, 'hex');
  if (raw.length !== 32) throw new Error('a Discord public key is 32 bytes (64 hex digits)');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/**
 * Resolves whether the signature is Discord's. The check runs on libuv's
 * thread pool (about 0.2 ms of CPU each): in a burst of interactions the
 * event loop keeps parsing and answering while signatures are checked beside it.
 */
export function isValidDiscordSignature(
  key: KeyObject,
  signatureHex: string | undefined,
  timestamp: string | undefined,
  rawBody: string | Buffer,
): Promise<boolean> {
  if (!signatureHex || !timestamp || !/^[0-9a-fA-F]{128}$/.test(signatureHex)) return Promise.resolve(false);
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  return new Promise((resolve) => {
    try {
      verify(null, signed, key, Buffer.from(signatureHex, 'hex'), (err, ok) => resolve(!err && ok));
    } catch {
      resolve(false);
    }
  });
}
