// The revocation queue: access tokens the bot no longer keeps are revoked at
// X until X confirms. A token enters the queue in the same transaction that
// forgets it (unlink, relink to another account), so neither an X outage nor
// a crash between the two steps leaves a live token nobody can revoke.

import { randomBytes } from 'node:crypto';
import type { Logger } from '../log/logger.js';
import type { TokenCipher } from '../secrets/token-cipher.js';
import { XApiError } from '../twitter/errors.js';
import type { TwitterOAuthClient } from '../twitter/oauth-client.js';
import type { Credentials } from '../twitter/oauth-signer.js';
import type { RevocationRecord, RevocationStore } from './stores.js';

export interface RevocationQueueDeps {
  store: RevocationStore;
  cipher: TokenCipher;
  oauth: Pick<TwitterOAuthClient, 'invalidateToken'>;
  /** Whether a link keeps this token now (X may hand an account the same token again): then it is not revoked. */
  inUse?: (xUserId: string, token: string) => Promise<boolean>;
  now: () => number;
  log: Logger;
}

const MINUTE = 60_000;
/** 1, 2, 4 … minutes between attempts, at most 6 hours. */
export const retryDelayMs = (attempts: number) => Math.min(6 * 60 * MINUTE, MINUTE * 2 ** attempts);
/** How often due revocations are looked for. */
const SWEEP_MS = MINUTE;

const context = {
  token: (sealId: string) => `revocation-token:${sealId}`,
  secret: (sealId: string) => `revocation-secret:${sealId}`,
};

export class RevocationQueue {
  constructor(private readonly deps: RevocationQueueDeps) {}

  /** Seals a token for the queue; the caller writes the record in its own transaction. */
  record(xUserId: string, credentials: Credentials): RevocationRecord {
    const { cipher, now } = this.deps;
    const sealId = randomBytes(16).toString('base64url');
    return {
      xUserId,
      sealId,
      accessTokenSealed: cipher.seal(credentials.key, context.token(sealId)),
      accessSecretSealed: cipher.seal(credentials.secret, context.secret(sealId)),
      createdAt: now(),
      attempts: 0,
      nextAttemptAt: now(),
    };
  }

  /** Tries one queued revocation now; true once X has confirmed (or the token was dead already). */
  async attempt(sealId: string): Promise<boolean> {
    const { store, cipher, oauth, now, log } = this.deps;
    const row = await store.find(sealId);
    if (!row) return true;
    // Take the attempt by moving its next time on first: a concurrent sweep skips it.
    if (!(await store.takeAttempt(row.id, row.attempts, now() + retryDelayMs(row.attempts)))) return false;
    try {
      const credentials = {
        key: cipher.open(row.accessTokenSealed, context.token(sealId)),
        secret: cipher.open(row.accessSecretSealed, context.secret(sealId)),
      };
      if (await this.deps.inUse?.(row.xUserId, credentials.key)) {
        await store.remove(row.id);
        log.info('queued revocation dropped: a link keeps that token again', { xUserId: row.xUserId });
        return true;
      }
      await oauth.invalidateToken(credentials);
    } catch (err) {
      // X refusing the token means it is dead already: nothing is left to revoke.
      if (!(err instanceof XApiError && err.kind === 'unauthorized')) {
        log.warn('token revocation at X failed; will retry', {
          xUserId: row.xUserId,
          attempts: row.attempts + 1,
          retryInMs: retryDelayMs(row.attempts),
          error: err,
        });
        return false;
      }
    }
    await store.remove(row.id);
    log.info('token revoked at X', { xUserId: row.xUserId, attempts: row.attempts + 1 });
    return true;
  }

  /**
   * Tries every revocation that is due, one at a time. `everything`: at
   * start-up, when an attempt a crash cut off still shows as scheduled later.
   */
  async runDue(everything = false): Promise<void> {
    const due = await this.deps.store.due(everything ? null : this.deps.now(), 50);
    for (const sealId of due) await this.attempt(sealId);
  }

  /** Runs every queued revocation now, then due ones every minute; returns a function that stops it. */
  start(): () => void {
    let running: Promise<void> | null = null;
    const sweep = (everything = false) => {
      running ??= this.runDue(everything)
        .catch((err: unknown) => this.deps.log.error('revocation sweep failed', { error: err }))
        .finally(() => (running = null));
    };
    sweep(true);
    const timer = setInterval(() => sweep(), SWEEP_MS);
    timer.unref();
    return () => clearInterval(timer);
  }
}
