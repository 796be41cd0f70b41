// Where the console's member speaks, and what Discord then puts in an
// interaction: a server that installed the bot, a server that did not (the
// member installed the app to their own account), the bot's DM, or a group
// DM with friends (again only through the member's own install). Discord
// lists a command there only when its contexts and integration types allow,
// and says in authorizing_integration_owners which install let it through.

import { PermissionFlagsBits as P, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';

/** What a member without Manage Server holds in the channel; an admin holds every permission, as Discord computes it. */
export const MEMBER_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles | P.ReadMessageHistory | P.UseApplicationCommands;
export const ALL_PERMISSIONS = (1n << 51n) - 1n;

export type RawOption = { name: string; type: number; value?: string | number | boolean; focused?: boolean; options?: RawOption[] };

export const WHERE = ['server', 'foreign-server', 'bot-dm', 'private-channel'] as const;
export type Where = (typeof WHERE)[number];

/** A server the member is in where the bot was never added: the console's only server of that kind. */
export const FOREIGN_GUILD = { id: '1600000000000000006', name: 'Friends’ server (no bot)', channelId: '1600000000000000007' } as const;

/** What an app holds where it has no bot user: @everyone's, limited to what an answer can use (Discord's rule). */
export const APP_ONLY_PERMISSIONS = P.AttachFiles | P.EmbedLinks | P.MentionEveryone | P.UseExternalEmojis;

/** The place a console request names; `dm: true` is the older way of naming the bot's DM. */
export function whereOf(request: { where?: unknown; dm?: unknown }): Where {
  if ((WHERE as readonly unknown[]).includes(request.where)) return request.where as Where;
  return request.dm === true ? 'bot-dm' : 'server';
}

/** Whether Discord lists the command for this member here: contexts, integration types, and in servers its default permissions. */
export function offeredHere(
  command: RESTPostAPIChatInputApplicationCommandsJSONBody,
  permissions: { admin: boolean; member: bigint; all: bigint },
  where: Where,
): boolean {
  const context = where === 'bot-dm' ? 1 : where === 'private-channel' ? 2 : 0;
  if (!((command.contexts ?? [0, 1, 2]) as number[]).includes(context)) return false;
  // Where the server did not install the app, only the member's own install reaches: user-installable commands only.
  const userInstallOnly = where === 'foreign-server' || where === 'private-channel';
  if (userInstallOnly && !((command.integration_types ?? [0]) as number[]).includes(1)) return false;
  if (context !== 0 || command.default_member_permissions === undefined || command.default_member_permissions === null) return true;
  const needed = BigInt(command.default_member_permissions);
  return ((permissions.admin ? permissions.all : permissions.member) & needed) === needed;
}

export interface PlaceIds {
  userId: string;
  /** The server, where the place is one (the sandbox's chosen server, or FOREIGN_GUILD). */
  guild: { id: string; channelId: string };
  /** The member's DM with the bot, or their group DM with friends. */
  dmChannelId: string;
  /** What the guild member object says of them, in a server. */
  member: Record<string, unknown>;
  user: Record<string, unknown>;
  botPermissions: bigint;
}

/** The interaction's fields that say where it happened, as Discord sends them for each place. */
export function placeFields(where: Where, ids: PlaceIds): Record<string, unknown> {
  const server = (guildId: string, channelId: string) => ({
    context: 0,
    guild_id: guildId,
    guild_locale: 'en-US',
    channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: guildId, name: 'general' },
    member: ids.member,
  });
  switch (where) {
    case 'server':
      return {
        ...server(ids.guild.id, ids.guild.channelId),
        app_permissions: String(ids.botPermissions),
        authorizing_integration_owners: { 0: ids.guild.id },
      };
    case 'foreign-server':
      return {
        ...server(FOREIGN_GUILD.id, FOREIGN_GUILD.channelId),
        app_permissions: String(APP_ONLY_PERMISSIONS),
        authorizing_integration_owners: { 1: ids.userId },
      };
    case 'bot-dm':
      return {
        context: 1,
        user: ids.user,
        channel_id: ids.dmChannelId,
        channel: { id: ids.dmChannelId, type: 1 },
        app_permissions: String(APP_ONLY_PERMISSIONS),
        // A server install used in the bot's DM: Discord names it "0".
        authorizing_integration_owners: { 0: '0' },
      };
    case 'private-channel':
      return {
        context: 2,
        user: ids.user,
        channel_id: ids.dmChannelId,
        channel: { id: ids.dmChannelId, type: 3, name: 'Friends' },
        app_permissions: String(APP_ONLY_PERMISSIONS),
        authorizing_integration_owners: { 1: ids.userId },
      };
  }
}

/**
 * Why Discord would not send this interaction, or null: a command it does not offer this member here
 * (default_member_permissions outside DMs, contexts), or an option value that is not one of its listed choices.
 */
export function refusedByDiscord(
  commands: RESTPostAPIChatInputApplicationCommandsJSONBody[],
  request: { name: string; kind: string; options: RawOption[]; member: { admin: boolean }; dm?: boolean; where?: Where },
): string | null {
  const command = commands.find((c) => c.name === request.name);
  if (!command) return `Discord offers no command /${request.name}`;
  if (!offeredTo(command, request.member.admin, whereOf(request))) return `Discord does not offer /${request.name} to this member here`;
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

/** Whether Discord lists the command for this member here (true: the bot's DM); see places.ts. */
export function offeredTo(command: RESTPostAPIChatInputApplicationCommandsJSONBody, admin: boolean, where: boolean | Where): boolean {
  const place = typeof where === 'boolean' ? (where ? 'bot-dm' : 'server') : where;
  return offeredHere(command, { admin, member: MEMBER_PERMISSIONS, all: ALL_PERMISSIONS }, place);
}
