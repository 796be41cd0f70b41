// Every store the bot uses, in the one async shape (see db/async-store.ts),
// whichever engine holds them. Only this folder knows which one runs.

import type { UsageStore } from '../budget/usage-store.js';
import type { Async } from '../db/async-store.js';
import type { LinkOwner } from '../db/link-owner.js';
import type { InteractionLedger } from '../discord/replay-guard.js';
import type { GuildRoster } from '../guilds/guild-roster.js';
import type { MemberStore } from '../guilds/member-store.js';
import type { SettingsStore } from '../guilds/settings-store.js';
import type { LeaderboardStore } from '../leaderboard/leaderboard-store.js';
import type { LinkStore } from '../linking/link-store.js';
import type { RevocationStore } from '../linking/revocation-store.js';
import type { Admissions } from '../report/admissions.js';
import type { RenderSource } from '../report/render-pool.js';
import type { ReportRunStore } from '../report/run-store.js';
import type { ReportViewStore } from '../report/view-store.js';
import type { PostStore } from '../report/x-cache.js';
import type { ZonePreferences } from '../report/zone-preferences.js';
import type { ConnectionStore } from '../role-connections/connection-store.js';

export interface Stores {
  engine: 'sqlite' | 'postgres';
  links: Async<LinkStore>;
  revocations: Async<RevocationStore>;
  posts: PostStore;
  runs: Async<ReportRunStore>;
  admissions: Async<Admissions>;
  usage: Async<UsageStore>;
  zones: Async<ZonePreferences>;
  settings: Async<SettingsStore>;
  members: Async<MemberStore>;
  roster: Async<GuildRoster>;
  connections: Async<ConnectionStore>;
  replays: Async<InteractionLedger>;
  /** Rendered reports whose buttons may be pressed. */
  views: Async<ReportViewStore>;
  /** Who joined each server's leaderboard. */
  leaderboard: LeaderboardStore;
  /** A member unlinked: their posts, runs (made anonymous), zone, report views and board places go in one transaction. */
  forgetMemberData(account: LinkOwner): Promise<void>;
  /** The bot left a server: its settings, seen members and board go in one transaction. */
  forgetGuild(guildId: string): Promise<void>;
  /** Where the render worker finds the posts a report shows. */
  renderSource: RenderSource;
  /** Starts the engine's own background work (SQLite's checkpoints). */
  start(): void;
  /** Whether the database answers (the health check). */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
