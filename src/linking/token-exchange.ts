// X's callback: the request token's browser is checked, the verifier
// exchanged for the member's access token, and the link completed in one
// conditional write that also queues the revocation of every token it makes
// unused. A token X issued that no link keeps (the database refused it, or
// the link was unlinked or superseded meanwhile) is revoked, never left valid.

import type { LinkedAccount } from '../db/schema.js';
import type { Publisher } from '../events/bus.js';
import type { Logger } from '../log/logger.js';
import type { TokenCipher } from '../secrets/token-cipher.js';
import { textFor } from '../text/catalog.js';
import type { AccessToken, TwitterOAuthClient } from '../twitter/oauth-client.js';
import type { Credentials } from '../twitter/oauth-signer.js';
import { isSameBrowser } from './browser-binding.js';
import type { LinkEvents } from './events.js';
import { linkOutcomeMessage } from './link-messages.js';
import { editLinkReply, type ReplyDeps, tellWithinPageWait, xFailure } from './link-replies.js';
import type { CallbackResult } from './link-results.js';
import type { RevocationQueue } from './revocations.js';
import { sealContext } from './sealed-credentials.js';
import type { Completion, LinkStore, RevocationRecord } from './stores.js';

export interface TokenExchangeDeps extends ReplyDeps {
  store: LinkStore;
  cipher: TokenCipher;
  oauth: TwitterOAuthClient;
  revocations: RevocationQueue;
  events: Publisher<LinkEvents>;
  /** Opens a linked account's access token (to revoke one a new link replaces). */
  open: (account: LinkedAccount) => Credentials;
  log: Logger;
}

export class TokenExchange {
  constructor(private readonly deps: TokenExchangeDeps) {}

  async complete(oauthToken: string, verifier: string, browserSecret: string | undefined): Promise<CallbackResult> {
    const { store, cipher, oauth, events, now, log } = this.deps;
    const link = await store.findAuthorizing(oauthToken, now());
    if (!link?.requestSecretSealed) return { ok: false, reason: 'invalid' };
    if (!isSameBrowser(link.browserHash, browserSecret)) {
      // A forwarded authorize URL: approving it must not link the approver's X account to the sender. The request
      // token is burnt, so a landing URL sent back to the sender cannot be completed in their browser either.
      const burnt = await store.burnAuthorizing(link.id);
      log.warn('callback from another browser refused; the sign-in is stopped', { discordUserId: link.discordUserId, burnt });
      if (burnt) {
        await tellWithinPageWait(this.deps, () =>
          editLinkReply(this.deps, link, linkOutcomeMessage(textFor(link.locale).linking.otherBrowser)),
        );
      }
      return { ok: false, reason: 'other-browser', locale: link.locale };
    }
    if (!(await store.beginExchange(link.id, now()))) return { ok: false, reason: 'invalid', locale: link.locale };

    let access: AccessToken;
    try {
      const secret = cipher.open(link.requestSecretSealed, sealContext.requestSecret(oauthToken));
      access = await oauth.accessToken({ key: oauthToken, secret }, verifier);
    } catch (err) {
      await store.abortExchange(link.id);
      return { ...xFailure(log, 'access token', err, link.discordUserId), locale: link.locale };
    }
    const userId = link.discordUserId;
    let completion: Completion | null;
    try {
      completion = await store.complete(
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
        (own, holder) => this.revocationsReplacedBy(own, holder, access),
      );
    } catch (err) {
      await this.revokeUnkept(access, userId, 'the database refused to store it');
      throw err;
    }
    if (!completion) {
      // Unlinked, or superseded by a newer /link-twitter, while X was answering: the token X just issued is kept
      // nowhere, so it must not stay valid at X.
      await this.revokeUnkept(access, userId, 'the link was unlinked or superseded during the exchange');
      return { ok: false, reason: 'invalid', locale: link.locale };
    }
    log.info('account linked', {
      discordUserId: userId,
      xUserId: access.userId,
      displacedDiscordUserId: completion.displaced?.discordUserId,
    });
    const { replaced, displaced } = completion;
    // The link is stored: the page says so once Discord is told, or after the page's wait if Discord is slow.
    await tellWithinPageWait(this.deps, async () => {
      if (replaced) await events.emit('xAccountDropped', { xUserId: replaced.xUserId });
      if (displaced) {
        // Name the new holder by their unique @username too: a display name can imitate anyone.
        const newOwner = textFor(null).pages.discordIdentity(link.discordUserName, link.discordUsername);
        await events.emit('displaced', { account: displaced, newOwnerName: newOwner });
      }
      await events.emit('linked', { discordUserId: userId });
      await editLinkReply(this.deps, link, linkOutcomeMessage(textFor(link.locale).linking.linked(access.screenName)));
    });
    // Replaced tokens are revoked now, in the background; the queue retries any that fail.
    this.deps.revocations.runDue().catch((err: unknown) => log.error('revocation after linking failed', { error: err }));
    return {
      ok: true,
      screenName: access.screenName,
      discordUserName: link.discordUserName,
      discordUsername: link.discordUsername,
      locale: link.locale,
    };
  }

  /**
   * Tokens that completing this link makes unused: the member's own earlier
   * link and that of a member who held this X account. X may hand out the
   * same token again for the same account, so an equal token is kept.
   */
  private revocationsReplacedBy(
    own: LinkedAccount | undefined,
    holder: LinkedAccount | undefined,
    access: Credentials,
  ): RevocationRecord[] {
    const { revocations, log } = this.deps;
    const records: RevocationRecord[] = [];
    for (const account of holder?.discordUserId === own?.discordUserId ? [own] : [own, holder]) {
      if (!account) continue;
      try {
        const old = this.deps.open(account);
        if (old.key !== access.key) records.push(revocations.record(account.xUserId, old));
      } catch (err) {
        log.warn('could not open a replaced token to revoke it', { discordUserId: account.discordUserId, error: err });
      }
    }
    return records;
  }

  /**
   * An access token X issued that no link keeps: queued for revocation (and
   * tried at once), logged without the token. If the same token is still
   * kept by a link (X hands an account the same token again), the queue
   * leaves it alone (see keepsToken in sealed-credentials.ts).
   */
  private async revokeUnkept(access: AccessToken, discordUserId: string, why: string): Promise<void> {
    const { revocations, store, log } = this.deps;
    const record = revocations.record(access.userId, access);
    try {
      await store.queueRevocation(record);
    } catch (err) {
      log.error('could not queue an unkept X token for revocation', { discordUserId, xUserId: access.userId, why, error: err });
      return;
    }
    log.warn('an X token the bot does not keep was queued for revocation', { discordUserId, xUserId: access.userId, why });
    revocations.attempt(record.sealId).catch((err: unknown) => log.error('revoking an unkept X token failed', { error: err }));
  }
}
