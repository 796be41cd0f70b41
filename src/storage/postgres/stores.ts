// The shared engine: PostgreSQL at DATABASE_URL, for several replicas (or a
// gateway sharded over several processes) on one database. Everything they
// must agree on lives here: links, report runs and reservations, cooldowns,
// replayed interaction ids, revocations, the report queue.

import { eq, sql } from 'drizzle-orm';
import { openPostgres, type Postgres, type PostgresOptions } from '../../db/postgres.js';
import {
  digestClaims,
  digestSchedules,
  guildMembers,
  guildSettings,
  leaderboardMembers,
  memberTimeZones,
  reportRuns,
  reportViews,
} from '../../db/schema-pg.js';
import type { LinkOwner } from '../../linking/stores.js';
import type { Stores } from '../stores.js';
import { PgDigestStore } from './digest-store.js';
import { PgGuildRoster, PgMemberStore, PgSettingsStore } from './guild-stores.js';
import { PgLeaderboardStore } from './leaderboard-store.js';
import { PgLinkStore } from './link-store.js';
import { PgConnectionStore, PgZonePreferences } from './member-stores.js';
import { forgetXAccount, PgPostStore } from './post-store.js';
import { PgInteractionLedger } from './replay-ledger.js';
import { PgAdmissions, PgRunStore, PgUsageStore } from './report-stores.js';
import { PgRevocationStore } from './revocation-store.js';
import { PgReportViewStore } from './view-store.js';

export interface PostgresStores extends Stores {
  engine: 'postgres';
  postgres: Postgres;
}

export async function openPostgresStores(url: string, now: () => number, options: PostgresOptions = {}): Promise<PostgresStores> {
  const postgres = await openPostgres(url, options);
  const { db } = postgres;
  const posts = new PgPostStore(db);
  return {
    engine: 'postgres',
    postgres,
    renderSource: { reader: posts },
    start: () => undefined,
    links: new PgLinkStore(db),
    revocations: new PgRevocationStore(db),
    posts,
    runs: new PgRunStore(db),
    admissions: new PgAdmissions(db),
    usage: new PgUsageStore(db),
    zones: new PgZonePreferences(db),
    settings: new PgSettingsStore(db),
    members: new PgMemberStore(db),
    roster: new PgGuildRoster(db, now),
    connections: new PgConnectionStore(db),
    replays: new PgInteractionLedger(db, now),
    views: new PgReportViewStore(db),
    leaderboard: new PgLeaderboardStore(db),
    digests: new PgDigestStore(db),
    async forgetMemberData(account: LinkOwner) {
      await db.transaction(async (tx) => {
        await forgetXAccount(tx, account.xUserId);
        await tx.update(reportRuns).set({ discordUserId: null }).where(eq(reportRuns.discordUserId, account.discordUserId));
        await tx.delete(memberTimeZones).where(eq(memberTimeZones.discordUserId, account.discordUserId));
        await tx.delete(reportViews).where(eq(reportViews.discordUserId, account.discordUserId));
        await tx.delete(leaderboardMembers).where(eq(leaderboardMembers.discordUserId, account.discordUserId));
      });
    },
    async forgetGuild(guildId: string) {
      await db.transaction(async (tx) => {
        await tx.delete(guildSettings).where(eq(guildSettings.guildId, guildId));
        await tx.delete(guildMembers).where(eq(guildMembers.guildId, guildId));
        await tx.delete(leaderboardMembers).where(eq(leaderboardMembers.guildId, guildId));
        await tx.delete(digestSchedules).where(eq(digestSchedules.guildId, guildId));
        await tx.delete(digestClaims).where(eq(digestClaims.guildId, guildId));
      });
    },
    async healthy() {
      try {
        await db.execute(sql`select 1`);
        return true;
      } catch {
        return false;
      }
    },
    close: () => postgres.close(),
  };
}
