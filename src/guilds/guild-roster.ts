// The servers the bot is in. Discord tells the gateway of joins and removals
// as they happen, but not of those during an outage that ends in a new
// session: the READY that starts it only lists the servers the bot is in now.
// Comparing that list with what the bot knows finds both.

import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { botGuilds, guildMembers, guildSettings } from '../db/schema.js';

export interface Reconciled {
  /** Known servers Discord no longer lists: the bot was removed while away. */
  gone: string[];
  /** Listed servers the bot did not know: it was added while away. */
  joined: string[];
}

/** Which gateway shard a READY came from, of how many. */
export interface Shard {
  id: number;
  count: number;
}

export const ONE_SHARD: Shard = { id: 0, count: 1 };

/** Discord's rule: a server's events come on shard (server id >> 22) % shard count. */
export function onShard(guildId: string, shard: Shard): boolean {
  if (shard.count <= 1) return true;
  return /^\d{1,25}$/.test(guildId) && Number((BigInt(guildId) >> 22n) % BigInt(shard.count)) === shard.id;
}

export class GuildRoster {
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
