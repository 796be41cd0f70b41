// The account-linking flow: /link-twitter hands out a one-time link; opening
// it shows whose Discord account the X account will be linked to, and only
// Continue starts X's three-legged OAuth; the callback stores the member's
// access token. The flow is bound to the browser that pressed Continue (a
// secret in a cookie, its hash with the pending link), so a forwarded link or
// authorize URL cannot complete in someone else's browser. X is always called
// before the database is touched, and each database step is a single
// conditional write, so a failure at X or a race between two tabs leaves the
// database as it was.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { LinkedAccount } from '../db/schema.js';
import type { InteractionWebhooks } from '../discord-api/webhooks.js';
import type { Publisher } from '../events/bus.js';
import { INTERACTION_TOKEN_LIFETIME_MS } from '../interaction/contract.js';
import type { Logger } from '../log/logger.js';
import type { TokenCipher } from '../secrets/token-cipher.js';
import { textFor } from '../text/catalog.js';
import { XApiError } from '../twitter/errors.js';
import type { AccessToken, TwitterOAuthClient } from '../twitter/oauth-client.js';
import type { Credentials } from '../twitter/oauth-signer.js';
import type { LinkEvents } from './events.js';
import { linkOutcomeMessage } from './link-messages.js';
import { createLinkToken, hashLinkToken, isWellFormedLinkToken } from './link-token.js';
import type { RevocationQueue } from './revocations.js';
import { openCredentials, sealContext } from './sealed-credentials.js';
import type { Completion, LinkStore, RevocationRecord } from './stores.js';

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
}

export interface LinkRequester {
  discordUserId: string;
  discordUserName: string;
  /** The unique @username, shown beside the display name anyone can imitate. */
  discordUsername: string;
  guildId: string | null;
  /** The member's Discord locale, for the pages and messages that follow. */
  locale: string | null;
  interactionToken: string;
}

/** A Discord member proven by Discord's OAuth2 sign-in. */
export interface VerifiedMember {
  discordUserId: string;
  discordUserName: string;
  discordUsername: string;
  locale: string | null;
}

/** Who a link will link to, for the confirmation page. */
export interface LinkPreview {
  discordUserName: string;
  discordUsername: string;
  locale: string | null;
  expiresAt: number;
}

/** A failure that found the member's link carries their locale, so its page is in their language. */
type Failure<R> = R & { ok: false; locale?: string | null };

export type OpenResult =
  | { ok: true; redirectUrl: string }
  | Failure<{ reason: 'invalid' }>
  | Failure<{ reason: 'x-error'; error: XApiError }>;

export type CallbackResult =
  | { ok: true; screenName: string; discordUserName: string; discordUsername: string; locale: string | null }
  | Failure<{ reason: 'invalid' }>
  | Failure<{ reason: 'other-browser' }>
  | Failure<{ reason: 'x-error'; error: XApiError }>;

export type UnlinkResult =
  | { unlinked: true; screenName: string; revoked: boolean }
  /** No X account was linked (or it changed meanwhile); `rolesForgotten`: a Linked Roles connection was forgotten. */
  | { unlinked: false; rolesForgotten: boolean };

export type CancelOutcome = 'cancelled' | 'invalid' | 'other-browser';
/** What Cancel at X did, and the member's locale when their link was found. */
export interface CancelResult {
  outcome: CancelOutcome;
  locale: string | null;
}

/** The browser secret is 256 random bits in base64url, like a link token. */
export const isWellFormedBrowserSecret = isWellFormedLinkToken;

export function hashBrowserSecret(secret: string): string {
  return createHash('sha256').update(`browser:${secret}`, 'utf8').digest('hex');
}

/** Whether `secret` is the secret of the browser whose hash was stored, compared in constant time. */
export function isSameBrowser(browserHash: string | null | undefined, secret: string | undefined): boolean {
  if (!browserHash || !secret || !isWellFormedBrowserSecret(secret)) return false;
  return timingSafeEqual(Buffer.from(browserHash, 'hex'), Buffer.from(hashBrowserSecret(secret), 'hex'));
}

export class LinkService {
  constructor(private readonly deps: LinkServiceDeps) {}

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
      return { ...this.xFailure('request token', err, link.discordUserId), locale: link.locale };
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

  async completeCallback(oauthToken: string, verifier: string, browserSecret: string | undefined): Promise<CallbackResult> {
    const { store, cipher, oauth, events, now, log } = this.deps;
    const link = await store.findAuthorizing(oauthToken, now());
    if (!link?.requestSecretSealed) return { ok: false, reason: 'invalid' };
    if (!isSameBrowser(link.browserHash, browserSecret)) {
      // A forwarded authorize URL: approving it must not link the approver's X account to the sender. The request
      // token is burnt, so a landing URL sent back to the sender cannot be completed in their browser either.
      const burnt = await store.burnAuthorizing(link.id);
      log.warn('callback from another browser refused; the sign-in is stopped', { discordUserId: link.discordUserId, burnt });
      if (burnt) await this.editLinkReply(link, linkOutcomeMessage(textFor(link.locale).linking.otherBrowser));
      return { ok: false, reason: 'other-browser', locale: link.locale };
    }
    if (!(await store.beginExchange(link.id, now()))) return { ok: false, reason: 'invalid', locale: link.locale };

    let access: AccessToken;
    try {
      const secret = cipher.open(link.requestSecretSealed, sealContext.requestSecret(oauthToken));
      access = await oauth.accessToken({ key: oauthToken, secret }, verifier);
    } catch (err) {
      await store.abortExchange(link.id);
      return { ...this.xFailure('access token', err, link.discordUserId), locale: link.locale };
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
    if (completion.replaced) await events.emit('xAccountDropped', { xUserId: completion.replaced.xUserId });
    if (completion.displaced) {
      // Name the new holder by their unique @username too: a display name can imitate anyone.
      const newOwner = textFor(null).pages.discordIdentity(link.discordUserName, link.discordUsername);
      await events.emit('displaced', { account: completion.displaced, newOwnerName: newOwner });
    }
    await events.emit('linked', { discordUserId: userId });
    await this.editLinkReply(link, linkOutcomeMessage(textFor(link.locale).linking.linked(access.screenName)));
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
        const old = this.open(account);
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

  /** Whether a linked account holds this access token now (the revocation queue must then leave it alone). */
  /** The member pressed Cancel at X. Only the browser that started the flow may cancel it. */
  async cancel(deniedToken: string, browserSecret: string | undefined): Promise<CancelResult> {
    const link = await this.deps.store.findAuthorizing(deniedToken, this.deps.now());
    if (!link) return { outcome: 'invalid', locale: null };
    const locale = link.locale;
    if (!isSameBrowser(link.browserHash, browserSecret)) return { outcome: 'other-browser', locale };
    if (!(await this.deps.store.discard(link.id))) return { outcome: 'invalid', locale };
    this.deps.log.info('link cancelled at X', { discordUserId: link.discordUserId });
    await this.editLinkReply(link, linkOutcomeMessage(textFor(link.locale).linking.cancelled));
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
      await this.editLinkReply(link, linkOutcomeMessage(textFor(link.locale).linking.interrupted));
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
        .reseal(userId, sealed, this.deps.now())
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

  private xFailure(step: string, err: unknown, discordUserId: string): { ok: false; reason: 'x-error'; error: XApiError } {
    const error = err instanceof XApiError ? err : new XApiError('bad-response', 'unexpected failure');
    this.deps.log.warn(`X ${step} failed`, {
      discordUserId,
      kind: error.kind,
      status: error.status,
      code: error.code,
      error: err,
    });
    return { ok: false, reason: 'x-error', error };
  }

  private async editLinkReply(
    link: { tokenHash: string; interactionTokenSealed: string; interactionExpiresAt: number; discordUserId: string },
    message: Parameters<InteractionWebhooks['editOriginal']>[1],
  ): Promise<void> {
    if (this.deps.now() >= link.interactionExpiresAt) return;
    try {
      const token = this.deps.cipher.open(link.interactionTokenSealed, sealContext.interaction(link.tokenHash));
      await this.deps.webhooks.editOriginal(token, message);
    } catch (err) {
      this.deps.log.warn('could not update the /link-twitter reply', { discordUserId: link.discordUserId, error: err });
    }
  }
}
