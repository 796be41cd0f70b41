// The clear queue: Linked Roles connections the bot has forgotten (an unlink,
// an X account linked by someone else) still show the member's X details at
// Discord until Discord is told to clear them. The forgotten connection's
// tokens enter the queue in the transaction that forgets it
// (storage/sqlite/forgotten-connection.ts), so neither a Discord outage nor a crash
// between the two steps leaves roles that outlive their X account; the clear
// is retried with backoff until Discord confirms it or refuses the tokens.

import type { PendingRoleClear } from '../db/schema.js';
import { type DiscordOAuthClient, DiscordOAuthError } from '../discord-api/oauth2.js';
import type { Logger } from '../log/logger.js';
import { type TokenCipher, TokenCipherError } from '../secrets/token-cipher.js';
import { clearedConnection } from './metadata.js';
import type { ConnectionStore } from './stores.js';

export interface RoleClearQueueDeps {
  store: ConnectionStore;
  cipher: TokenCipher;
  oauth: Pick<DiscordOAuthClient, 'putRoleConnection' | 'refresh'>;
  /**
   * Whether the member has linked and connected again since the clear was
   * queued: their new connection's writes say what is true now, and an old
   * clear landing after them would take away roles they hold again.
   */
  connectedAgain: (discordUserId: string) => Promise<boolean>;
  now: () => number;
  log: Logger;
}

const MINUTE = 60_000;
/** 1, 2, 4 … minutes between attempts, at most 6 hours (as X revocations). */
export const clearRetryDelayMs = (attempts: number) => Math.min(6 * 60 * MINUTE, MINUTE * 2 ** attempts);
const SWEEP_MS = MINUTE;
/** Access tokens this close to expiry are refreshed before use. */
const REFRESH_MARGIN_MS = 60_000;

// The same contexts as the connection the row was moved from (role-connection-service.ts).
const sealContext = {
  access: (discordUserId: string) => `discord-access-token:${discordUserId}`,
  refresh: (discordUserId: string) => `discord-refresh-token:${discordUserId}`,
};

/** Discord refused the tokens themselves: nothing can clear this connection any more. */
class TokensRefused extends Error {}

export class RoleClearQueue {
  constructor(private readonly deps: RoleClearQueueDeps) {}

  /** Tries one queued clear now; true once it is settled (cleared, superseded, or given up). */
  async attempt(id: number): Promise<boolean> {
    const { store, now, log } = this.deps;
    const row = await store.findClear(id);
    if (!row) return true;
    // Take the attempt by moving its next time on first: a concurrent sweep skips it.
    if (!(await store.takeClearAttempt(row.id, row.attempts, now() + clearRetryDelayMs(row.attempts)))) return false;
    const who = { discordUserId: row.discordUserId, attempts: row.attempts + 1 };
    if (await this.deps.connectedAgain(row.discordUserId)) {
      await store.removeClear(row.id);
      log.info('Linked Roles clear dropped: the member linked and connected again', who);
      return true;
    }
    try {
      await this.clear(row);
    } catch (err) {
      if (err instanceof TokensRefused) {
        await store.removeClear(row.id);
        log.warn('Discord refused the tokens of a forgotten Linked Roles connection; its clear is given up', { ...who, error: err.cause });
        return true;
      }
      if (err instanceof TokenCipherError) {
        // Sealed with a key the operator has since removed: no attempt can ever open it.
        await store.removeClear(row.id);
        log.error('a queued Linked Roles clear cannot be opened; it is given up', { ...who, error: err });
        return true;
      }
      log.warn('clearing Linked Roles at Discord failed; will retry', { ...who, retryInMs: clearRetryDelayMs(row.attempts), error: err });
      return false;
    }
    await store.removeClear(row.id);
    log.info('Linked Roles cleared at Discord', who);
    return true;
  }

  /** Tries the member's queued clears now (after an unlink); true when all are settled. */
  async runFor(discordUserId: string): Promise<boolean> {
    let settled = true;
    for (const id of await this.deps.store.clearsFor(discordUserId)) settled = (await this.attempt(id)) && settled;
    return settled;
  }

  /** Tries every clear that is due. `everything`: at start-up, when an attempt a crash cut off shows as later. */
  async runDue(everything = false): Promise<void> {
    const due = await this.deps.store.clearsDue(everything ? null : this.deps.now(), 50);
    for (const id of due) await this.attempt(id);
  }

  /** Runs every queued clear now, then due ones every minute; returns a function that stops it. */
  start(): () => void {
    let running: Promise<void> | null = null;
    const sweep = (everything = false) => {
      running ??= this.runDue(everything)
        .catch((err: unknown) => this.deps.log.error('Linked Roles clear sweep failed', { error: err }))
        .finally(() => (running = null));
    };
    sweep(true);
    const timer = setInterval(() => sweep(), SWEEP_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Writes "not linked"; a refused access token is refreshed once and the write tried again. */
  private async clear(row: PendingRoleClear): Promise<void> {
    const { cipher, oauth, now } = this.deps;
    let refreshed = false;
    let token: string;
    if (row.expiresAt - now() > REFRESH_MARGIN_MS) {
      token = cipher.open(row.accessTokenSealed, sealContext.access(row.discordUserId));
    } else {
      token = await this.refresh(row);
      refreshed = true;
    }
    try {
      await oauth.putRoleConnection(token, clearedConnection());
    } catch (err) {
      if (!(err instanceof DiscordOAuthError && err.kind === 'unauthorized')) throw err;
      if (refreshed) throw new TokensRefused('Discord refused a freshly refreshed token', { cause: err });
      await oauth.putRoleConnection(await this.refresh(row), clearedConnection());
    }
  }

  /** A new access token; Discord rotates the refresh token, so the row keeps the new pair for the next attempt. */
  private async refresh(row: PendingRoleClear): Promise<string> {
    const { cipher, oauth, store } = this.deps;
    let tokens: Awaited<ReturnType<DiscordOAuthClient['refresh']>>;
    try {
      tokens = await oauth.refresh(cipher.open(row.refreshTokenSealed, sealContext.refresh(row.discordUserId)));
    } catch (err) {
      // invalid_grant: the refresh token is spent, expired or revoked (the member removed the app). Anything else
      // (Discord down, our client credentials refused) may pass: tried again later.
      if (err instanceof DiscordOAuthError && err.kind === 'refused') throw new TokensRefused('refresh refused', { cause: err });
      throw err;
    }
    await store.updateClearTokens(row.id, {
      accessTokenSealed: cipher.seal(tokens.accessToken, sealContext.access(row.discordUserId)),
      refreshTokenSealed: cipher.seal(tokens.refreshToken, sealContext.refresh(row.discordUserId)),
      expiresAt: tokens.expiresAt,
    });
    return tokens.accessToken;
  }
}
