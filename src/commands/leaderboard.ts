// /leaderboard join|leave|show: a server's opt-in board. Only members who
// joined are ever shown; the board is public in the channel where the
// server's report rules allow public reports, else shown only to the caller.

import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Command, CommandContext } from '../interaction/contract.js';
import { boardLayout } from '../leaderboard/board-layout.js';
import type { BoardService } from '../leaderboard/board-service.js';
import { BOARD_DAYS, BOARD_METRICS, type BoardMetric } from '../leaderboard/ranking.js';
import type { LinkService } from '../linking/link-service.js';
import { type Catalog, textFor } from '../text/catalog.js';
import type { CommandDeps, CommandModule } from './command-module.js';
import { choice, describedAs, serverCommand } from './definition.js';
import { publicRefusal } from './public-reports.js';

export const data = serverCommand({
  ...describedAs('leaderboard'),
  options: [
    { type: ApplicationCommandOptionType.Subcommand, ...describedAs('leaderboard join') },
    { type: ApplicationCommandOptionType.Subcommand, ...describedAs('leaderboard leave') },
    {
      type: ApplicationCommandOptionType.Subcommand,
      ...describedAs('leaderboard show'),
      options: [
        {
          type: ApplicationCommandOptionType.Integer,
          ...describedAs('leaderboard show days'),
          choices: [choice('leaderboard show days 7', 7), choice('leaderboard show days 30', 30)],
        },
        {
          type: ApplicationCommandOptionType.String,
          ...describedAs('leaderboard show by'),
          choices: BOARD_METRICS.map((m) => choice(`leaderboard show by ${m}`, m)),
        },
      ],
    },
  ],
});

export const command: CommandModule = { data, create: (deps) => leaderboardCommand(deps) };

/** Joins the caller to the server's board, if their X link works; the line to answer. */
export async function joinBoard(boards: BoardService, links: Pick<LinkService, 'account'>, t: Catalog, guildId: string, userId: string) {
  const account = await links.account(userId);
  if (!account) return t.leaderboard.notLinked;
  if (account.status !== 'active') return t.leaderboard.brokenLink;
  return (await boards.join(guildId, userId)) ? t.leaderboard.joined : t.leaderboard.joinedAlready;
}

function leaderboardCommand({ boards, links, settings }: Pick<CommandDeps, 'boards' | 'links' | 'settings'>): Command {
  return {
    data,
    async execute(ctx) {
      const t = textFor(ctx.locale);
      const reply = (content: string) => ctx.reply({ ephemeral: true, content });
      // Discord offers it only in servers that installed the bot; a forged payload from elsewhere is answered, not obeyed.
      if (!ctx.guildId) return reply(t.admin.serverOnly.replace('/twitter-admin', '/leaderboard'));
      const guildId = ctx.guildId;
      switch (ctx.options.subcommand) {
        case 'join':
          return reply(await joinBoard(boards, links, t, guildId, ctx.user.id));
        case 'leave':
          return reply((await boards.leave(guildId, ctx.user.id)) ? t.leaderboard.left : t.leaderboard.leftAlready);
        case 'show':
          return show(ctx, boards, t, guildId, await publicRefusal(t, settings, guildId, ctx.channelId));
        default:
          return reply(t.admin.unknownSubcommand);
      }
    },
  };
}

async function show(ctx: CommandContext, boards: BoardService, t: Catalog, guildId: string, refusal: string | null): Promise<void> {
  const askedDays = ctx.options.integer('days') ?? 7;
  const days = (BOARD_DAYS as readonly number[]).includes(askedDays) ? askedDays : 7;
  const askedBy = ctx.options.string('by') ?? 'engagement';
  const metric: BoardMetric = (BOARD_METRICS as readonly string[]).includes(askedBy) ? (askedBy as BoardMetric) : 'engagement';
  // Reading members' timelines from X may take longer than Discord's 3 seconds.
  await ctx.defer({ ephemeral: refusal !== null });
  const [answer, callerOn] = await Promise.all([
    boards.board({ guildId, days, metric, callerId: ctx.user.id, read: true }),
    boards.isMember(guildId, ctx.user.id),
  ]);
  const message = boardLayout(t, answer, metric, days, callerOn);
  if (refusal && message.layout) message.layout.unshift({ type: 10, content: t.leaderboard.privateHere(refusal) });
  await ctx.edit(message);
}
