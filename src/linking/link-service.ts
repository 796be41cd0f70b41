// The account-linking flow: /link-twitter hands out a one-time link, the link
// starts X's three-legged OAuth, and the callback stores the member's access
// token. X is always called before the database is touched, and each database
// step is a single conditional write, so a failure at X or a race between two
// tabs leaves the database as it was.

import type { LinkedAccount } from '../db/schema.js';
import type { InteractionWebhooks } from '../discord/webhooks.js';
import type { Logger } from '../log/logger.js';
import type { TokenCipher } from '../secrets/token-cipher.js';
import { XApiError } from '../twitter/errors.js';
import type { Credentials } from '../twitter/oauth-signer.js';
import type { TwitterOAuthClient } from '../twitter/oauth-client.js';
import { linkCancelledMessage, linkedMessage } from './link-messages.js';
import type { LinkStore } from './link-store.js';
import { createLinkToken, hashLinkToken, isWellFormedLinkToken } from './link-token.js';

/** Discord lets an interaction token edit its response for 15 minutes. */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60 * 1000;

export interface LinkServiceDeps {
  store: LinkStore;
  cipher: TokenCipher;
  oauth: TwitterOAuthClient;
  webhooks: InteractionWebhooks;
  publicUrl: string;
  linkTtlSeconds: number;
  now: () => number;
  log: Logger;
  /** What other parts of the bot do when a link changes (linked roles, cached posts). */
  hooks?: LinkHooks;
}

export interface LinkHooks {
  linked?(discordUserId: string): Promise<void>;
  broken?(discordUserId: string): Promise<void>;
  /** Must delete whatever else is stored about the member. */
  forgotten?(account: LinkedAccount): Promise<void>;
}

export interface LinkRequester {
  discordUserId: string;
  discordUserName: string;
  guildId: string | null;
  interactionToken: string;
}

export type OpenResult = { ok: true; redirectUrl: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'x-error'; error: XApiError };

export type CallbackResult =
  | { ok: true; screenName: string; discordUserName: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'x-error'; error: XApiError };

const sealContext = {
  interaction: (tokenHash: string) => `interaction-token:${tokenHash}`,
  requestSecret: (requestToken: string) => `request-secret:${requestToken}`,
  accessToken: (discordUserId: string) => `access-token:${discordUserId}`,
  accessSecret: (discordUserId: string) => `access-secret:${discordUserId}`,
};

export class LinkService {
  constructor(private readonly deps: LinkServiceDeps) {}

  get callbackUrl(): string {
    return `${this.deps.publicUrl}/twitter/callback`;
  }

  startLink(requester: LinkRequester): { url: string; expiresAt: number; existing: LinkedAccount | undefined } {
    const { store, cipher, now, linkTtlSeconds, publicUrl } = this.deps;
    const { token, hash } = createLinkToken();
    const createdAt = now();
    const expiresAt = createdAt + linkTtlSeconds * 1000;
    store.createPending({
      tokenHash: hash,
      discordUserId: requester.discordUserId,
      discordUserName: requester.discordUserName,
      guildId: requester.guildId,
      interactionTokenSealed: cipher.seal(requester.interactionToken, sealContext.interaction(hash)),
      createdAt,
      interactionExpiresAt: createdAt + INTERACTION_TOKEN_LIFETIME_MS,
      expiresAt,
    });
    this.deps.log.info('link created', { discordUserId: requester.discordUserId, guildId: requester.guildId });
    return { url: `${publicUrl}/link/${token}`, expiresAt, existing: store.getAccount(requester.discordUserId) };
  }

  async openLink(token: string): Promise<OpenResult> {
    const { store, cipher, oauth, now, linkTtlSeconds, log } = this.deps;
    if (!isWellFormedLinkToken(token)) return { ok: false, reason: 'invalid' };
    const link = store.findOpenable(hashLinkToken(token), now());
    if (!link) return { ok: false, reason: 'invalid' };

    let requestToken: Credentials;
    try {
      requestToken = await oauth.requestToken(this.callbackUrl);
    } catch (err) {
      return this.xFailure('request token', err, link.discordUserId);
    }
    // The member gets a fresh window for the X consent screen.
    const claimed = store.claimForAuthorization(
      link.id,
      requestToken.key,
      cipher.seal(requestToken.secret, sealContext.requestSecret(requestToken.key)),
      now(),
      now() + linkTtlSeconds * 1000,
    );
    if (!claimed) {
      log.warn('link opened twice', { discordUserId: link.discordUserId });
      return { ok: false, reason: 'invalid' };
    }
    log.info('link opened', { discordUserId: link.discordUserId });
    return { ok: true, redirectUrl: oauth.authorizeUrl(requestToken.key) };
  }

  async completeCallback(oauthToken: string, verifier: string): Promise<CallbackResult> {
    const { store, cipher, oauth, now, log } = this.deps;
    const link = store.findAuthorizing(oauthToken, now());
    if (!link || !link.requestSecretSealed) return { ok: false, reason: 'invalid' };

    let access;
    try {
      const secret = cipher.open(link.requestSecretSealed, sealContext.requestSecret(oauthToken));
      access = await oauth.accessToken({ key: oauthToken, secret }, verifier);
    } catch (err) {
      return this.xFailure('access token', err, link.discordUserId);
    }
    const userId = link.discordUserId;
    const completed = store.complete(
      link.id,
      {
        discordUserId: userId,
        xUserId: access.userId,
        xScreenName: access.screenName,
        accessTokenSealed: cipher.seal(access.key, sealContext.accessToken(userId)),
        accessSecretSealed: cipher.seal(access.secret, sealContext.accessSecret(userId)),
        keyId: cipher.currentKeyId,
      },
      now(),
    );
    if (!completed) return { ok: false, reason: 'invalid' };
    log.info('account linked', { discordUserId: userId, xUserId: access.userId });
    await this.runHook('linked', userId);
    await this.editLinkReply(link, linkedMessage(access.screenName));
    return { ok: true, screenName: access.screenName, discordUserName: link.discordUserName };
  }

  /** The member pressed Cancel at X. Returns whether a live link was discarded. */
  async cancel(deniedToken: string): Promise<boolean> {
    const link = this.deps.store.discardByRequestToken(deniedToken);
    if (!link) return false;
    this.deps.log.info('link cancelled at X', { discordUserId: link.discordUserId });
    if (link.expiresAt > this.deps.now()) await this.editLinkReply(link, linkCancelledMessage());
    return true;
  }

  /** Deletes everything stored about the member, then revokes the token at X (best effort). */
  async unlink(discordUserId: string): Promise<{ screenName: string; revoked: boolean } | undefined> {
    const account = this.deps.store.forgetMember(discordUserId);
    if (!account) return undefined;
    await this.deps.hooks?.forgotten?.(account);
    let revoked = false;
    try {
      await this.deps.oauth.invalidateToken(this.open(account));
      revoked = true;
    } catch (err) {
      this.deps.log.warn('token revocation at X failed', { discordUserId, error: describe(err) });
    }
    this.deps.log.info('account unlinked', { discordUserId, revoked });
    return { screenName: account.xScreenName, revoked };
  }

  account(discordUserId: string): LinkedAccount | undefined {
    return this.deps.store.getAccount(discordUserId);
  }

  /**
   * Opens a linked account's access token for a call to X. Values sealed with
   * a previous key are re-sealed with the current one on the way, so a key
   * rotation completes as members use the bot.
   */
  credentials(account: LinkedAccount): Credentials {
    const { cipher } = this.deps;
    const userId = account.discordUserId;
    const credentials = this.open(account);
    if (cipher.isStale(account.accessTokenSealed) || cipher.isStale(account.accessSecretSealed)) {
      const sealed = {
        accessTokenSealed: cipher.seal(credentials.key, sealContext.accessToken(userId)),
        accessSecretSealed: cipher.seal(credentials.secret, sealContext.accessSecret(userId)),
        keyId: cipher.currentKeyId,
      };
      this.deps.store.reseal(userId, sealed, this.deps.now());
      this.deps.log.info('credentials re-sealed with the current key', { discordUserId: userId });
    }
    return credentials;
  }

  private open(account: LinkedAccount): Credentials {
    const { cipher } = this.deps;
    return {
      key: cipher.open(account.accessTokenSealed, sealContext.accessToken(account.discordUserId)),
      secret: cipher.open(account.accessSecretSealed, sealContext.accessSecret(account.discordUserId)),
    };
  }

  async markBroken(discordUserId: string): Promise<void> {
    this.deps.store.markBroken(discordUserId, this.deps.now());
    this.deps.log.warn('linked account marked broken', { discordUserId });
    await this.runHook('broken', discordUserId);
  }

  private async runHook(name: 'linked' | 'broken', discordUserId: string): Promise<void> {
    try {
      await this.deps.hooks?.[name]?.(discordUserId);
    } catch (err) {
      this.deps.log.warn(`${name} hook failed`, { discordUserId, error: describe(err) });
    }
  }

  private xFailure(step: string, err: unknown, discordUserId: string): { ok: false; reason: 'x-error'; error: XApiError } {
    const error = err instanceof XApiError ? err : new XApiError('bad-response', 'unexpected failure');
    this.deps.log.warn(`X ${step} failed`, { discordUserId, kind: error.kind, status: error.status, code: error.code, error: describe(err) });
    return { ok: false, reason: 'x-error', error };
  }

  private async editLinkReply(link: { tokenHash: string; interactionTokenSealed: string; interactionExpiresAt: number; discordUserId: string }, message: Parameters<InteractionWebhooks['editOriginal']>[1]): Promise<void> {
    if (this.deps.now() >= link.interactionExpiresAt) return;
    try {
      const token = this.deps.cipher.open(link.interactionTokenSealed, sealContext.interaction(link.tokenHash));
      await this.deps.webhooks.editOriginal(token, message);
    } catch (err) {
      this.deps.log.warn('could not update the /link-twitter reply', { discordUserId: link.discordUserId, error: describe(err) });
    }
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
