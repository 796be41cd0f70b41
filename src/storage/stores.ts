// Every store the bot uses: the ports each domain folder declares (its
// stores.ts), bundled, whichever engine implements them (sqlite/ or
// postgres/). Only this folder knows which one runs.

import type { UsageStore } from '../budget/stores.js';
import type { DigestStore } from '../digest/stores.js';
import type { GuildRoster, MemberStore, SettingsStore } from '../guilds/stores.js';
import type { ReplayGuard } from '../interaction/stores.js';
import type { LeaderboardStore } from '../leaderboard/stores.js';
import type { LinkOwner, LinkStore, RevocationStore } from '../linking/stores.js';
import type { RenderSource } from '../report/render/render-pool.js';
import type { Admissions, PostStore, ReportRunStore, ReportViewStore, ZonePreferences } from '../report/stores.js';
import type { ConnectionStore } from '../role-connections/stores.js';

export interface Stores {
  engine: 'sqlite' | 'postgres';
  links: LinkStore;
  revocations: RevocationStore;
  posts: PostStore;
  runs: ReportRunStore;
  admissions: Admissions;
  usage: UsageStore;
  zones: ZonePreferences;
  settings: SettingsStore;
  members: MemberStore;
  roster: GuildRoster;
  connections: ConnectionStore;
  replays: ReplayGuard;
  /** Rendered reports whose buttons may be pressed. */
  views: ReportViewStore;
  /** Who joined each server's leaderboard. */
  leaderboard: LeaderboardStore;
  /** Weekly digest schedules and their claims. */
  digests: DigestStore;
  /** A member unlinked: their posts, runs (made anonymous), zone, report views and board places go in one transaction. */
  forgetMemberData(account: LinkOwner): Promise<void>;
  /** The bot left a server: its settings, seen members, board and digest go in one transaction. */
  forgetGuild(guildId: string): Promise<void>;
  /** Where the render worker finds the posts a report shows. */
  renderSource: RenderSource;
  /** Starts the engine's own background work (SQLite's checkpoints). */
  start(): void;
  /** Whether the database answers (the health check). */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
