// The account-linking flow: /link-twitter hands out a one-time link; opening
// it shows whose Discord account the X account will be linked to, and only
// Continue starts X's three-legged OAuth; the callback stores the member's
// access token. The flow is bound to the browser that pressed Continue (a
// secret in a cookie, its hash with the pending link), so a forwarded link or
// authorize URL cannot complete in someone else's browser. X is always called
// before the database is touched, and each database step is a single
// conditional write, so a failure at X or a race between two tabs leaves the
// database as it was. The callback's exchange is token-exchange.ts, the
// browser binding browser-binding.ts, the answers link-results.ts.

import type { LinkedAccount } from '../db/schema.js';
import type { InteractionWebhooks } from '../discord-api/webhooks.js';
import type { Publisher } from '../events/bus.js';
import { INTERACTION_TOKEN_LIFETIME_MS } from '../interaction/contract.js';
import type { Logger } from '../log/logger.js';
import type { TokenCipher } from '../secrets/token-cipher.js';
import { textFor } from '../text/catalog.js';
import type { TwitterOAuthClient } from '../twitter/oauth-client.js';
import type { Credentials } from '../twitter/oauth-signer.js';
import { hashBrowserSecret, isSameBrowser, isWellFormedBrowserSecret } from './browser-binding.js';
import type { LinkEvents } from './events.js';
import { linkOutcomeMessage } from './link-messages.js';
import { editLinkReply, LinkingInFlight, tellWithinPageWait, xFailure } from './link-replies.js';
import type { CallbackResult, CancelResult, LinkPreview, LinkRequester, OpenResult, UnlinkResult, VerifiedMember } from './link-results.js';
import { createLinkToken, hashLinkToken, isWellFormedLinkToken } from './link-token.js';
import type { RevocationQueue } from './revocations.js';
import { openCredentials, sealContext } from './sealed-credentials.js';
import type { LinkStore, RevocationRecord } from './stores.js';
import { TokenExchange } from './token-exchange.js';

export interface LinkServiceDeps {
  store: LinkStore;
  cipher: TokenCipher;
  oauth: TwitterOAuthClient;
  revocations: RevocationQueue;
  webhooks: InteractionWebhooks;
  publicUrl: string;
  linkTtlSeconds: number;
  now: () => number;
  log: Logger;
  /** Where the rest of the bot hears of a link changing (linked roles, Linked Roles, cached posts). */
  events: Publisher<LinkEvents>;
  /** See ReplyDeps.pageWaitMs. */
  pageWaitMs?: number;
}

/** The longest shutting down waits for what linking pages left to tell Discord. */
const SHUTDOWN_WAIT_MS = 5000;

export class LinkService {
  /** The callback's token exchange: the X token checked, stored and the replaced ones revoked (token-exchange.ts). */
  private readonly exchange: TokenExchange;
  /** Pages being answered, and what they left to tell Discord in the background (see tellWithinPageWait). */
  private readonly inFlight = new LinkingInFlight();
  /** What the pages tell Discord with: the deps, and where shutting down looks for what is still being told. */
  private readonly replies: LinkServiceDeps & { inFlight: LinkingInFlight };

  constructor(private readonly deps: LinkServiceDeps) {
    this.replies = { ...deps, inFlight: this.inFlight };
    this.exchange = new TokenExchange({ ...this.replies, open: (account) => this.open(account) });
  }

  /**
   * Shutting down: waits (at most `maxMs`) for the callback and cancel pages
   * being answered and what they left to tell Discord, so they end before
   * the database closes; what is still under way after that is logged, as lost.
   */
  async settle(maxMs = SHUTDOWN_WAIT_MS): Promise<void> {
    const lost = await this.inFlight.settle(maxMs);
    if (lost > 0) this.deps.log.warn('shutting down before Discord was told how some links went', { untold: lost });
  }

  get callbackUrl(): string {
    return `${this.deps.publicUrl}/twitter/callback`;
  }

  async startLink(requester: LinkRequester): Promise<{ url: string; expiresAt: number; existing: LinkedAccount | undefined }> {
    const { store, cipher, now, linkTtlSeconds, publicUrl } = this.deps;
    const { token, hash } = createLinkToken();
    const createdAt = now();
    const expiresAt = createdAt + linkTtlSeconds * 1000;
    await store.createPending({
      tokenHash: hash,
      discordUserId: requester.discordUserId,
      discordUserName: requester.discordUserName,
      discordUsername: requester.discordUsername,
      guildId: requester.guildId,
      locale: requester.locale,
      interactionTokenSealed: cipher.seal(requester.interactionToken, sealContext.interaction(hash)),
      createdAt,
      interactionExpiresAt: createdAt + INTERACTION_TOKEN_LIFETIME_MS,
      expiresAt,
    });
    this.deps.log.info('link created', { discordUserId: requester.discordUserId, guildId: requester.guildId });
    return { url: `${publicUrl}/link/${token}`, expiresAt, existing: await store.getAccount(requester.discordUserId) };
  }

  /**
   * Starts X's OAuth for a member Discord's own sign-in has just proven
   * (Linked Roles), in the browser that signed in: the same pending link as
   * /link-twitter makes, with no interaction reply to edit afterwards.
   */
  async startVerifiedLink(member: VerifiedMember, browserSecret: string): Promise<OpenResult> {
    const { store, cipher, now, linkTtlSeconds } = this.deps;
    const { token, hash } = createLinkToken();
    const createdAt = now();
    await store.createPending({
      tokenHash: hash,
      discordUserId: member.discordUserId,
      discordUserName: member.discordUserName,
      discordUsername: member.discordUsername,
      guildId: null,
      locale: member.locale,
      interactionTokenSealed: cipher.seal('', sealContext.interaction(hash)),
      createdAt,
      // Already past: there is no /link-twitter reply to update.
      interactionExpiresAt: createdAt,
      expiresAt: createdAt + linkTtlSeconds * 1000,
    });
    this.deps.log.info('link created from a Discord sign-in', { discordUserId: member.discordUserId });
    return this.openLink(token, browserSecret);
  }

  /** Who an unused link would link to; no X request, so link previews and scanners consume nothing. */
  async preview(token: string): Promise<LinkPreview | undefined> {
    if (!isWellFormedLinkToken(token)) return undefined;
    const link = await this.deps.store.findOpenable(hashLinkToken(token), this.deps.now());
    return (
      link && {
        discordUserName: link.discordUserName,
        discordUsername: link.discordUsername,
        locale: link.locale,
        expiresAt: link.expiresAt,
      }
    );
  }

  /** Continue was pressed in the browser holding `browserSecret`: start X's OAuth, bound to that browser. */
  async openLink(token: string, browserSecret: string): Promise<OpenResult> {
    const { store, cipher, oauth, now, linkTtlSeconds, log } = this.deps;
    if (!isWellFormedLinkToken(token) || !isWellFormedBrowserSecret(browserSecret)) return { ok: false, reason: 'invalid' };
    const link = await store.findOpenable(hashLinkToken(token), now());
    if (!link) return { ok: false, reason: 'invalid' };

    let requestToken: Credentials;
    try {
      requestToken = await oauth.requestToken(this.callbackUrl);
    } catch (err) {
      return { ...xFailure(log, 'request token', err, link.discordUserId), locale: link.locale };
    }
    // The member gets a fresh window for the X consent screen.
    const claimed = await store.claimForAuthorization(
      link.id,
      {
        requestToken: requestToken.key,
        requestSecretSealed: cipher.seal(requestToken.secret, sealContext.requestSecret(requestToken.key)),
        browserHash: hashBrowserSecret(browserSecret),
      },
      now(),
      now() + linkTtlSeconds * 1000,
    );
    if (!claimed) {
      log.warn('link opened twice', { discordUserId: link.discordUserId });
      return { ok: false, reason: 'invalid', locale: link.locale };
    }
    log.info('link opened', { discordUserId: link.discordUserId });
    return { ok: true, redirectUrl: oauth.authorizeUrl(requestToken.key) };
  }

  /** X sent the member back with a verifier: completes the link (see TokenExchange.complete). */
  completeCallback(oauthToken: string, verifier: string, browserSecret: string | undefined): Promise<CallbackResult> {
    return this.inFlight.during(this.exchange.complete(oauthToken, verifier, browserSecret));
  }

  /** The member pressed Cancel at X. Only the browser that started the flow may cancel it. */
  cancel(deniedToken: string, browserSecret: string | undefined): Promise<CancelResult> {
    return this.inFlight.during(this.cancelNow(deniedToken, browserSecret));
  }

  private async cancelNow(deniedToken: string, browserSecret: string | undefined): Promise<CancelResult> {
    const link = await this.deps.store.findAuthorizing(deniedToken, this.deps.now());
    if (!link) return { outcome: 'invalid', locale: null };
    const locale = link.locale;
    if (!isSameBrowser(link.browserHash, browserSecret)) return { outcome: 'other-browser', locale };
    if (!(await this.deps.store.discard(link.id))) return { outcome: 'invalid', locale };
    this.deps.log.info('link cancelled at X', { discordUserId: link.discordUserId });
    await tellWithinPageWait(this.replies, () =>
      editLinkReply(this.deps, link, linkOutcomeMessage(textFor(link.locale).linking.cancelled)),
    );
    return { outcome: 'cancelled', locale };
  }

  /**
   * At start-up: links whose token exchange a crash cut off. X may have
   * issued a token the bot never stored; the member is told to link again
   * (X hands the same account the same token, which the bot then keeps and
   * can revoke).
   */
  async recoverInterrupted(atStart = true): Promise<number> {
    const links = await this.deps.store.takeInterruptedExchanges(this.deps.now(), atStart);
    for (const link of links) {
      this.deps.log.warn('linking was interrupted during the token exchange', { discordUserId: link.discordUserId });
      await editLinkReply(this.deps, link, linkOutcomeMessage(textFor(link.locale).linking.interrupted));
    }
    return links.length;
  }

  /**
   * Deletes everything stored about the member and revokes the token at X.
   * The revocation is queued in the same transaction as the deletion and
   * retried until X confirms; `revoked` says whether it is done already.
   */
  async unlink(discordUserId: string): Promise<UnlinkResult> {
    const { store, revocations, log, now } = this.deps;
    const account = await store.getAccount(discordUserId);
    if (!account) {
      // No X account, but a Linked Roles connection may still show one (a displaced member's, or one connected
      // before linking): it is forgotten and its clear queued all the same.
      const rolesForgotten = await store.forgetUnlinkedMember(discordUserId, now());
      if (rolesForgotten) {
        await this.deps.events.emit('connectionForgotten', { discordUserId });
        log.info('Linked Roles connection forgotten; no X account was linked', { discordUserId });
      }
      return { unlinked: false, rolesForgotten };
    }
    let revocation: RevocationRecord | null = null;
    try {
      revocation = revocations.record(account.xUserId, this.open(account));
    } catch (err) {
      log.error('could not open the token to revoke it', { discordUserId, error: err });
    }
    // Deleted only if it is still the link read above (a relink meanwhile is another link, with another token).
    const removed = await store.forgetMember(account, revocation, now());
    if (!removed) return { unlinked: false, rolesForgotten: false };
    await this.deps.events.emitAll('unlinked', { account: removed });
    const revoked = revocation ? await revocations.attempt(revocation.sealId) : false;
    log.info('account unlinked', { discordUserId, revoked });
    return { unlinked: true, screenName: removed.xScreenName, revoked };
  }

  account(discordUserId: string): Promise<LinkedAccount | undefined> {
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
      // In the background: the token is in hand, and a failed re-seal is tried again on the next use.
      this.deps.store
        .reseal(account, sealed, this.deps.now())
        .then(() => this.deps.log.info('credentials re-sealed with the current key', { discordUserId: userId }))
        .catch((err: unknown) => this.deps.log.warn('could not re-seal credentials', { discordUserId: userId, error: err }));
    }
    return credentials;
  }

  private open(account: LinkedAccount): Credentials {
    return openCredentials(this.deps.cipher, account);
  }

  async markBroken(discordUserId: string): Promise<void> {
    await this.deps.store.markBroken(discordUserId, this.deps.now());
    this.deps.log.warn('linked account marked broken', { discordUserId });
    await this.deps.events.emit('linkBroken', { discordUserId });
  }
}
