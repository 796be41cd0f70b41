// What Linked Roles keeps: the OAuth2 states that came back from Discord
// (recorded only then, to refuse a second use), each member's sealed Discord
// tokens, and the queue of metadata clears for connections the bot has
// forgotten (see role-clears.ts). Each engine (storage/sqlite,
// storage/postgres) implements it.

import type { DiscordConnection, PendingRoleClear } from '../db/schema.js';

/**
 * The clear-queue row of a forgotten connection (either engine's): its sealed
 * tokens, due at once. A forgotten connection moves into the clear queue in
 * the transaction that forgets it (an unlink, an X account taken over), so
 * Discord is told to clear the member's metadata whatever happens next.
 */
export function queuedClear(
  connection: { discordUserId: string; accessTokenSealed: string; refreshTokenSealed: string; expiresAt: number },
  now: number,
) {
  const { discordUserId, accessTokenSealed, refreshTokenSealed, expiresAt } = connection;
  return { discordUserId, accessTokenSealed, refreshTokenSealed, expiresAt, createdAt: now, attempts: 0, nextAttemptAt: now };
}

export type NewConnection = Omit<DiscordConnection, 'status'>;

/** A queued clear's tokens after a refresh at Discord. */
export type ClearTokens = Pick<PendingRoleClear, 'accessTokenSealed' | 'refreshTokenSealed' | 'expiresAt'>;

/** Where tokens refreshed from a refresh token Discord has now spent were kept. */
export type RefreshedInto = 'connection' | 'clear' | 'nowhere';

export interface ConnectionStore {
  /**
   * Records a state Discord sent back, purging expired ones; false if it was
   * recorded already (a replay, or two callbacks racing with it). Only
   * callbacks carrying a state the bot signed for this browser get here, so a
   * visitor can add no more than they could use themselves.
   */
  useState(state: { stateHash: string; browserHash: string; expiresAt: number }, now: number): Promise<boolean>;
  get(discordUserId: string): Promise<DiscordConnection | undefined>;
  /** Stores (or replaces) a member's tokens; the connection is active again. */
  save(connection: NewConnection): Promise<void>;
  /**
   * Keeps tokens refreshed from `spentRefreshSealed`, in one transaction:
   * on the member's active connection if it still holds that refresh token;
   * else on the clear an unlink queued meanwhile with it (Discord has spent
   * it, so the clear could not refresh it again); else nowhere.
   */
  saveRefreshed(
    discordUserId: string,
    spentRefreshSealed: string,
    tokens: ClearTokens & Pick<DiscordConnection, 'keyId' | 'updatedAt'>,
  ): Promise<RefreshedInto>;
  /** Discord refused to refresh the tokens: the member must connect again. */
  markReconnect(discordUserId: string, now: number): Promise<void>;
  findClear(id: number): Promise<PendingRoleClear | undefined>;
  /** The ids of clears due at `now` (every one, with null), soonest first. */
  clearsDue(now: number | null, limit: number): Promise<number[]>;
  /** The ids of the member's queued clears. */
  clearsFor(discordUserId: string): Promise<number[]>;
  /** Takes the next attempt by moving its time on, unless another sweep (here or on another replica) took it first. */
  takeClearAttempt(id: number, attempts: number, nextAttemptAt: number): Promise<boolean>;
  /** Discord rotated the tokens on a refresh: the next attempt needs the new ones. */
  updateClearTokens(id: number, tokens: ClearTokens): Promise<void>;
  removeClear(id: number): Promise<void>;
}
