// Per-server settings, as admins set them with /twitter-admin.

import { eq, sql } from 'drizzle-orm';
import type { Sync } from '../../db/async-store.js';
import type { Db } from '../../db/database.js';
import { type GuildSettings, guildSettings } from '../../db/schema.js';
import { defaultSettings, type SettingsChange, type SettingsStore } from '../../guilds/stores.js';

export class SqliteSettingsStore implements Sync<SettingsStore> {
  /** Prepared on first use: read on the way to every /report ack. */
  private query?: { get(p: { guild: string }): GuildSettings | undefined };

  constructor(private readonly db: Db) {}

  get(guildId: string): GuildSettings {
    this.query ??= this.db
      .select()
      .from(guildSettings)
      .where(eq(guildSettings.guildId, sql.placeholder('guild')))
      .prepare();
    return this.query.get({ guild: guildId }) ?? defaultSettings(guildId);
  }

  update(guildId: string, change: SettingsChange, now: number): GuildSettings {
    const next = { ...this.get(guildId), ...change, guildId, updatedAt: now };
    this.db.insert(guildSettings).values(next).onConflictDoUpdate({ target: guildSettings.guildId, set: next }).run();
    return next;
  }

  /** The bot left the server: its settings go. */
  forgetGuild(guildId: string): void {
    this.db.delete(guildSettings).where(eq(guildSettings.guildId, guildId)).run();
  }
}
