// A server for the Discord stand-in: @everyone, the bot's role, a role for
// linked members, a moderators' role above the bot's, an integration role.

import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { GUILD_ID } from './discord-payloads.js';
import { BOT_USER_ID, type DiscordStandIn, type StandInGuild } from './discord-stand-in.js';

export const ROLES = {
  bot: '1300000000000000001',
  linked: '1300000000000000002',
  mods: '1300000000000000003',
  managed: '1300000000000000004',
};
export const REPORTS_CHANNEL = '1300000000000000010';
export const OWNER_ID = '1300000000000000099';

export function addGuild(
  discord: DiscordStandIn,
  botPermissions: bigint = P.ManageRoles | P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles,
): StandInGuild {
  const guild: StandInGuild = {
    id: GUILD_ID,
    ownerId: OWNER_ID,
    roles: [
      { id: GUILD_ID, name: '@everyone', position: 0, permissions: String(P.ViewChannel | P.SendMessages) },
      { id: ROLES.linked, name: 'X linked', position: 2, permissions: '0' },
      { id: ROLES.bot, name: 'X bot', position: 5, permissions: String(botPermissions), managed: false },
      { id: ROLES.mods, name: 'Mods', position: 8, permissions: String(P.ManageMessages) },
      { id: ROLES.managed, name: 'Some integration', position: 1, permissions: '0', managed: true },
    ],
    members: new Map([[BOT_USER_ID, [ROLES.bot]]]),
    channels: new Map([
      [
        REPORTS_CHANNEL,
        {
          id: REPORTS_CHANNEL,
          type: 0,
          guild_id: GUILD_ID,
          permission_overwrites: [{ id: ROLES.bot, type: 0, allow: '0', deny: String(P.AttachFiles) }],
        },
      ],
    ]),
  };
  discord.guilds.set(GUILD_ID, guild);
  return guild;
}
