// The members the bot has seen use a command in each server: whom a linked
// role applies to (the bot has no member list of its own: Guilds intent only).

import { and, eq, lt, sql } from 'drizzle-orm';
import type { Sync } from '../../db/async-store.js';
import type { Db } from '../../db/database.js';
import { guildMembers, guildSettings, linkedAccounts } from '../../db/schema.js';
import { type MemberStore, SEEN_RESOLUTION_MS } from '../../guilds/stores.js';

export class SqliteMemberStore implements Sync<MemberStore> {
  /** Prepared once: every command in a server passes here before its ack. */
  private readonly seenUpsert;

  constructor(private readonly db: Db) {
    this.seenUpsert = db
      .insert(guildMembers)
      .values({ guildId: sql.placeholder('guildId'), discordUserId: sql.placeholder('discordUserId'), seenAt: sql.placeholder('now') })
      .onConflictDoUpdate({
        target: [guildMembers.guildId, guildMembers.discordUserId],
        set: { seenAt: sql`excluded.seen_at` },
        // A year's retention needs no finer record than daily: most commands then write nothing.
        setWhere: sql`excluded.seen_at >= ${guildMembers.seenAt} + ${SEEN_RESOLUTION_MS}`,
      })
      .prepare();
  }

  /** Records that a member used the bot in a server. */
  seen(guildId: string, discordUserId: string, now: number): void {
    this.seenUpsert.run({ guildId, discordUserId, now });
  }

  /** The servers the member has been seen in that give a linked role, with that role. */
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

  forgetMember(discordUserId: string): void {
    this.db.delete(guildMembers).where(eq(guildMembers.discordUserId, discordUserId)).run();
  }

  /** The bot left the server: whom it saw there no longer matters. */
  forgetGuild(guildId: string): void {
    this.db.delete(guildMembers).where(eq(guildMembers.guildId, guildId)).run();
  }

  /** Forgets members not seen since `before`; returns how many. */
  forgetUnseenSince(before: number): number {
    return this.db.delete(guildMembers).where(lt(guildMembers.seenAt, before)).run().changes;
  }
}
