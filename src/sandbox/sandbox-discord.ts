// The sandbox's Discord: the local Discord (src/local-discord, the one the
// tests use) with the sandbox's application, its two servers, their channels
// and roles, as strict as Discord (the bot posts only where it is) and kept
// to a window of requests and messages, since the sandbox runs for hours.

import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { StandInGuild } from '../local-discord/guilds.js';
import { LocalDiscord } from '../local-discord/local-discord.js';
import { MEMBER_PERMISSIONS } from './places.js';

export const SANDBOX_APPLICATION_ID = '1600000000000000001';
export const SANDBOX_BOT_ID = SANDBOX_APPLICATION_ID;
export const SANDBOX_GUILD_ID = '1600000000000000002';
export const SANDBOX_CHANNEL_ID = '1600000000000000003';

/** The servers the console can speak in: each with its channel and roles (the bot's own, one for linked members, mods). */
export const SANDBOX_GUILDS = [
  {
    id: SANDBOX_GUILD_ID,
    name: 'Sandbox server',
    channelId: SANDBOX_CHANNEL_ID,
    roles: { bot: '1600000000000000011', linked: '1600000000000000012', mods: '1600000000000000013' },
  },
  {
    id: '1600000000000000004',
    name: 'Second server',
    channelId: '1600000000000000005',
    roles: { bot: '1600000000000000021', linked: '1600000000000000022', mods: '1600000000000000023' },
  },
] as const;
export type SandboxGuild = (typeof SANDBOX_GUILDS)[number];
export const guildById = (id: string | undefined): SandboxGuild | undefined => SANDBOX_GUILDS.find((g) => g.id === id);
export const guildOfChannel = (id: string | undefined): SandboxGuild | undefined => SANDBOX_GUILDS.find((g) => g.channelId === id);

export const BOT_PERMISSIONS = P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles | P.ManageRoles;

function standInGuild(g: SandboxGuild): StandInGuild {
  const role = (id: string, name: string, position: number, permissions: bigint) => ({
    id,
    name,
    position,
    permissions: String(permissions),
  });
  return {
    id: g.id,
    name: g.name,
    ownerId: '1600000000000000099',
    roles: [
      role(g.id, '@everyone', 0, MEMBER_PERMISSIONS),
      role(g.roles.linked, 'X linked', 1, 0n),
      role(g.roles.mods, 'Mods', 2, P.ManageMessages),
      role(g.roles.bot, 'X report bot', 3, BOT_PERMISSIONS),
    ],
    members: new Map([[SANDBOX_BOT_ID, [g.roles.bot]]]),
    channels: new Map([[g.channelId, { id: g.channelId, type: 0, guild_id: g.id, name: 'general', permission_overwrites: [] }]]),
  };
}

export function sandboxDiscord(botToken: string): LocalDiscord {
  const discord = new LocalDiscord({
    applicationId: SANDBOX_APPLICATION_ID,
    botUser: { id: SANDBOX_BOT_ID, username: 'X report bot' },
    botToken,
    strict: true,
  });
  for (const g of SANDBOX_GUILDS) discord.guilds.set(g.id, standInGuild(g));
  discord.keepRequests = 500;
  // Files live as long as the message that shows them.
  discord.log.keep = 200;
  discord.log.keepInteractions = 1000;
  return discord;
}
