// The embedded engine: one SQLite file (better-sqlite3), opened and migrated
// at start-up. Its stores are synchronous; they are seen through asAsync.

import { eq } from 'drizzle-orm';
import { asAsync } from '../../db/async-store.js';
import { Checkpointer } from '../../db/checkpointer.js';
import { type Database, databaseIsHealthy, openDatabase } from '../../db/database.js';
import { digestClaims, digestSchedules, leaderboardMembers } from '../../db/schema.js';
import type { LinkOwner } from '../../linking/stores.js';
import type { Stores } from '../stores.js';
import { SqliteAdmissions } from './admissions.js';
import { SqliteConnectionStore } from './connection-store.js';
import { SqliteDigestStore } from './digest-store.js';
import { SqliteGuildRoster } from './guild-roster.js';
import { SqliteLeaderboardStore } from './leaderboard-store.js';
import { SqliteLinkStore } from './link-store.js';
import { SqliteMemberStore } from './member-store.js';
import { asyncPosts, SqlitePostStore } from './post-store.js';
import { RENDER_READER_MODULE } from './render-reader.js';
import { SqliteInteractionLedger } from './replay-ledger.js';
import { SqliteRevocationStore } from './revocation-store.js';
import { SqliteRunStore } from './run-store.js';
import { SqliteSettingsStore } from './settings-store.js';
import { SqliteUsageStore } from './usage-store.js';
import { SqliteViewStore } from './view-store.js';
import { SqliteZonePreferences } from './zone-preferences.js';

export interface SqliteStores extends Stores {
  engine: 'sqlite';
  database: Database;
}

export function openSqliteStores(path: string, now: () => number): SqliteStores {
  const database = openDatabase(path);
  const { db } = database;
  const postCache = new SqlitePostStore(db);
  const posts = asyncPosts(postCache);
  const runs = new SqliteRunStore(db);
  const zones = new SqliteZonePreferences(db);
  const settings = new SqliteSettingsStore(db);
  const members = new SqliteMemberStore(db);
  const usage = new SqliteUsageStore(db);
  const views = new SqliteViewStore(db);
  const checkpointer = new Checkpointer(path);
  const ledger = new SqliteInteractionLedger(db, now);
  return {
    engine: 'sqlite',
    database,
    renderSource: {
      reader: posts,
      ...(path === ':memory:' ? { inThread: true } : { workerReader: { module: RENDER_READER_MODULE, arg: path } }),
    },
    start() {
      checkpointer.start(database.sqlite);
      // This process alone holds the file: no claim of an earlier one is live, so its reports are taken over at once.
      runs.releaseLeases();
    },
    links: asAsync(new SqliteLinkStore(db)),
    revocations: asAsync(new SqliteRevocationStore(db)),
    posts,
    runs: asAsync(runs),
    admissions: asAsync(new SqliteAdmissions(db, runs, usage, settings)),
    usage: asAsync(usage),
    zones: asAsync(zones),
    settings: asAsync(settings),
    members: asAsync(members),
    roster: asAsync(new SqliteGuildRoster(db, now)),
    connections: asAsync(new SqliteConnectionStore(db)),
    replays: ledger,
    views: asAsync(views),
    leaderboard: new SqliteLeaderboardStore(db),
    digests: new SqliteDigestStore(db),
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
        db.delete(digestSchedules).where(eq(digestSchedules.guildId, guildId)).run();
        db.delete(digestClaims).where(eq(digestClaims.guildId, guildId)).run();
      })();
    },
    healthy: async () => databaseIsHealthy(database),
    async close() {
      // Ending the thread first: closing the main connection afterwards makes the last checkpoint.
      await checkpointer.close();
      ledger.commitNow(); // ids asked about in this turn are stored and answered, not failed for a closed database
      database.close();
    },
  };
}
