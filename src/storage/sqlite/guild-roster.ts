// The servers the bot is in. Discord tells the gateway of joins and removals
// as they happen, but not of those during an outage that ends in a new
// session: the READY that starts it only lists the servers the bot is in now.
// Comparing that list with what the bot knows finds both.

import { eq, inArray } from 'drizzle-orm';
import type { Sync } from '../../db/async-store.js';
import type { Db } from '../../db/database.js';
import { botGuilds, guildMembers, guildSettings } from '../../db/schema.js';
import { type GuildRoster, ONE_SHARD, onShard, type Reconciled, type Shard } from '../../guilds/stores.js';

export class SqliteGuildRoster implements Sync<GuildRoster> {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /**
   * Takes the servers a READY lists. On the very first READY (nothing known
   * yet) they are recorded without counting as joined: the bot was added to
   * them before it ever ran, and has nothing to catch up on. Servers with
   * settings or seen members count as known too, so a removal is found even
   * before the roster was first filled.
   */
  reconcile(listed: readonly string[], shard: Shard = ONE_SHARD): Reconciled {
    return this.db.transaction((tx) => {
      const ours = (id: string) => onShard(id, shard);
      const roster = new Set(
        tx
          .select({ id: botGuilds.guildId })
          .from(botGuilds)
          .all()
          .map((r) => r.id)
          .filter(ours),
      );
      const firstRun = roster.size === 0;
      const known = new Set(roster);
      for (const r of tx.selectDistinct({ id: guildSettings.guildId }).from(guildSettings).all()) if (ours(r.id)) known.add(r.id);
      for (const r of tx.selectDistinct({ id: guildMembers.guildId }).from(guildMembers).all()) if (ours(r.id)) known.add(r.id);
      const now = new Set(listed);
      const gone = [...known].filter((id) => !now.has(id));
      const joined = firstRun ? [] : listed.filter((id) => !known.has(id));
      if (gone.length > 0) tx.delete(botGuilds).where(inArray(botGuilds.guildId, gone)).run();
      for (const id of listed) tx.insert(botGuilds).values({ guildId: id, seenAt: this.now() }).onConflictDoNothing().run();
      return { gone, joined };
    });
  }

  joined(guildId: string): void {
    this.db.insert(botGuilds).values({ guildId, seenAt: this.now() }).onConflictDoNothing().run();
  }

  left(guildId: string): void {
    this.db.delete(botGuilds).where(eq(botGuilds.guildId, guildId)).run();
  }
}
