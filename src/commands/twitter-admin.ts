// /twitter-admin: per-server settings for admins. Discord hides it from
// members without Manage Server (default_member_permissions), and the
// handler checks again, since an admin can override that default. Each
// subcommand lives in twitter-admin/.

import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { isServerManager } from '../guilds/permissions.js';
import type { Command } from '../interaction/contract.js';
import { textFor } from '../text/catalog.js';
import type { CommandModule } from './command-module.js';
import type { AdminDeps } from './twitter-admin/admin-deps.js';
import { clearLinkedRole, setLinkedRole } from './twitter-admin/linked-role.js';
import { setBudget, setReportsChannel, setVisibility } from './twitter-admin/settings.js';
import { statusMessage } from './twitter-admin/status.js';

export const data: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: 'twitter-admin',
  description: 'Set up the X report bot for this server',
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'status',
      description: 'Linked members, settings, missing permissions and X usage this month',
    },
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: 'linked-role',
      description: 'A role the bot gives members while their X account is linked',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'set',
          description: 'Give this role to linked members (and to those who linked already)',
          options: [{ type: ApplicationCommandOptionType.Role, name: 'role', description: 'The role to give', required: true }],
        },
        { type: ApplicationCommandOptionType.Subcommand, name: 'clear', description: 'Stop giving a role for linking' },
      ],
    },
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: 'reports',
      description: 'Whether and where reports may be posted publicly',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'visibility',
          description: 'Allow /report public:true, or keep every report private',
          options: [
            {
              type: ApplicationCommandOptionType.String,
              name: 'visibility',
              description: 'Who may see reports',
              required: true,
              choices: [
                { name: 'private only', value: 'private-only' },
                { name: 'public allowed', value: 'public-allowed' },
              ],
            },
          ],
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'channel',
          description: 'Allow public reports only in one channel (leave empty for any channel)',
          options: [
            {
              type: ApplicationCommandOptionType.Channel,
              name: 'channel',
              description: 'The channel for public reports',
              channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
            },
          ],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'budget',
      description: "Cap the X posts this server's reports may read per month (0: no cap)",
      options: [
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'posts-per-month',
          description: 'Posts per calendar month (UTC)',
          required: true,
          min_value: 0,
          max_value: 10_000_000,
        },
      ],
    },
  ],
};

export const command: CommandModule = { data, create: (deps) => twitterAdminCommand(deps) };

function twitterAdminCommand(deps: AdminDeps): Command {
  return {
    data,
    async execute(ctx) {
      const t = textFor(ctx.locale);
      const reply = (content: string) => ctx.reply({ ephemeral: true, content });
      if (!ctx.guildId) return reply(t.admin.serverOnly);
      if (!isServerManager(ctx.memberPermissions)) return reply(t.admin.managersOnly);
      const guildId = ctx.guildId;
      switch ([ctx.options.subcommandGroup, ctx.options.subcommand].filter(Boolean).join(' ')) {
        case 'status':
          // Asks Discord several things: more than the 3-second window allows for sure.
          await ctx.defer({ ephemeral: true });
          return ctx.edit(await statusMessage(deps, t, ctx, guildId));
        case 'linked-role set':
          await ctx.defer({ ephemeral: true });
          return ctx.edit({ content: await setLinkedRole(deps, t, guildId, ctx.options.string('role') ?? '') });
        case 'linked-role clear':
          return reply(clearLinkedRole(deps, t, guildId));
        case 'reports visibility':
          return reply(setVisibility(deps, t, guildId, ctx.options.string('visibility')));
        case 'reports channel':
          return reply(setReportsChannel(deps, t, guildId, ctx.options.string('channel') ?? null));
        case 'budget':
          return reply(setBudget(deps, t, guildId, ctx.options.integer('posts-per-month') ?? 0));
        default:
          return reply(t.admin.unknownSubcommand);
      }
    },
  };
}
