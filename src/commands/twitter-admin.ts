// /twitter-admin: per-server settings for admins. Discord hides it from
// members without Manage Server (default_member_permissions), and the
// handler checks again, since an admin can override that default. Each
// subcommand lives in twitter-admin/.

import {
  ApplicationCommandOptionType,
  ChannelType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { isServerManager } from '../guilds/permissions.js';
import type { Command } from '../interaction/contract.js';
import { textFor } from '../text/catalog.js';
import type { CommandModule } from './command-module.js';
import { choice, describedAs, serverCommand } from './definition.js';

import type { AdminDeps } from './twitter-admin/admin-deps.js';
import { digestOff, setDigest } from './twitter-admin/digest.js';
import { clearLinkedRole, setLinkedRole } from './twitter-admin/linked-role.js';
import { setBudget, setReportsChannel, setVisibility } from './twitter-admin/settings.js';
import { statusMessage } from './twitter-admin/status.js';

export const data: RESTPostAPIChatInputApplicationCommandsJSONBody = serverCommand({
  ...describedAs('twitter-admin'),
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      ...describedAs('twitter-admin status'),
    },
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      ...describedAs('twitter-admin linked-role'),
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          ...describedAs('twitter-admin linked-role set'),
          options: [{ type: ApplicationCommandOptionType.Role, ...describedAs('twitter-admin linked-role set role'), required: true }],
        },
        { type: ApplicationCommandOptionType.Subcommand, ...describedAs('twitter-admin linked-role clear') },
      ],
    },
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      ...describedAs('twitter-admin reports'),
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          ...describedAs('twitter-admin reports visibility'),
          options: [
            {
              type: ApplicationCommandOptionType.String,
              ...describedAs('twitter-admin reports visibility visibility'),
              required: true,
              choices: [
                choice('twitter-admin reports visibility visibility private-only', 'private-only'),
                choice('twitter-admin reports visibility visibility public-allowed', 'public-allowed'),
              ],
            },
          ],
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          ...describedAs('twitter-admin reports channel'),
          options: [
            {
              type: ApplicationCommandOptionType.Channel,
              ...describedAs('twitter-admin reports channel channel'),
              channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
            },
          ],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      ...describedAs('twitter-admin digest'),
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          ...describedAs('twitter-admin digest set'),
          options: [
            {
              type: ApplicationCommandOptionType.Channel,
              ...describedAs('twitter-admin digest set channel'),
              required: true,
              channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
            },
            {
              type: ApplicationCommandOptionType.Integer,
              ...describedAs('twitter-admin digest set day'),
              required: true,
              choices: ([1, 2, 3, 4, 5, 6, 0] as const).map((d) => choice(`twitter-admin digest set day ${d}`, d)),
            },
            {
              type: ApplicationCommandOptionType.String,
              ...describedAs('twitter-admin digest set time'),
              required: true,
              max_length: 5,
            },
            {
              type: ApplicationCommandOptionType.String,
              ...describedAs('twitter-admin digest set timezone'),
              max_length: 64,
            },
          ],
        },
        { type: ApplicationCommandOptionType.Subcommand, ...describedAs('twitter-admin digest off') },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      ...describedAs('twitter-admin budget'),
      options: [
        {
          type: ApplicationCommandOptionType.Integer,
          ...describedAs('twitter-admin budget posts-per-month'),
          required: true,
          min_value: 0,
          max_value: 10_000_000,
        },
      ],
    },
  ],
});

export const command: CommandModule = { data, create: (deps) => twitterAdminCommand(deps) };

function twitterAdminCommand(deps: AdminDeps): Command {
  return {
    data,
    async execute(ctx) {
      const t = textFor(ctx.locale);
      const reply = (content: string) => ctx.reply({ ephemeral: true, content });
      if (!ctx.guildId) return reply(t.admin.serverOnly);
      const subcommand = [ctx.options.subcommandGroup, ctx.options.subcommand].filter(Boolean).join(' ');
      if (!isServerManager(ctx.memberPermissions))
        return reply(subcommand === 'status' ? t.admin.managersOnlyStatus : t.admin.managersOnly);
      const guildId = ctx.guildId;
      switch (subcommand) {
        case 'status':
          // Asks Discord several things: more than the 3-second window allows for sure.
          await ctx.defer({ ephemeral: true });
          return ctx.edit(await statusMessage(deps, t, ctx, guildId));
        case 'linked-role set':
          await ctx.defer({ ephemeral: true });
          return ctx.edit({ content: await setLinkedRole(deps, t, guildId, ctx.options.string('role') ?? '') });
        case 'linked-role clear':
          return reply(await clearLinkedRole(deps, t, guildId));
        case 'reports visibility':
          return reply(await setVisibility(deps, t, guildId, ctx.options.string('visibility')));
        case 'reports channel':
          return reply(await setReportsChannel(deps, t, guildId, ctx.options.string('channel') ?? null));
        case 'digest set':
          // Checks the channel with Discord: more than the 3-second window allows for sure.
          await ctx.defer({ ephemeral: true });
          return ctx.edit({
            content: await setDigest(deps, t, guildId, {
              channelId: ctx.options.string('channel') ?? null,
              weekday: ctx.options.integer('day'),
              time: ctx.options.string('time'),
              timeZone: ctx.options.string('timezone'),
              locale: ctx.locale,
            }),
          });
        case 'digest off':
          return reply(await digestOff(deps, t, guildId));
        case 'budget':
          return reply(await setBudget(deps, t, guildId, ctx.options.integer('posts-per-month') ?? 0));
        default:
          return reply(t.admin.unknownSubcommand);
      }
    },
  };
}
