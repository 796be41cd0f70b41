// One-time link tokens: 256 random bits, base64url. Only the SHA-256 hash is
// stored, so a database leak does not hand out working links.

import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function createLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isWellFormedLinkToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}
