import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { SettingsStore } from '../guilds/stores.js';
import type { Command, CommandContext } from '../interaction/contract.js';
import { answersPrivately } from '../interaction/place.js';
import { textLayout } from '../report/layout/text-layout.js';
import type { ReportPresses } from '../report/report-presses.js';
import { REPORT_PERIODS, type ReportRequest, type ReportService, type ReportTicket } from '../report/report-service.js';
import { channelLocale, textFor } from '../text/catalog.js';
import type { CommandDeps, CommandModule } from './command-module.js';
import { choice, describedAs, memberCommand } from './definition.js';
import { publicRefusal } from './public-reports.js';
import { reportButtons } from './report-buttons.js';

export const data = memberCommand({
  ...describedAs('report'),
  options: [
    {
      ...describedAs('report days'),
      type: ApplicationCommandOptionType.Integer,
      choices: [choice('report days 7', 7), choice('report days 30', 30), choice('report days 90', 90)],
    },
    {
      ...describedAs('report public'),
      type: ApplicationCommandOptionType.Boolean,
    },
    {
      ...describedAs('report timezone'),
      type: ApplicationCommandOptionType.String,
      max_length: 64,
      autocomplete: true,
    },
    {
      ...describedAs('report refresh'),
      type: ApplicationCommandOptionType.Boolean,
    },
  ],
});

const ALLOWED_DAYS = new Set<number>(REPORT_PERIODS);

/** What the member asked for, with the zone they named (else their last) and where their report may go. */
async function requestOf(ctx: CommandContext, reports: ReportService, to: { shareable: boolean }): Promise<ReportRequest> {
  const requestedDays = ctx.options.integer('days') ?? 30;
  const namedZone = ctx.options.string('timezone')?.trim();
  const isPublic = ctx.options.boolean('public') ?? false;
  return {
    discordUserId: ctx.user.id,
    guildId: ctx.guildId,
    days: ALLOWED_DAYS.has(requestedDays) ? requestedDays : 30,
    // A zone they name becomes their default; without one, their last.
    timeZone: namedZone || (await reports.defaultTimeZone(ctx.user.id)),
    rememberZone: Boolean(namedZone),
    // A public report is read by the whole channel: in the server's language, if it chose one.
    locale: isPublic ? channelLocale(ctx.guildLocale, ctx.locale) : ctx.locale,
    interactionToken: ctx.interactionToken,
    refreshProfile: ctx.options.boolean('refresh') ?? false,
    public: isPublic,
    shareable: to.shareable,
    // Where only private answers are allowed, the report says why, as every answer there does.
    foreignPlace: answersPrivately(ctx.place) ? ctx.place.kind : undefined,
  };
}

/**
 * A public report is admitted before the ack: a refusal must stay private
 * while the report itself is posted for the channel, and a deferral's
 * privacy is fixed when it is sent.
 */
async function publicReport(ctx: CommandContext, reports: ReportService, settings: SettingsStore): Promise<void> {
  if (answersPrivately(ctx.place)) {
    await ctx.reply({ ephemeral: true, content: textFor(ctx.locale).place.reportPublicHere(ctx.place.kind) });
    return;
  }
  const refusal = ctx.guildId ? await publicRefusal(textFor(ctx.locale), settings, ctx.guildId, ctx.channelId) : null;
  if (refusal) {
    await ctx.reply({ ephemeral: true, content: refusal });
    return;
  }
  const admission = await reports.admit(await requestOf(ctx, reports, { shareable: false }));
  if (!admission.ok) {
    await ctx.reply({ ephemeral: true, content: admission.message });
    return;
  }
  try {
    await ctx.defer({ ephemeral: false });
  } catch (err) {
    await reports.abandon(admission.ticket.runId).catch(() => undefined); // the run's deadline releases it otherwise
    throw err;
  }
  await queue(ctx, reports, admission.ticket);
}

/** The ack is out: the report joins the queue, and a member with reports ahead is told their place. */
async function queue(ctx: CommandContext, reports: ReportService, ticket: ReportTicket): Promise<void> {
  // Whichever replica makes the report edits this reply with it.
  const ahead = await reports.enqueue(ticket);
  // Components V2, as the report that replaces it: a V2 message cannot become plain again, nor the reverse be relied on.
  if (ahead > 0) await ctx.edit(textLayout(textFor(ctx.locale).report.queued(ahead, reports.readyAt(ahead)))).catch(() => undefined);
}

export const command: CommandModule = {
  data,
  create: ({ reports, settings, presses, boards, links }) => reportCommand(reports, settings, presses, { boards, links }),
};

function reportCommand(
  reports: ReportService,
  settings: SettingsStore,
  presses: ReportPresses,
  board: Pick<CommandDeps, 'boards' | 'links'>,
): Command {
  return {
    data,
    components: reportButtons({ reports, presses, settings, ...board }),
    async execute(ctx) {
      const wantsPublic = ctx.options.boolean('public') ?? false;
      if (wantsPublic) return publicReport(ctx, reports, settings);
      // Private either way, so the ack need not wait for the checks: a refusal replaces the private "thinking"
      // as privately, and in a burst the acks go out first while admissions wait their turn behind them.
      await ctx.defer({ ephemeral: true });
      await reports.afterAcks();
      // Share in channel is offered on a private report only where a public one would pass.
      const refusal = ctx.guildId ? await publicRefusal(textFor(ctx.locale), settings, ctx.guildId, ctx.channelId) : null;
      const request = await requestOf(ctx, reports, { shareable: ctx.guildId !== null && refusal === null });
      const admission = await reports.admit(request);
      if (!admission.ok) {
        await ctx.edit({ content: admission.message });
        return;
      }
      await queue(ctx, reports, admission.ticket);
    },
    autocomplete(ctx) {
      return ctx.focused.name === 'timezone' ? reports.suggestTimeZones(ctx.user.id, ctx.focused.value) : [];
    },
  };
}
