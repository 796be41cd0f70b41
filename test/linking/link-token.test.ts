import { describe, expect, it } from 'vitest';
import { createLinkToken, hashLinkToken, isWellFormedLinkToken } from '../../src/linking/link-token.js';

describe('link tokens', () => {
  it('are 256 random bits, URL-safe, and stored only as a SHA-256 hash', () => {
    const { token, hash } = createLinkToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(isWellFormedLinkToken(token)).toBe(true);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashLinkToken(token));
    expect(hash).not.toContain(token);
  });

  it('never repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => createLinkToken().token));
    expect(tokens.size).toBe(1000);
  });

  it('reject anything not shaped like a token', () => {
    for (const bad of ['', 'short', 'A'.repeat(44), `${'A'.repeat(42)}=`, `${'A'.repeat(42)}/`]) {
      expect(isWellFormedLinkToken(bad)).toBe(false);
    }
  });
});
