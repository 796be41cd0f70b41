// What the bot keeps about servers: their settings, the members it has seen
// use a command in each, and which servers it is in. Each engine
// (storage/sqlite, storage/postgres) implements these.

import type { GuildSettings } from '../db/schema.js';

export type SettingsChange = Partial<Omit<GuildSettings, 'guildId' | 'updatedAt'>>;

export function defaultSettings(guildId: string): GuildSettings {
  return { guildId, linkedRoleId: null, publicReports: true, reportsChannelId: null, monthlyPostBudget: null, updatedAt: 0 };
}

/** Per-server settings, as admins set them with /twitter-admin. */
export interface SettingsStore {
  get(guildId: string): Promise<GuildSettings>;
  update(guildId: string, change: SettingsChange, now: number): Promise<GuildSettings>;
  /** The bot left the server: its settings go. */
  forgetGuild(guildId: string): Promise<void>;
}

/**
 * Members not seen using the bot in a server for a year are forgotten there.
 * The record is what lets an unlink take back a linked role in that server, so
 * it is kept long; past a year a role left behind is the server's to tidy.
 */
export const MEMBER_RETENTION_MS = 365 * 86_400_000;

/** How stale the recorded sighting may be before a command records it again. */
export const SEEN_RESOLUTION_MS = 86_400_000;

/** The members the bot has seen use a command in each server: whom a linked role applies to (the bot has no member list of its own: Guilds intent only). */
export interface MemberStore {
  /** Records that a member used the bot in a server. */
  seen(guildId: string, discordUserId: string, now: number): Promise<void>;
  /** The servers the member has been seen in that give a linked role, with that role. */
  linkedRolesFor(discordUserId: string): Promise<Array<{ guildId: string; roleId: string }>>;
  /** Members seen in a server whose X account is linked and working. */
  linkedMembers(guildId: string): Promise<string[]>;
  forgetMember(discordUserId: string): Promise<void>;
  /** The bot left the server: whom it saw there no longer matters. */
  forgetGuild(guildId: string): Promise<void>;
  /** Forgets members not seen since `before`; returns how many. */
  forgetUnseenSince(before: number): Promise<number>;
}

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

/**
 * The servers the bot is in. Discord tells the gateway of joins and removals
 * as they happen, but not of those during an outage that ends in a new
 * session: the READY that starts it only lists the servers the bot is in now.
 * Comparing that list with what the bot knows finds both.
 */
export interface GuildRoster {
  /**
   * Takes the servers a READY lists. On the very first READY (nothing known
   * yet) they are recorded without counting as joined: the bot was added to
   * them before it ever ran, and has nothing to catch up on. Servers with
   * settings or seen members count as known too, so a removal is found even
   * before the roster was first filled.
   */
  reconcile(listed: readonly string[], shard?: Shard): Promise<Reconciled>;
  joined(guildId: string): Promise<void>;
  left(guildId: string): Promise<void>;
}
