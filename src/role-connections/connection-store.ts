// Persistence for Linked Roles: the single-use OAuth2 states /linked-role
// hands out, and each member's sealed Discord tokens. A state is consumed by
// one conditional DELETE, so two callbacks racing with it cannot both win.

import { and, count, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { type DiscordConnection, discordConnections, roleConnectionStates } from '../db/schema.js';

export type NewConnection = Omit<DiscordConnection, 'status'>;

export class ConnectionStore {
  constructor(private readonly db: Db) {}

  /**
   * Stores a new state, purging expired ones; false when `maxLive` states are
   * live already (anyone can open /linked-role, so the table must not grow
   * with a flood of visits).
   */
  addState(state: { stateHash: string; browserHash: string; expiresAt: number }, now: number, maxLive: number): boolean {
    return this.db.transaction((tx) => {
      tx.delete(roleConnectionStates).where(lte(roleConnectionStates.expiresAt, now)).run();
      const live = tx.select({ n: count() }).from(roleConnectionStates).get()?.n ?? 0;
      if (live >= maxLive) return false;
      tx.insert(roleConnectionStates).values(state).run();
      return true;
    });
  }

  /** The browser a live state was issued to; undefined when it is unknown, used or expired. */
  stateBrowser(stateHash: string, now: number): string | undefined {
    return this.db
      .select({ browserHash: roleConnectionStates.browserHash })
      .from(roleConnectionStates)
      .where(and(eq(roleConnectionStates.stateHash, stateHash), gt(roleConnectionStates.expiresAt, now)))
      .get()?.browserHash;
  }

  /** Uses a live state up; false if it was unknown, used already or expired. */
  consumeState(stateHash: string, now: number): boolean {
    return (
      this.db
        .delete(roleConnectionStates)
        .where(and(eq(roleConnectionStates.stateHash, stateHash), gt(roleConnectionStates.expiresAt, now)))
        .run().changes === 1
    );
  }

  get(discordUserId: string): DiscordConnection | undefined {
    return this.db.select().from(discordConnections).where(eq(discordConnections.discordUserId, discordUserId)).get();
  }

  /** Stores (or replaces) a member's tokens; the connection is active again. */
  save(connection: NewConnection): void {
    const values = { ...connection, status: 'active' as const };
    this.db.insert(discordConnections).values(values).onConflictDoUpdate({ target: discordConnections.discordUserId, set: values }).run();
  }

  /** Discord refused to refresh the tokens: the member must connect again. */
  markReconnect(discordUserId: string, now: number): void {
    this.db
      .update(discordConnections)
      .set({ status: 'reconnect', updatedAt: now })
      .where(eq(discordConnections.discordUserId, discordUserId))
      .run();
  }

  forget(discordUserId: string): void {
    this.db.delete(discordConnections).where(eq(discordConnections.discordUserId, discordUserId)).run();
  }
}
