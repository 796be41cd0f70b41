import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { discordPublicKey, isValidDiscordSignature } from '../../src/discord/signature.js';

describe('Discord request signatures', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  const key = discordPublicKey(der.subarray(der.length - 32).toString('hex'));
  const body = '{"type":1}';
  const timestamp = '1700000000';
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');

  it('accepts a genuine signature over timestamp + raw body', async () => {
    expect(await isValidDiscordSignature(key, signature, timestamp, body)).toBe(true);
  });

  it('rejects a changed body, timestamp, signature or key', async () => {
    expect(await isValidDiscordSignature(key, signature, timestamp, '{"type":1} ')).toBe(false);
    expect(await isValidDiscordSignature(key, signature, '1700000001', body)).toBe(false);
    const flipped = (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1);
    expect(await isValidDiscordSignature(key, flipped, timestamp, body)).toBe(false);
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
    const otherKey = discordPublicKey(other.subarray(other.length - 32).toString('hex'));
    expect(await isValidDiscordSignature(otherKey, signature, timestamp, body)).toBe(false);
  });

  it('rejects missing or malformed headers without throwing', async () => {
    expect(await isValidDiscordSignature(key, undefined, timestamp, body)).toBe(false);
    expect(await isValidDiscordSignature(key, signature, undefined, body)).toBe(false);
    expect(await isValidDiscordSignature(key, 'zz', timestamp, body)).toBe(false);
    expect(await isValidDiscordSignature(key, '00'.repeat(64), timestamp, body)).toBe(false);
  });

  it('accepts the raw body as bytes, as read from the socket', async () => {
    expect(await isValidDiscordSignature(key, signature, timestamp, Buffer.from(body))).toBe(true);
  });

  it('refuses a public key of the wrong size', () => {
    expect(() => discordPublicKey('abcd')).toThrow(/32 bytes/);
  });
});
