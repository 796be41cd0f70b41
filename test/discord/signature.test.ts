import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { discordPublicKey } from '../../src/discord/signature.js';
import { SignatureChecker } from '../../src/discord/signature-checker.js';

describe('Discord request signatures', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  const keyHex = der.subarray(der.length - 32).toString('hex');
  // Checked on the calling thread: the thread's batching has tests of its own (signature-checker.test.ts).
  const key = new SignatureChecker(keyHex, { thread: 'none' });
  const body = '{"type":1}';
  const timestamp = '1700000000';
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');

  it('accepts a genuine signature over timestamp + raw body', async () => {
    expect(await key.check(signature, timestamp, body)).toBe(true);
  });

  it('rejects a changed body, timestamp, signature or key', async () => {
    expect(await key.check(signature, timestamp, '{"type":1} ')).toBe(false);
    expect(await key.check(signature, '1700000001', body)).toBe(false);
    const flipped = (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1);
    expect(await key.check(flipped, timestamp, body)).toBe(false);
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
    const otherKey = new SignatureChecker(other.subarray(other.length - 32).toString('hex'), { thread: 'none' });
    expect(await otherKey.check(signature, timestamp, body)).toBe(false);
  });

  it('rejects missing or malformed headers without throwing', async () => {
    expect(await key.check(undefined, timestamp, body)).toBe(false);
    expect(await key.check(signature, undefined, body)).toBe(false);
    expect(await key.check('zz', timestamp, body)).toBe(false);
    expect(await key.check('00'.repeat(64), timestamp, body)).toBe(false);
  });

  it('accepts the raw body as bytes, as read from the socket', async () => {
    expect(await key.check(signature, timestamp, Buffer.from(body))).toBe(true);
  });

  it('refuses a public key of the wrong size', () => {
    expect(() => discordPublicKey('abcd')).toThrow(/32 bytes/);
  });
});
