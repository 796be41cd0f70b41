// The embedded engine: one SQLite file (better-sqlite3), opened and migrated
// at start-up. Its stores are synchronous; they are seen through asAsync.

import { eq } from 'drizzle-orm';
import { UsageStore } from '../budget/usage-store.js';
import { asAsync } from '../db/async-store.js';
import { Checkpointer } from '../db/checkpointer.js';
import { type Database, databaseIsHealthy, openDatabase } from '../db/database.js';
import type { LinkOwner } from '../db/link-owner.js';
import { leaderboardMembers } from '../db/schema.js';
import { InteractionLedger } from '../discord/replay-guard.js';
import { GuildRoster } from '../guilds/guild-roster.js';
import { MemberStore } from '../guilds/member-store.js';
import { SettingsStore } from '../guilds/settings-store.js';
import { LinkStore } from '../linking/link-store.js';
import { RevocationStore } from '../linking/revocation-store.js';
import { Admissions } from '../report/admissions.js';
import { ReportRunStore } from '../report/run-store.js';
import { ReportViewStore } from '../report/view-store.js';
import { asyncPosts, XCache } from '../report/x-cache.js';
import { ZonePreferences } from '../report/zone-preferences.js';
import { ConnectionStore } from '../role-connections/connection-store.js';
import { SqliteLeaderboardStore } from './sqlite/leaderboard-store.js';
import type { Stores } from './stores.js';

export interface SqliteStores extends Stores {
  engine: 'sqlite';
  database: Database;
}

export function openSqliteStores(path: string, now: () => number): SqliteStores {
  const database = openDatabase(path);
  const { db } = database;
  const postCache = new XCache(db);
  const runs = new ReportRunStore(db);
  const zones = new ZonePreferences(db);
  const settings = new SettingsStore(db);
  const members = new MemberStore(db);
  const usage = new UsageStore(db);
  const views = new ReportViewStore(db);
  const checkpointer = new Checkpointer(path);
  return {
    engine: 'sqlite',
    database,
    renderSource: path === ':memory:' ? { cache: postCache } : { databasePath: path },
    start() {
      checkpointer.start(database.sqlite);
      // This process alone holds the file: no claim of an earlier one is live, so its reports are taken over at once.
      runs.releaseLeases();
    },
    links: asAsync(new LinkStore(db)),
    revocations: asAsync(new RevocationStore(db)),
    posts: asyncPosts(postCache),
    runs: asAsync(runs),
    admissions: asAsync(new Admissions(db, runs, usage, settings)),
    usage: asAsync(usage),
    zones: asAsync(zones),
    settings: asAsync(settings),
    members: asAsync(members),
    roster: asAsync(new GuildRoster(db, now)),
    connections: asAsync(new ConnectionStore(db)),
    replays: asAsync(new InteractionLedger(db, now)),
    views: asAsync(views),
    leaderboard: new SqliteLeaderboardStore(db),
    async forgetMemberData(account: LinkOwner) {
      // One transaction: a crash cannot leave the posts gone but the runs still naming the member.
      database.sqlite.transaction(() => {
        postCache.forgetXAccount(account.xUserId);
        runs.anonymise(account.discordUserId);
        zones.forget(account.discordUserId);
        views.forget(account.discordUserId);
        db.delete(leaderboardMembers).where(eq(leaderboardMembers.discordUserId, account.discordUserId)).run();
      })();
    },
    async forgetGuild(guildId: string) {
      database.sqlite.transaction(() => {
        settings.forgetGuild(guildId);
        members.forgetGuild(guildId);
        db.delete(leaderboardMembers).where(eq(leaderboardMembers.guildId, guildId)).run();
      })();
    },
    healthy: async () => databaseIsHealthy(database),
    async close() {
      // Ending the thread first: closing the main connection afterwards makes the last checkpoint.
      await checkpointer.close();
      database.close();
    },
  };
}
