// Each member's own records on PostgreSQL: their last time zone and their
// Discord Linked Roles connection and its clears (see the SQLite stores of the same names).

import { and, asc, eq, lte, notInArray } from 'drizzle-orm';
import type { PgDb } from '../../db/postgres.js';
import {
  type DiscordConnection,
  discordConnections,
  linkedAccounts,
  memberTimeZones,
  type PendingRoleClear,
  pendingRoleClears,
  roleConnectionStates,
} from '../../db/schema-pg.js';
import type { ZonePreferences } from '../../report/stores.js';
import type { ClearTokens, ConnectionStore, NewConnection, RefreshedInto } from '../../role-connections/stores.js';

export class PgZonePreferences implements ZonePreferences {
  constructor(private readonly db: PgDb) {}

  async get(discordUserId: string): Promise<string | null> {
    const [row] = await this.db
      .select({ zone: memberTimeZones.timeZone })
      .from(memberTimeZones)
      .where(eq(memberTimeZones.discordUserId, discordUserId));
    return row?.zone ?? null;
  }

  async remember(discordUserId: string, timeZone: string, at: number): Promise<void> {
    await this.db
      .insert(memberTimeZones)
      .values({ discordUserId, timeZone, updatedAt: at })
      .onConflictDoUpdate({ target: memberTimeZones.discordUserId, set: { timeZone, updatedAt: at } });
  }

  async forget(discordUserId: string): Promise<void> {
    await this.db.delete(memberTimeZones).where(eq(memberTimeZones.discordUserId, discordUserId));
  }

  async forgetUnlinked(): Promise<number> {
    const linked = this.db.select({ id: linkedAccounts.discordUserId }).from(linkedAccounts);
    const gone = await this.db
      .delete(memberTimeZones)
      .where(notInArray(memberTimeZones.discordUserId, linked))
      .returning({ id: memberTimeZones.discordUserId });
    return gone.length;
  }
}

export class PgConnectionStore implements ConnectionStore {
  constructor(private readonly db: PgDb) {}

  async useState(state: { stateHash: string; browserHash: string; expiresAt: number }, now: number): Promise<boolean> {
    await this.db.delete(roleConnectionStates).where(lte(roleConnectionStates.expiresAt, now));
    const recorded = await this.db
      .insert(roleConnectionStates)
      .values(state)
      .onConflictDoNothing()
      .returning({ hash: roleConnectionStates.stateHash });
    return recorded.length === 1;
  }

  async get(discordUserId: string): Promise<DiscordConnection | undefined> {
    const [row] = await this.db.select().from(discordConnections).where(eq(discordConnections.discordUserId, discordUserId));
    return row;
  }

  async save(connection: NewConnection): Promise<void> {
    const values = { ...connection, status: 'active' as const };
    await this.db.insert(discordConnections).values(values).onConflictDoUpdate({ target: discordConnections.discordUserId, set: values });
  }

  /** Keeps refreshed tokens where the spent refresh token was (role-connections/stores.ts). */
  saveRefreshed(
    discordUserId: string,
    spentRefreshSealed: string,
    tokens: ClearTokens & Pick<DiscordConnection, 'keyId' | 'updatedAt'>,
  ): Promise<RefreshedInto> {
    // An unlink moving the connection into the clear queue meanwhile commits before or after the first update: the
    // second, a statement of its own, then sees the clear it queued.
    return this.db.transaction(async (tx) => {
      const onConnection = await tx
        .update(discordConnections)
        .set(tokens)
        .where(
          and(
            eq(discordConnections.discordUserId, discordUserId),
            eq(discordConnections.refreshTokenSealed, spentRefreshSealed),
            eq(discordConnections.status, 'active'),
          ),
        )
        .returning({ id: discordConnections.discordUserId });
      if (onConnection.length > 0) return 'connection';
      const { accessTokenSealed, refreshTokenSealed, expiresAt } = tokens;
      const onClear = await tx
        .update(pendingRoleClears)
        .set({ accessTokenSealed, refreshTokenSealed, expiresAt })
        .where(and(eq(pendingRoleClears.discordUserId, discordUserId), eq(pendingRoleClears.refreshTokenSealed, spentRefreshSealed)))
        .returning({ id: pendingRoleClears.id });
      return onClear.length > 0 ? 'clear' : 'nowhere';
    });
  }

  async markReconnect(discordUserId: string, now: number): Promise<void> {
    await this.db
      .update(discordConnections)
      .set({ status: 'reconnect', updatedAt: now })
      .where(eq(discordConnections.discordUserId, discordUserId));
  }

  async findClear(id: number): Promise<PendingRoleClear | undefined> {
    const [row] = await this.db.select().from(pendingRoleClears).where(eq(pendingRoleClears.id, id));
    return row;
  }

  async clearsDue(now: number | null, limit: number): Promise<number[]> {
    const rows = await this.db
      .select({ id: pendingRoleClears.id })
      .from(pendingRoleClears)
      .where(now === null ? undefined : lte(pendingRoleClears.nextAttemptAt, now))
      .orderBy(asc(pendingRoleClears.nextAttemptAt))
      .limit(limit);
    return rows.map((r) => r.id);
  }

  async clearsFor(discordUserId: string): Promise<number[]> {
    const rows = await this.db
      .select({ id: pendingRoleClears.id })
      .from(pendingRoleClears)
      .where(eq(pendingRoleClears.discordUserId, discordUserId));
    return rows.map((r) => r.id);
  }

  async takeClearAttempt(id: number, attempts: number, nextAttemptAt: number): Promise<boolean> {
    const taken = await this.db
      .update(pendingRoleClears)
      .set({ attempts: attempts + 1, nextAttemptAt })
      .where(and(eq(pendingRoleClears.id, id), eq(pendingRoleClears.attempts, attempts)))
      .returning({ id: pendingRoleClears.id });
    return taken.length === 1;
  }

  async updateClearTokens(id: number, tokens: ClearTokens): Promise<void> {
    await this.db.update(pendingRoleClears).set(tokens).where(eq(pendingRoleClears.id, id));
  }

  async removeClear(id: number): Promise<void> {
    await this.db.delete(pendingRoleClears).where(eq(pendingRoleClears.id, id));
  }
}
