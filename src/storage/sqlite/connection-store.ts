// Persistence for Linked Roles: the OAuth2 states that have come back from
// Discord (recorded only then, to refuse a second use), each member's sealed
// Discord tokens, and the queue of metadata clears for connections the bot
// has forgotten (see role-clears.ts).

import { and, asc, eq, lte } from 'drizzle-orm';
import type { Sync } from '../../db/async-store.js';
import type { Db } from '../../db/database.js';
import {
  type DiscordConnection,
  discordConnections,
  type PendingRoleClear,
  pendingRoleClears,
  roleConnectionStates,
} from '../../db/schema.js';
import type { ClearTokens, ConnectionStore, NewConnection, RefreshedInto } from '../../role-connections/stores.js';

export class SqliteConnectionStore implements Sync<ConnectionStore> {
  constructor(private readonly db: Db) {}

  /**
   * Records a state Discord sent back, purging expired ones; false if it was
   * recorded already (a replay, or two callbacks racing with it). Only
   * callbacks carrying a state the bot signed for this browser get here, so a
   * visitor can add no more than they could use themselves.
   */
  useState(state: { stateHash: string; browserHash: string; expiresAt: number }, now: number): boolean {
    return this.db.transaction((tx) => {
      tx.delete(roleConnectionStates).where(lte(roleConnectionStates.expiresAt, now)).run();
      return tx.insert(roleConnectionStates).values(state).onConflictDoNothing().run().changes === 1;
    });
  }

  get(discordUserId: string): DiscordConnection | undefined {
    return this.db.select().from(discordConnections).where(eq(discordConnections.discordUserId, discordUserId)).get();
  }

  /** Stores (or replaces) a member's tokens; the connection is active again. */
  save(connection: NewConnection): void {
    const values = { ...connection, status: 'active' as const };
    this.db.insert(discordConnections).values(values).onConflictDoUpdate({ target: discordConnections.discordUserId, set: values }).run();
  }

  /** Keeps refreshed tokens where the spent refresh token was (role-connections/stores.ts). */
  saveRefreshed(
    discordUserId: string,
    spentRefreshSealed: string,
    tokens: ClearTokens & Pick<DiscordConnection, 'keyId' | 'updatedAt'>,
  ): RefreshedInto {
    return this.db.transaction((tx) => {
      const onConnection = tx
        .update(discordConnections)
        .set(tokens)
        .where(
          and(
            eq(discordConnections.discordUserId, discordUserId),
            eq(discordConnections.refreshTokenSealed, spentRefreshSealed),
            eq(discordConnections.status, 'active'),
          ),
        )
        .run();
      if (onConnection.changes > 0) return 'connection';
      const { accessTokenSealed, refreshTokenSealed, expiresAt } = tokens;
      const onClear = tx
        .update(pendingRoleClears)
        .set({ accessTokenSealed, refreshTokenSealed, expiresAt })
        .where(and(eq(pendingRoleClears.discordUserId, discordUserId), eq(pendingRoleClears.refreshTokenSealed, spentRefreshSealed)))
        .run();
      return onClear.changes > 0 ? 'clear' : 'nowhere';
    });
  }

  /** Discord refused to refresh the tokens: the member must connect again. */
  markReconnect(discordUserId: string, now: number): void {
    this.db
      .update(discordConnections)
      .set({ status: 'reconnect', updatedAt: now })
      .where(eq(discordConnections.discordUserId, discordUserId))
      .run();
  }

  findClear(id: number): PendingRoleClear | undefined {
    return this.db.select().from(pendingRoleClears).where(eq(pendingRoleClears.id, id)).get();
  }

  /** The ids of clears due at `now` (every one, with null), soonest first. */
  clearsDue(now: number | null, limit: number): number[] {
    return this.db
      .select({ id: pendingRoleClears.id })
      .from(pendingRoleClears)
      .where(now === null ? undefined : lte(pendingRoleClears.nextAttemptAt, now))
      .orderBy(asc(pendingRoleClears.nextAttemptAt))
      .limit(limit)
      .all()
      .map((r) => r.id);
  }

  /** The ids of the member's queued clears. */
  clearsFor(discordUserId: string): number[] {
    return this.db
      .select({ id: pendingRoleClears.id })
      .from(pendingRoleClears)
      .where(eq(pendingRoleClears.discordUserId, discordUserId))
      .all()
      .map((r) => r.id);
  }

  /** Takes the next attempt by moving its time on, unless another sweep (here or on another replica) took it first. */
  takeClearAttempt(id: number, attempts: number, nextAttemptAt: number): boolean {
    return (
      this.db
        .update(pendingRoleClears)
        .set({ attempts: attempts + 1, nextAttemptAt })
        .where(and(eq(pendingRoleClears.id, id), eq(pendingRoleClears.attempts, attempts)))
        .run().changes === 1
    );
  }

  /** Discord rotated the tokens on a refresh: the next attempt needs the new ones. */
  updateClearTokens(id: number, tokens: ClearTokens): void {
    this.db.update(pendingRoleClears).set(tokens).where(eq(pendingRoleClears.id, id)).run();
  }

  removeClear(id: number): void {
    this.db.delete(pendingRoleClears).where(eq(pendingRoleClears.id, id)).run();
  }
}
