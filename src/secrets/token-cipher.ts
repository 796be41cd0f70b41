// AES-256-GCM for credentials at rest. Each value gets a fresh IV and carries
// the id of the key that sealed it, so keys can be rotated: new values use the
// current key, old values still open with a previous one.
// The associated data binds a ciphertext to its purpose and owner, so a value
// copied into another row or column fails to open.

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export class TokenCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenCipherError';
  }
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export class TokenCipher {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;
  private readonly currentKey: Buffer;

  constructor(current: Buffer, previous: Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== 32) throw new TokenCipherError('encryption keys must be 32 bytes');
      this.keys.set(keyId(key), key);
    }
    this.currentKeyId = keyId(current);
    this.currentKey = current;
  }

  seal(plaintext: string, context: string): string {
    const key = this.currentKey;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.currentKeyId, iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, context: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new TokenCipherError('not a sealed value');
    const [, kid, iv, tag, body] = parts as [string, string, string, string, string];
    const key = this.keys.get(kid);
    if (!key) throw new TokenCipherError(`sealed with an unknown key (${kid})`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenCipherError('sealed value failed authentication');
    }
  }

  /** True when the value was sealed with an older key and should be re-sealed. */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.currentKeyId;
  }
}
