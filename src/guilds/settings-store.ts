// Per-server settings and the members seen in each server.

import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { type GuildSettings, guildMembers, guildSettings, linkedAccounts } from '../db/schema.js';

export type SettingsChange = Partial<Omit<GuildSettings, 'guildId' | 'updatedAt'>>;

export function defaultSettings(guildId: string): GuildSettings {
  return { guildId, linkedRoleId: null, publicReports: true, reportsChannelId: null, monthlyPostBudget: null, updatedAt: 0 };
}

export class SettingsStore {
  constructor(private readonly db: Db) {}

  get(guildId: string): GuildSettings {
    return this.db.select().from(guildSettings).where(eq(guildSettings.guildId, guildId)).get() ?? defaultSettings(guildId);
  }

  update(guildId: string, change: SettingsChange, now: number): GuildSettings {
    const next = { ...this.get(guildId), ...change, guildId, updatedAt: now };
    this.db.insert(guildSettings).values(next).onConflictDoUpdate({ target: guildSettings.guildId, set: next }).run();
    return next;
  }

  /** Records that a member used the bot in a server. */
  seen(guildId: string, discordUserId: string, now: number): void {
    this.db
      .insert(guildMembers)
      .values({ guildId, discordUserId, seenAt: now })
      .onConflictDoUpdate({ target: [guildMembers.guildId, guildMembers.discordUserId], set: { seenAt: now } })
      .run();
  }

  /** Servers the member has been seen in that give a linked role: [guildId, roleId]. */
  linkedRolesFor(discordUserId: string): Array<{ guildId: string; roleId: string }> {
    return this.db
      .select({ guildId: guildSettings.guildId, roleId: guildSettings.linkedRoleId })
      .from(guildMembers)
      .innerJoin(guildSettings, eq(guildSettings.guildId, guildMembers.guildId))
      .where(and(eq(guildMembers.discordUserId, discordUserId), sql`${guildSettings.linkedRoleId} is not null`))
      .all() as Array<{ guildId: string; roleId: string }>;
  }

  /** Members seen in a server whose X account is linked and working. */
  linkedMembers(guildId: string): string[] {
    return this.db
      .select({ id: guildMembers.discordUserId })
      .from(guildMembers)
      .innerJoin(linkedAccounts, eq(linkedAccounts.discordUserId, guildMembers.discordUserId))
      .where(and(eq(guildMembers.guildId, guildId), eq(linkedAccounts.status, 'active')))
      .orderBy(guildMembers.discordUserId)
      .all()
      .map((r) => r.id);
  }

  /** The bot left the server: its settings and member list go. */
  forgetGuild(guildId: string): void {
    this.db.transaction((tx) => {
      tx.delete(guildSettings).where(eq(guildSettings.guildId, guildId)).run();
      tx.delete(guildMembers).where(eq(guildMembers.guildId, guildId)).run();
    });
  }

  forgetMember(discordUserId: string): void {
    this.db.delete(guildMembers).where(eq(guildMembers.discordUserId, discordUserId)).run();
  }
}
