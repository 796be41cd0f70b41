import type { APIRole } from 'discord-api-types/v10';
import type { GuildApi } from '../discord-api/guild-api.js';
import type { MemberRoles } from './permissions.js';

/** What permission checks need to know about the bot in one server, from Discord. */
export interface BotInGuild {
  ownerId: string | undefined;
  roles: APIRole[];
  bot: MemberRoles;
}

export async function botInGuild(api: GuildApi, guildId: string): Promise<BotInGuild> {
  const [guild, botId] = await Promise.all([api.guild(guildId), api.botUserId()]);
  const member = await api.member(guildId, botId);
  return { ownerId: guild.owner_id, roles: guild.roles, bot: { userId: botId, roleIds: member.roles } };
}
