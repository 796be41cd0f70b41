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

/** Checks on libuv's thread pool at once, and the most there may be (see isValidDiscordSignature). */
let checking = 0;
const MOST_CHECKING = 1;
const waiting: Array<() => void> = [];

/** Signature checks on the thread pool now: for tests. */
export const signatureChecksRunning = (): number => checking;

/**
 * Resolves whether the signature is Discord's. The check runs on libuv's
 * thread pool (about 0.1 ms of CPU each), one at a time: in a burst of
 * interactions the event loop keeps parsing and answering while signatures
 * are checked beside it. One at a time, because the pool's four threads
 * checking at once took the machine's cores from the event loop (on two
 * cores, the acks' p99 was 98 ms with four, 72-79 with one pool thread),
 * while a pool of one would queue the checks behind DNS lookups.
 */
export async function isValidDiscordSignature(
  key: KeyObject,
  signatureHex: string | undefined,
  timestamp: string | undefined,
  rawBody: string | Buffer,
): Promise<boolean> {
  if (!signatureHex || !timestamp || !/^[0-9a-fA-F]{128}$/.test(signatureHex)) return false;
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  // A check that ends hands its place straight to the first waiting, so none overtakes those in line.
  if (checking >= MOST_CHECKING) await new Promise<void>((resolve) => waiting.push(resolve));
  else checking++;
  try {
    return await new Promise<boolean>((resolve) => {
      try {
        verify(null, signed, key, Buffer.from(signatureHex, 'hex'), (err, ok) => resolve(!err && ok));
      } catch {
        resolve(false);
      }
    });
  } finally {
    const next = waiting.shift();
    if (next) next();
    else checking--;
  }
}
