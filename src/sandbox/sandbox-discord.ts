// The sandbox's Discord: the local Discord (src/local-discord, the one the
// tests use) with the sandbox's application, its two servers and their
// roles, and what Discord decides before it sends an interaction (which
// commands it offers a member, which option values it lets through).

import { PermissionFlagsBits as P, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { StandInGuild } from '../local-discord/guilds.js';
import { LocalDiscord } from '../local-discord/local-discord.js';

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

/** What a member without Manage Server holds in the channel; an admin holds every permission, as Discord computes it. */
export const MEMBER_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles | P.ReadMessageHistory | P.UseApplicationCommands;
export const ALL_PERMISSIONS = (1n << 51n) - 1n;
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

/** The local Discord as the sandbox runs it: for hours, so it keeps a window of requests and messages. */
export function sandboxDiscord(botToken: string): LocalDiscord {
  const discord = new LocalDiscord({
    applicationId: SANDBOX_APPLICATION_ID,
    botUser: { id: SANDBOX_BOT_ID, username: 'X report bot' },
    botToken,
  });
  for (const g of SANDBOX_GUILDS) discord.guilds.set(g.id, standInGuild(g));
  discord.keepRequests = 500;
  // Files live as long as the message that shows them.
  discord.log.keep = 200;
  return discord;
}

export type RawOption = { name: string; type: number; value?: string | number | boolean; focused?: boolean; options?: RawOption[] };

/**
 * Why Discord would not send this interaction, or null: a command it does not offer this member here
 * (default_member_permissions outside DMs, contexts), or an option value that is not one of its listed choices.
 */
export function refusedByDiscord(
  commands: RESTPostAPIChatInputApplicationCommandsJSONBody[],
  request: { name: string; kind: string; options: RawOption[]; member: { admin: boolean }; dm?: boolean },
): string | null {
  const command = commands.find((c) => c.name === request.name);
  if (!command) return `Discord offers no command /${request.name}`;
  if (!offeredTo(command, request.member.admin, Boolean(request.dm))) return `Discord does not offer /${request.name} to this member here`;
  if (request.kind !== 'command') return null;
  type Def = { name: string; type: number; choices?: Array<{ value: string | number }>; options?: Def[] };
  const check = (given: RawOption[], defs: Def[]): string | null => {
    for (const option of given) {
      const def = defs.find((d) => d.name === option.name);
      if (!def) return `/${request.name} has no option ${option.name}`;
      if (option.options) {
        const inner = check(option.options, def.options ?? []);
        if (inner) return inner;
      } else if (def.choices && !def.choices.some((choice) => choice.value === option.value)) {
        return `${option.name} must be one of ${def.choices.map((choice) => choice.value).join(', ')}`;
      }
    }
    return null;
  };
  return check(request.options, (command.options ?? []) as Def[]);
}

/** Whether Discord lists the command for this member: contexts (0 server, 1 bot DM), and in a server its default permissions. */
export function offeredTo(command: RESTPostAPIChatInputApplicationCommandsJSONBody, admin: boolean, dm: boolean): boolean {
  const contexts = command.contexts ?? [0, 1, 2];
  if (!contexts.includes(dm ? 1 : 0)) return false;
  if (dm || command.default_member_permissions === undefined || command.default_member_permissions === null) return true;
  const needed = BigInt(command.default_member_permissions);
  return ((admin ? ALL_PERMISSIONS : MEMBER_PERMISSIONS) & needed) === needed;
}
