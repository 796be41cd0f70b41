// Per-server records on PostgreSQL: settings, the members seen in each
// server, and the roster of servers the gateway last listed (see the SQLite
// stores of the same names under guilds/).

import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { PgDb } from '../../db/postgres.js';
import { botGuilds, type GuildSettings, guildMembers, guildSettings, linkedAccounts } from '../../db/schema-pg.js';
import {
  defaultSettings,
  type GuildRoster,
  type MemberStore,
  ONE_SHARD,
  onShard,
  type Reconciled,
  SEEN_RESOLUTION_MS,
  type SettingsChange,
  type SettingsStore,
  type Shard,
} from '../../guilds/stores.js';

export class PgSettingsStore implements SettingsStore {
  constructor(private readonly db: PgDb) {}

  async get(guildId: string): Promise<GuildSettings> {
    const [row] = await this.db.select().from(guildSettings).where(eq(guildSettings.guildId, guildId));
    return row ?? defaultSettings(guildId);
  }

  /** One statement: two admins changing different settings at once each keep their change. */
  async update(guildId: string, change: SettingsChange, now: number): Promise<GuildSettings> {
    const set = { ...change, updatedAt: now };
    const [row] = await this.db
      .insert(guildSettings)
      .values({ ...defaultSettings(guildId), ...set })
      .onConflictDoUpdate({ target: guildSettings.guildId, set })
      .returning();
    if (!row) throw new Error('the settings were not stored');
    return row;
  }

  async forgetGuild(guildId: string): Promise<void> {
    await this.db.delete(guildSettings).where(eq(guildSettings.guildId, guildId));
  }
}

export class PgMemberStore implements MemberStore {
  constructor(private readonly db: PgDb) {}

  async seen(guildId: string, discordUserId: string, now: number): Promise<void> {
    await this.db
      .insert(guildMembers)
      .values({ guildId, discordUserId, seenAt: now })
      .onConflictDoUpdate({
        target: [guildMembers.guildId, guildMembers.discordUserId],
        set: { seenAt: sql`excluded.seen_at` },
        setWhere: sql`excluded.seen_at >= ${guildMembers.seenAt} + ${SEEN_RESOLUTION_MS}`,
      });
  }

  async linkedRolesFor(discordUserId: string): Promise<Array<{ guildId: string; roleId: string }>> {
    const rows = await this.db
      .select({ guildId: guildSettings.guildId, roleId: guildSettings.linkedRoleId })
      .from(guildMembers)
      .innerJoin(guildSettings, eq(guildSettings.guildId, guildMembers.guildId))
      .where(and(eq(guildMembers.discordUserId, discordUserId), isNotNull(guildSettings.linkedRoleId)));
    return rows.flatMap((r) => (r.roleId ? [{ guildId: r.guildId, roleId: r.roleId }] : []));
  }

  async linkedMembers(guildId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: guildMembers.discordUserId })
      .from(guildMembers)
      .innerJoin(linkedAccounts, eq(linkedAccounts.discordUserId, guildMembers.discordUserId))
      .where(and(eq(guildMembers.guildId, guildId), eq(linkedAccounts.status, 'active')))
      .orderBy(guildMembers.discordUserId);
    return rows.map((r) => r.id);
  }

  async forgetMember(discordUserId: string): Promise<void> {
    await this.db.delete(guildMembers).where(eq(guildMembers.discordUserId, discordUserId));
  }

  async forgetGuild(guildId: string): Promise<void> {
    await this.db.delete(guildMembers).where(eq(guildMembers.guildId, guildId));
  }

  async forgetUnseenSince(before: number): Promise<number> {
    const gone = await this.db.delete(guildMembers).where(lt(guildMembers.seenAt, before)).returning({ id: guildMembers.discordUserId });
    return gone.length;
  }
}

/** Any constant: serialises READY reconciliations across the gateway's processes. */
const ROSTER_LOCK = 7_311_043;

export class PgGuildRoster implements GuildRoster {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async reconcile(listed: readonly string[], shard: Shard = ONE_SHARD): Promise<Reconciled> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${ROSTER_LOCK})`);
      const ours = (id: string) => onShard(id, shard);
      const roster = new Set((await tx.select({ id: botGuilds.guildId }).from(botGuilds)).map((r) => r.id).filter(ours));
      const firstRun = roster.size === 0;
      const known = new Set(roster);
      for (const r of await tx.selectDistinct({ id: guildSettings.guildId }).from(guildSettings)) if (ours(r.id)) known.add(r.id);
      for (const r of await tx.selectDistinct({ id: guildMembers.guildId }).from(guildMembers)) if (ours(r.id)) known.add(r.id);
      const now = new Set(listed);
      const gone = [...known].filter((id) => !now.has(id));
      const joined = firstRun ? [] : listed.filter((id) => !known.has(id));
      if (gone.length > 0) await tx.delete(botGuilds).where(inArray(botGuilds.guildId, gone));
      if (listed.length > 0) {
        await tx
          .insert(botGuilds)
          .values(listed.map((guildId) => ({ guildId, seenAt: this.now() })))
          .onConflictDoNothing();
      }
      return { gone, joined };
    });
  }

  async joined(guildId: string): Promise<void> {
    await this.db.insert(botGuilds).values({ guildId, seenAt: this.now() }).onConflictDoNothing();
  }

  async left(guildId: string): Promise<void> {
    await this.db.delete(botGuilds).where(eq(botGuilds.guildId, guildId));
  }
}
