import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyId, TokenCipher, TokenCipherError } from '../../src/secrets/token-cipher.js';

describe('TokenCipher', () => {
  const key = randomBytes(32);

  it('round-trips a value and never stores it in the clear', () => {
    const cipher = new TokenCipher(key);
    const sealed = cipher.seal('1234-secret-token', 'access-token:42');
    expect(sealed).not.toContain('secret');
    expect(sealed.split('.')[1]).toBe(keyId(key));
    expect(cipher.open(sealed, 'access-token:42')).toBe('1234-secret-token');
  });

  it('uses a fresh IV for every value', () => {
    const cipher = new TokenCipher(key);
    const a = cipher.seal('same', 'ctx');
    const b = cipher.seal('same', 'ctx');
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  it('detects tampering with the ciphertext, tag or IV', () => {
    const cipher = new TokenCipher(key);
    const sealed = cipher.seal('value', 'ctx');
    const parts = sealed.split('.');
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index]!, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      const tampered = [...parts];
      tampered[index] = bytes.toString('base64url');
      expect(() => cipher.open(tampered.join('.'), 'ctx')).toThrow(TokenCipherError);
    }
  });

  it('refuses a value moved to another owner or purpose', () => {
    const cipher = new TokenCipher(key);
    const sealed = cipher.seal('value', 'access-token:1');
    expect(() => cipher.open(sealed, 'access-token:2')).toThrow(/authentication/);
  });

  it('opens values sealed with a previous key after rotation, and flags them stale', () => {
    const oldKey = randomBytes(32);
    const sealed = new TokenCipher(oldKey).seal('value', 'ctx');
    const rotated = new TokenCipher(key, [oldKey]);
    expect(rotated.open(sealed, 'ctx')).toBe('value');
    expect(rotated.isStale(sealed)).toBe(true);
    expect(rotated.isStale(rotated.seal('value', 'ctx'))).toBe(false);
    expect(() => new TokenCipher(key).open(sealed, 'ctx')).toThrow(/unknown key/);
  });

  it('rejects garbage', () => {
    expect(() => new TokenCipher(key).open('not-sealed', 'ctx')).toThrow(TokenCipherError);
    expect(() => new TokenCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
