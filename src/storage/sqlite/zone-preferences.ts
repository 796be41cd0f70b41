// The time zone each member last asked a report in, so their next /report
// uses it without being told and autocomplete offers it first.

import { eq, notInArray, sql } from 'drizzle-orm';
import type { Sync } from '../../db/async-store.js';
import type { Db } from '../../db/database.js';
import { linkedAccounts, memberTimeZones } from '../../db/schema.js';
import type { ZonePreferences } from '../../report/stores.js';

export class SqliteZonePreferences implements Sync<ZonePreferences> {
  /** Prepared once: every /report without a zone named reads it on the way to its ack. */
  private readonly zoneQuery;

  constructor(private readonly db: Db) {
    this.zoneQuery = db
      .select({ zone: memberTimeZones.timeZone })
      .from(memberTimeZones)
      .where(eq(memberTimeZones.discordUserId, sql.placeholder('user')))
      .prepare();
  }

  get(discordUserId: string): string | null {
    return this.zoneQuery.get({ user: discordUserId })?.zone ?? null;
  }

  remember(discordUserId: string, timeZone: string, at: number): void {
    this.db
      .insert(memberTimeZones)
      .values({ discordUserId, timeZone, updatedAt: at })
      .onConflictDoUpdate({ target: memberTimeZones.discordUserId, set: { timeZone, updatedAt: at } })
      .run();
  }

  forget(discordUserId: string): void {
    this.db.delete(memberTimeZones).where(eq(memberTimeZones.discordUserId, discordUserId)).run();
  }

  /**
   * Deletes the zones of members who are not linked: unlinking deletes theirs
   * at once, but a crash between the unlink and that deletion would leave it.
   * Returns how many went.
   */
  forgetUnlinked(): number {
    const linked = this.db.select({ id: linkedAccounts.discordUserId }).from(linkedAccounts);
    return this.db.delete(memberTimeZones).where(notInArray(memberTimeZones.discordUserId, linked)).run().changes;
  }
}
