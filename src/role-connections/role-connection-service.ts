// Discord Linked Roles. The server's role menu sends a member to
// PUBLIC_URL/linked-role, which starts Discord's OAuth2 (a state signed by the
// bot, bound to this browser, single use; see signed-state.ts); the callback proves who the member is on Discord,
// stores their Discord tokens sealed, and either pushes their X metadata at
// once or, when no X account is linked yet, continues into X's OAuth for that
// verified member. Metadata follows the link: pushed on link and on every
// report, cleared on unlink (durably, see role-clears.ts) and when X stops
// accepting the link.

import { createHash } from 'node:crypto';
import type { LinkedAccount } from '../db/schema.js';
import { type DiscordOAuthClient, DiscordOAuthError, type DiscordTokens, type RoleConnection } from '../discord-api/oauth2.js';
import { hashBrowserSecret, isWellFormedBrowserSecret } from '../linking/browser-binding.js';
import type { OpenResult } from '../linking/link-results.js';
import type { LinkService } from '../linking/link-service.js';
import type { Logger } from '../log/logger.js';
import type { TokenCipher } from '../secrets/token-cipher.js';
import { XApiError } from '../twitter/errors.js';
import type { XUserProfile } from '../twitter/v2-types.js';
import { clearedConnection, roleConnectionFor } from './metadata.js';
import { RoleClearQueue } from './role-clears.js';
import { deriveStateKey, StateSigner } from './signed-state.js';
import type { ConnectionStore } from './stores.js';

/** The connection was forgotten (an unlink) while its tokens were refreshed: nothing more is written for it. */
class ConnectionForgotten extends Error {}

export interface RoleConnectionDeps {
  store: ConnectionStore;
  oauth: DiscordOAuthClient;
  cipher: TokenCipher;
  links: LinkService;
  /** The member's X profile: stored today's, or read from X (and stored). */
  profileOf: (account: LinkedAccount) => Promise<XUserProfile>;
  stateTtlSeconds: number;
  /** TOKEN_ENCRYPTION_KEY: the key that signs states is derived from it. */
  encryptionKey: Buffer;
  now: () => number;
  log: Logger;
}

export type ConnectResult =
  | { ok: true; screenName: string; discordUserName: string; discordUsername: string; locale: string | null }
  | { ok: false; reason: 'invalid' | 'other-browser' | 'cancelled' }
  /** `locale`: the member's, once Discord said who signed in, so the page is in their language. */
  | { ok: false; reason: 'discord-error'; error: DiscordOAuthError; locale?: string | null }
  | { ok: false; reason: 'x-error'; error: XApiError; locale?: string | null }
  /** Not linked to X yet: the member continues into X's OAuth. */
  | { ok: 'link-x'; redirectUrl: string };

/** Access tokens this close to expiry are refreshed before use. */
const REFRESH_MARGIN_MS = 60_000;
/**
 * Metadata Discord already holds is not written again within this long: a
 * report reads the profile anyway, but most days nothing a role depends on
 * changed. Once a day it is written regardless, so Discord never keeps a stale
 * view for long if it lost ours.
 */
const UNCHANGED_REWRITE_MS = 24 * 3_600_000;
/** Members whose last write is remembered; past this the oldest are forgotten (and simply written again). */
const REMEMBERED_WRITES = 10_000;

const hashState = (state: string) => createHash('sha256').update(`role-state:${state}`, 'utf8').digest('hex');
const sealContext = {
  access: (discordUserId: string) => `discord-access-token:${discordUserId}`,
  refresh: (discordUserId: string) => `discord-refresh-token:${discordUserId}`,
};

export class RoleConnectionService {
  /** One refresh per member at a time: Discord rotates refresh tokens, so a second would be refused. */
  private readonly refreshing = new Map<string, Promise<string>>();
  private readonly turns = new Map<string, Promise<void>>();
  /** What was last written for each member, and when. In memory: after a restart each member is written once more. */
  private readonly written = new Map<string, { connection: string; at: number }>();

  private readonly states: StateSigner;
  /** Clears of forgotten connections (unlink, X account taken over), retried until Discord settles them. */
  readonly clears: RoleClearQueue;

  constructor(private readonly deps: RoleConnectionDeps) {
    this.states = new StateSigner(deriveStateKey(deps.encryptionKey));
    this.clears = new RoleClearQueue({
      store: deps.store,
      cipher: deps.cipher,
      oauth: deps.oauth,
      connectedAgain: async (discordUserId) =>
        (await deps.store.get(discordUserId))?.status === 'active' && (await deps.links.account(discordUserId))?.status === 'active',
      now: deps.now,
      log: deps.log,
    });
  }

  /** Where /linked-role sends the browser: Discord's consent page with a fresh state bound to it. Stores nothing. */
  begin(browserSecret: string): string {
    const { now, stateTtlSeconds, oauth } = this.deps;
    return oauth.authorizeUrl(this.states.issue(hashBrowserSecret(browserSecret), now() + stateTtlSeconds * 1000));
  }

  /** Discord sent the browser back with `code` (or `error`) and the state. */
  async complete(query: { code?: string; state?: string; error?: string }, browserSecret: string | undefined): Promise<ConnectResult> {
    const { store, now, log } = this.deps;
    const browserHash = browserSecret && isWellFormedBrowserSecret(browserSecret) ? hashBrowserSecret(browserSecret) : undefined;
    const state = this.states.check(query.state, browserHash, now());
    if (!state.ok && state.reason === 'other-browser') {
      // A forwarded callback: finishing it would connect the sender's roles to the visitor's Discord account.
      log.warn('Linked Roles callback from another browser refused');
      return { ok: false, reason: 'other-browser' };
    }
    if (!state.ok || !browserSecret || !browserHash) return { ok: false, reason: 'invalid' };
    // Recorded only now, and only for a state this bot signed for this browser: a replay finds it taken.
    if (!(await store.useState({ stateHash: hashState(state.nonce), browserHash, expiresAt: state.expiresAt }, now()))) {
      log.warn('Linked Roles callback with a used state refused');
      return { ok: false, reason: 'invalid' };
    }
    if (query.error !== undefined) return { ok: false, reason: 'cancelled' };
    if (!query.code || !/^[\x21-\x7e]{1,200}$/.test(query.code)) return { ok: false, reason: 'invalid' };

    let tokens: DiscordTokens;
    let user: Awaited<ReturnType<DiscordOAuthClient['user']>>;
    try {
      tokens = await this.deps.oauth.exchangeCode(query.code);
      user = await this.deps.oauth.user(tokens.accessToken);
    } catch (err) {
      return this.discordFailure('sign-in', err);
    }
    await this.saveTokens(user.id, tokens);
    // A new connection: Discord holds nothing of ours for it yet, whatever was written before.
    this.written.delete(user.id);
    const who = { discordUserName: user.globalName ?? user.username, discordUsername: user.username, locale: user.locale };
    const account = await this.deps.links.account(user.id);
    if (account?.status !== 'active') {
      const started: OpenResult = await this.deps.links.startVerifiedLink({ discordUserId: user.id, ...who }, browserSecret);
      if (started.ok) return { ok: 'link-x', redirectUrl: started.redirectUrl };
      return started.reason === 'x-error'
        ? { ok: false, reason: 'x-error', error: started.error, locale: user.locale }
        : { ok: false, reason: 'invalid' };
    }
    try {
      const connection = roleConnectionFor(account.xScreenName, await this.deps.profileOf(account));
      await this.put(user.id, connection);
      this.remember(user.id, JSON.stringify(connection));
    } catch (err) {
      if (err instanceof DiscordOAuthError) return { ...this.discordFailure('push', err), locale: user.locale };
      if (err instanceof XApiError) return { ok: false, reason: 'x-error', error: err, locale: user.locale };
      log.error('Linked Roles connection failed', { discordUserId: user.id, error: err });
      return { ok: false, reason: 'x-error', error: new XApiError('bad-response', 'unexpected failure'), locale: user.locale };
    }
    log.info('Linked Roles connected', { discordUserId: user.id });
    return { ok: true, screenName: account.xScreenName, ...who };
  }

  /**
   * After a link, or when a report has read the profile anyway: push what X
   * says now, if that link still stands when its turn comes. Never throws.
   */
  push(account: LinkedAccount, profile?: XUserProfile): Promise<void> {
    return this.inTurn(account.discordUserId, async () => {
      if ((await this.deps.store.get(account.discordUserId))?.status !== 'active') return;
      const current = await this.deps.links.account(account.discordUserId);
      // Unlinked or relinked meanwhile: what was read for the old link must not reach Discord.
      if (current?.status !== 'active' || current.xUserId !== account.xUserId) return;
      try {
        const connection = roleConnectionFor(account.xScreenName, profile ?? (await this.deps.profileOf(current)));
        const json = JSON.stringify(connection);
        const last = this.written.get(account.discordUserId);
        if (last?.connection === json && this.deps.now() - last.at < UNCHANGED_REWRITE_MS) return;
        const token = await this.put(account.discordUserId, connection);
        this.remember(account.discordUserId, json);
        await this.clearAgainIfForgotten(account.discordUserId, token);
      } catch (err) {
        if (err instanceof ConnectionForgotten) {
          this.deps.log.info('Linked Roles not updated: the connection was forgotten meanwhile', { discordUserId: account.discordUserId });
          return;
        }
        this.deps.log.warn('could not update Linked Roles', { discordUserId: account.discordUserId, error: err });
      }
    });
  }

  /** After a link: pushes the member's new account, read now. Never throws for Discord's or X's refusal (see push). */
  async pushLinked(discordUserId: string): Promise<void> {
    const account = await this.deps.links.account(discordUserId);
    if (account) await this.push(account);
  }

  /** X stopped accepting the link: requirements fail until the member links again. Never throws. */
  clear(discordUserId: string): Promise<void> {
    return this.inTurn(discordUserId, () => this.clearNow(discordUserId));
  }

  /**
   * The member's connection was forgotten (unlink, X account taken over) and
   * its clear queued in the same transaction: try it now, after any write
   * still on its way. True when Discord settled it at once.
   */
  forget(discordUserId: string): Promise<boolean> {
    let settled = false;
    return this.inTurn(discordUserId, async () => {
      this.written.delete(discordUserId);
      settled = await this.clears.runFor(discordUserId);
    }).then(() => settled);
  }

  private remember(discordUserId: string, connection: string): void {
    this.written.delete(discordUserId);
    this.written.set(discordUserId, { connection, at: this.deps.now() });
    if (this.written.size > REMEMBERED_WRITES) {
      const oldest = this.written.keys().next().value;
      if (oldest !== undefined) this.written.delete(oldest);
    }
  }

  private async clearNow(discordUserId: string): Promise<void> {
    this.written.delete(discordUserId);
    if ((await this.deps.store.get(discordUserId))?.status !== 'active') return;
    try {
      await this.put(discordUserId, clearedConnection());
    } catch (err) {
      this.deps.log.warn('could not clear Linked Roles', { discordUserId, error: err });
    }
  }

  /**
   * One member's writes to Discord run one after another, in the order asked:
   * a push still on its way cannot land after the clear of an unlink.
   */
  private inTurn(discordUserId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.turns.get(discordUserId) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.turns.set(discordUserId, next);
    // The caller hears of a failure through `next`; this bookkeeping must not make it an unhandled rejection too.
    next
      .finally(() => {
        if (this.turns.get(discordUserId) === next) this.turns.delete(discordUserId);
      })
      .catch(() => undefined);
    return next;
  }

  /** Discord refused to refresh the member's tokens: they must connect again from the role menu. */
  async needsReconnect(discordUserId: string): Promise<boolean> {
    return (await this.deps.store.get(discordUserId))?.status === 'reconnect';
  }

  /**
   * Another replica may forget the connection (an unlink) while this push is
   * on its way, and its clear land first: this replica's turns order only its
   * own writes. A push that finds the connection gone once it landed clears
   * again with the token it used, so the unlink's clear is what Discord keeps.
   */
  private async clearAgainIfForgotten(discordUserId: string, token: string): Promise<void> {
    if ((await this.deps.store.get(discordUserId)) !== undefined) return;
    this.written.delete(discordUserId);
    try {
      await this.deps.oauth.putRoleConnection(token, clearedConnection());
      this.deps.log.info('Linked Roles cleared again: the connection was forgotten while a write was on its way', { discordUserId });
    } catch (err) {
      this.deps.log.warn('could not clear Linked Roles again after the connection was forgotten', { discordUserId, error: err });
    }
  }

  /** Writes the connection; a refused access token is refreshed once and the write tried again. Resolves with the token that wrote it. */
  private async put(discordUserId: string, connection: RoleConnection): Promise<string> {
    const token = await this.accessToken(discordUserId, false);
    try {
      await this.deps.oauth.putRoleConnection(token, connection);
      return token;
    } catch (err) {
      if (!(err instanceof DiscordOAuthError) || err.kind !== 'unauthorized') throw err;
      const fresh = await this.accessToken(discordUserId, true);
      await this.deps.oauth.putRoleConnection(fresh, connection);
      return fresh;
    }
  }

  private async accessToken(discordUserId: string, forceRefresh: boolean): Promise<string> {
    const { store, cipher, now } = this.deps;
    const connection = await store.get(discordUserId);
    if (connection?.status !== 'active') throw new DiscordOAuthError('refused', 'no active Linked Roles connection');
    if (!forceRefresh && connection.expiresAt - now() > REFRESH_MARGIN_MS) {
      return cipher.open(connection.accessTokenSealed, sealContext.access(discordUserId));
    }
    const running = this.refreshing.get(discordUserId);
    if (running) return running;
    const refresh = (async () => {
      try {
        const tokens = await this.deps.oauth.refresh(cipher.open(connection.refreshTokenSealed, sealContext.refresh(discordUserId)));
        // Discord has now spent the old refresh token: the new pair goes where it is, maybe into an unlink's clear.
        const kept = await store.saveRefreshed(discordUserId, connection.refreshTokenSealed, {
          accessTokenSealed: cipher.seal(tokens.accessToken, sealContext.access(discordUserId)),
          refreshTokenSealed: cipher.seal(tokens.refreshToken, sealContext.refresh(discordUserId)),
          keyId: cipher.currentKeyId,
          expiresAt: tokens.expiresAt,
          updatedAt: now(),
        });
        if (kept !== 'connection') throw new ConnectionForgotten();
        return tokens.accessToken;
      } catch (err) {
        if (err instanceof ConnectionForgotten) throw err;
        // Discord rotates refresh tokens: another replica may have refreshed first, leaving ours spent. Theirs is stored.
        const current = await store.get(discordUserId);
        if (current?.status === 'active' && current.refreshTokenSealed !== connection.refreshTokenSealed) {
          return cipher.open(current.accessTokenSealed, sealContext.access(discordUserId));
        }
        if (err instanceof DiscordOAuthError && (err.kind === 'refused' || err.kind === 'unauthorized')) {
          await store.markReconnect(discordUserId, now());
          this.deps.log.warn('Discord refused to refresh a Linked Roles connection; the member must connect again', { discordUserId });
        }
        throw err;
      } finally {
        this.refreshing.delete(discordUserId);
      }
    })();
    this.refreshing.set(discordUserId, refresh);
    return refresh;
  }

  private saveTokens(discordUserId: string, tokens: DiscordTokens): Promise<void> {
    const { cipher, now } = this.deps;
    return this.deps.store.save({
      discordUserId,
      accessTokenSealed: cipher.seal(tokens.accessToken, sealContext.access(discordUserId)),
      refreshTokenSealed: cipher.seal(tokens.refreshToken, sealContext.refresh(discordUserId)),
      keyId: cipher.currentKeyId,
      expiresAt: tokens.expiresAt,
      updatedAt: now(),
    });
  }

  private discordFailure(step: string, err: unknown): Extract<ConnectResult, { reason: 'discord-error' }> {
    const error = err instanceof DiscordOAuthError ? err : new DiscordOAuthError('bad-response', 'unexpected failure');
    this.deps.log.warn(`Discord ${step} failed`, { kind: error.kind, status: error.status, error: err });
    return { ok: false, reason: 'discord-error', error };
  }
}
