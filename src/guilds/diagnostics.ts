// What /twitter-admin status checks with Discord: the bot's permissions in
// the channel it was asked in, whether it can give the linked role, and what
// it may do in the reports channel. Findings are data; the command words them.

import type { GuildSettings } from '../db/schema.js';
import { missingBotPermissions } from '../discord-api/bot-permissions.js';
import { type DiscordFailure, discordFailureOf, type GuildApi } from '../discord-api/guild-api.js';
import { type BotInGuild, botInGuild } from './bot-membership.js';
import { basePermissions, channelPermissions, type RoleProblem, roleProblem } from './permissions.js';

export type PermissionFinding =
  | { kind: 'lacks-here'; names: string[] }
  | { kind: 'role'; problem: RoleProblem; roleId: string }
  | { kind: 'role-uncheckable'; failure: DiscordFailure; detail: string }
  | { kind: 'lacks-in-channel'; channelId: string; names: string[] }
  | { kind: 'channel-unreadable'; channelId: string; failure: DiscordFailure; detail: string };

export async function diagnosePermissions(
  api: GuildApi,
  guildId: string,
  settings: GuildSettings,
  /** The bot's permissions in the channel the admin asked in, as Discord sent them. */
  appPermissions: bigint | null,
): Promise<PermissionFinding[]> {
  const findings: PermissionFinding[] = [];
  const here = appPermissions === null ? [] : missingBotPermissions(appPermissions);
  if (here.length) findings.push({ kind: 'lacks-here', names: here });
  // Both checks below need the bot's roles in this server: asked once, when the first needs them.
  let asked: Promise<BotInGuild> | undefined;
  const membership = () => {
    asked ??= botInGuild(api, guildId);
    return asked;
  };
  if (settings.linkedRoleId) {
    try {
      const { ownerId, roles, bot } = await membership();
      const problem = roleProblem(guildId, ownerId, roles, bot, settings.linkedRoleId);
      if (problem) findings.push({ kind: 'role', problem, roleId: settings.linkedRoleId });
    } catch (err) {
      findings.push({ kind: 'role-uncheckable', failure: discordFailureOf(err), detail: (err as Error).message });
    }
  }
  if (settings.reportsChannelId) {
    const channelId = settings.reportsChannelId;
    try {
      const [{ ownerId, roles, bot }, channel] = await Promise.all([membership(), api.channel(channelId)]);
      const overwrites = 'permission_overwrites' in channel ? channel.permission_overwrites : [];
      const names = missingBotPermissions(channelPermissions(basePermissions(guildId, ownerId, roles, bot), guildId, bot, overwrites));
      if (names.length) findings.push({ kind: 'lacks-in-channel', channelId, names });
    } catch (err) {
      findings.push({ kind: 'channel-unreadable', channelId, failure: discordFailureOf(err), detail: (err as Error).message });
    }
  }
  return findings;
}
