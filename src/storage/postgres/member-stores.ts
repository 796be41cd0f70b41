// Each member's own records on PostgreSQL: their last time zone and their
// Discord Linked Roles connection (see the SQLite stores of the same names).

import { and, count, eq, gt, lte, notInArray, sql } from 'drizzle-orm';
import type { Async } from '../../db/async-store.js';
import type { PgDb } from '../../db/postgres.js';
import { type DiscordConnection, discordConnections, linkedAccounts, memberTimeZones, roleConnectionStates } from '../../db/schema-pg.js';
import type { ZonePreferences } from '../../report/zone-preferences.js';
import type { ConnectionStore, NewConnection } from '../../role-connections/connection-store.js';

export class PgZonePreferences implements Async<ZonePreferences> {
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

/** Any constant: serialises the count-then-insert of sign-in states across replicas. */
const STATES_LOCK = 7_311_044;

export class PgConnectionStore implements Async<ConnectionStore> {
  constructor(private readonly db: PgDb) {}

  async addState(state: { stateHash: string; browserHash: string; expiresAt: number }, now: number, maxLive: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${STATES_LOCK})`);
      await tx.delete(roleConnectionStates).where(lte(roleConnectionStates.expiresAt, now));
      const [live] = await tx.select({ n: count() }).from(roleConnectionStates);
      if ((live?.n ?? 0) >= maxLive) return false;
      await tx.insert(roleConnectionStates).values(state);
      return true;
    });
  }

  async stateBrowser(stateHash: string, now: number): Promise<string | undefined> {
    const [row] = await this.db
      .select({ browserHash: roleConnectionStates.browserHash })
      .from(roleConnectionStates)
      .where(and(eq(roleConnectionStates.stateHash, stateHash), gt(roleConnectionStates.expiresAt, now)));
    return row?.browserHash;
  }

  async consumeState(stateHash: string, now: number): Promise<boolean> {
    const used = await this.db
      .delete(roleConnectionStates)
      .where(and(eq(roleConnectionStates.stateHash, stateHash), gt(roleConnectionStates.expiresAt, now)))
      .returning({ hash: roleConnectionStates.stateHash });
    return used.length === 1;
  }

  async get(discordUserId: string): Promise<DiscordConnection | undefined> {
    const [row] = await this.db.select().from(discordConnections).where(eq(discordConnections.discordUserId, discordUserId));
    return row;
  }

  async save(connection: NewConnection): Promise<void> {
    const values = { ...connection, status: 'active' as const };
    await this.db.insert(discordConnections).values(values).onConflictDoUpdate({ target: discordConnections.discordUserId, set: values });
  }

  async markReconnect(discordUserId: string, now: number): Promise<void> {
    await this.db
      .update(discordConnections)
      .set({ status: 'reconnect', updatedAt: now })
      .where(eq(discordConnections.discordUserId, discordUserId));
  }

  async forget(discordUserId: string): Promise<void> {
    await this.db.delete(discordConnections).where(eq(discordConnections.discordUserId, discordUserId));
  }
}
