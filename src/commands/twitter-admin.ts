// /twitter-admin: per-server settings for admins. Discord hides it from
// members without Manage Server (default_member_permissions), and the
// handler checks again, since an admin can override that default.

import {
  type APIEmbedField,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { nextMonthStart } from '../budget/budget.js';
import { botInGuild } from '../guilds/bot-membership.js';
import { describeRoleProblem } from '../guilds/linked-role.js';
import { missingNames } from '../guilds/permission-names.js';
import { basePermissions, channelPermissions, type RoleProblem, roleProblem } from '../guilds/permissions.js';
import type { Command, CommandContext } from '../interaction/contract.js';
import { formatCount } from '../report/narrative.js';
import type { CommandDeps, CommandModule } from './command-module.js';

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

type AdminDeps = Pick<CommandDeps, 'settings' | 'members' | 'roles' | 'budget' | 'guildApi' | 'now'>;

export function isServerManager(perms: bigint | null): boolean {
  if (perms === null) return false;
  return (perms & PermissionFlagsBits.Administrator) !== 0n || (perms & PermissionFlagsBits.ManageGuild) !== 0n;
}

export const command: CommandModule = { data, create: (deps) => twitterAdminCommand(deps) };

function twitterAdminCommand(deps: AdminDeps): Command {
  return {
    data,
    async execute(ctx) {
      if (!ctx.guildId) {
        await ctx.reply({ ephemeral: true, content: '`/twitter-admin` works only in a server.' });
        return;
      }
      if (!isServerManager(ctx.memberPermissions)) {
        await ctx.reply({ ephemeral: true, content: 'Only members with the **Manage Server** permission can change the bot’s settings.' });
        return;
      }
      const guildId = ctx.guildId;
      const route = [ctx.options.subcommandGroup, ctx.options.subcommand].filter(Boolean).join(' ');
      switch (route) {
        case 'status':
          await ctx.defer({ ephemeral: true });
          await ctx.edit(await statusMessage(deps, ctx, guildId));
          return;
        case 'linked-role set':
          await ctx.defer({ ephemeral: true });
          await ctx.edit({ content: await setLinkedRole(deps, guildId, ctx.options.string('role') ?? '') });
          return;
        case 'linked-role clear':
          deps.settings.update(guildId, { linkedRoleId: null }, deps.now());
          await ctx.reply({
            ephemeral: true,
            content: 'The bot no longer gives a role for linking. Members keep roles they already have.',
          });
          return;
        case 'reports visibility': {
          const open = ctx.options.string('visibility') === 'public-allowed';
          deps.settings.update(guildId, { publicReports: open }, deps.now());
          await ctx.reply({
            ephemeral: true,
            content: open
              ? 'Members may now post reports publicly with `/report public:true`.'
              : 'Reports are now always private to the member who asks.',
          });
          return;
        }
        case 'reports channel': {
          const channelId = ctx.options.string('channel') ?? null;
          deps.settings.update(guildId, { reportsChannelId: channelId }, deps.now());
          await ctx.reply({
            ephemeral: true,
            content: channelId
              ? `Public reports are now allowed only in <#${channelId}>.`
              : 'Public reports are now allowed in any channel.',
          });
          return;
        }
        case 'budget': {
          const cap = ctx.options.integer('posts-per-month') ?? 0;
          deps.settings.update(guildId, { monthlyPostBudget: cap > 0 ? cap : null }, deps.now());
          const used = deps.budget.state(guildId).guild?.postsRead ?? 0;
          await ctx.reply({
            ephemeral: true,
            content:
              cap > 0
                ? `Reports requested here may read up to ${formatCount(cap)} posts from X per month. ${formatCount(used)} read so far this month.`
                : `This server's X budget cap is removed. ${formatCount(used)} posts read so far this month.`,
          });
          return;
        }
        default:
          await ctx.reply({ ephemeral: true, content: 'Unknown subcommand. The bot’s commands may need registering again.' });
      }
    },
  };
}

async function setLinkedRole(deps: AdminDeps, guildId: string, roleId: string): Promise<string> {
  let problem: RoleProblem | null;
  try {
    problem = await deps.roles.problem(guildId, roleId);
  } catch (err) {
    return `I could not check the role with Discord (${(err as Error).message}). Nothing was changed.`;
  }
  if (problem) return `${describeRoleProblem(problem, roleId)} Nothing was changed.`;
  deps.settings.update(guildId, { linkedRoleId: roleId }, deps.now());
  const result = await deps.roles.backfill(guildId, roleId);
  const lines = [`Members who link their X account now get <@&${roleId}>, and lose it when they unlink.`];
  lines.push(
    `Gave it to ${result.given} member${result.given === 1 ? '' : 's'} who had linked already${result.skipped ? ` (${result.skipped} had left the server)` : ''}.`,
  );
  if (result.failure) lines.push(`Discord stopped the rest: ${result.failure.message}. Fix the permission and run this again.`);
  return lines.join('\n');
}

async function statusMessage(deps: AdminDeps, ctx: CommandContext, guildId: string) {
  const settings = deps.settings.get(guildId);
  const budget = deps.budget.state(guildId);
  const problems: string[] = [];
  if (ctx.appPermissions !== null) {
    const missing = missingNames(ctx.appPermissions);
    if (missing.length) problems.push(`In this channel I lack: ${missing.join(', ')}.`);
  }
  // Both checks need the bot's roles in this server: asked once, when the first check needs them.
  let asked: ReturnType<typeof botInGuild> | undefined;
  const botMembership = () => {
    asked ??= botInGuild(deps.guildApi, guildId);
    return asked;
  };
  if (settings.linkedRoleId) {
    try {
      const { ownerId, roles, bot } = await botMembership();
      const problem = roleProblem(guildId, ownerId, roles, bot, settings.linkedRoleId);
      if (problem) problems.push(describeRoleProblem(problem, settings.linkedRoleId));
    } catch (err) {
      problems.push(`Could not check the linked role: ${(err as Error).message}.`);
    }
  }
  if (settings.reportsChannelId) {
    try {
      const [{ ownerId, roles, bot }, channel] = await Promise.all([botMembership(), deps.guildApi.channel(settings.reportsChannelId)]);
      const overwrites = 'permission_overwrites' in channel ? channel.permission_overwrites : [];
      const perms = channelPermissions(basePermissions(guildId, ownerId, roles, bot), guildId, bot, overwrites);
      const missing = missingNames(perms);
      if (missing.length) problems.push(`In <#${settings.reportsChannelId}> I lack: ${missing.join(', ')}.`);
    } catch (err) {
      problems.push(`I can't read <#${settings.reportsChannelId}> (${(err as Error).message}).`);
    }
  }
  const month = new Date(deps.now()).toISOString().slice(0, 7);
  const cap = (n: number | null) => (n === null ? 'no cap' : `cap ${formatCount(n)}`);
  const fields: APIEmbedField[] = [
    { name: 'Linked members', value: `${deps.members.linkedMembers(guildId).length} member(s) of this server have linked an X account.` },
    {
      name: 'Settings',
      value: [
        `Linked role: ${settings.linkedRoleId ? `<@&${settings.linkedRoleId}>` : 'none'}`,
        `Public reports: ${settings.publicReports ? 'allowed' : 'off (private only)'}${settings.reportsChannelId ? `, only in <#${settings.reportsChannelId}>` : ''}`,
        `Monthly budget: ${settings.monthlyPostBudget === null ? 'no cap' : `${formatCount(settings.monthlyPostBudget)} posts`}`,
      ].join('\n'),
    },
    { name: 'Permissions', value: problems.length ? problems.join('\n') : 'Nothing missing.' },
    {
      name: `X usage in ${month} (UTC)`,
      value: [
        `This server: ${formatCount(budget.guild?.requests ?? 0)} requests, ${formatCount(budget.guild?.postsRead ?? 0)} posts read (${cap(budget.guildCap)})`,
        `Whole bot: ${formatCount(budget.app.requests)} requests, ${formatCount(budget.app.postsRead)} posts read (${cap(budget.appCap)})`,
        `Resets <t:${Math.floor(nextMonthStart(deps.now()) / 1000)}:R>.`,
      ].join('\n'),
    },
  ];
  return { embeds: [{ title: 'X report bot: server status', color: 0x1d9bf0, fields }] };
}
