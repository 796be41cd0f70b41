// Whether the bot may post in a channel, checked with Discord (its roles, the
// channel's overwrites), for the weekly digest: when an admin sets the
// channel, and again each time it posts. The digest needs to see the channel
// and send messages; it attaches nothing.

import { PermissionFlagsBits } from 'discord-api-types/v10';
import { type DiscordFailure, discordFailureOf, type GuildApi } from '../discord-api/guild-api.js';
import { botInGuild } from './bot-membership.js';
import { basePermissions, channelPermissions } from './permissions.js';

export type ChannelCheck = { ok: true } | { ok: false; missing: string[] } | { ok: false; failure: DiscordFailure };

const NEEDED: ReadonlyArray<{ flag: bigint; name: string }> = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channels' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages' },
];

export async function canPostIn(api: GuildApi, guildId: string, channelId: string): Promise<ChannelCheck> {
  try {
    const [{ ownerId, roles, bot }, channel] = await Promise.all([botInGuild(api, guildId), api.channel(channelId)]);
    if (!('guild_id' in channel) || channel.guild_id !== guildId) return { ok: false, failure: 'missing-access' };
    const overwrites = 'permission_overwrites' in channel ? channel.permission_overwrites : [];
    const perms = channelPermissions(basePermissions(guildId, ownerId, roles, bot), guildId, bot, overwrites);
    const missing = NEEDED.filter(({ flag }) => (perms & flag) !== flag).map(({ name }) => name);
    return missing.length ? { ok: false, missing } : { ok: true };
  } catch (err) {
    return { ok: false, failure: discordFailureOf(err) };
  }
}
