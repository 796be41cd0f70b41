import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { SettingsStore } from '../guilds/stores.js';
import type { Command } from '../interaction/contract.js';
import { answersPrivately } from '../interaction/place.js';
import { textLayout } from '../report/layout/text-layout.js';
import type { ReportPresses } from '../report/report-presses.js';
import { REPORT_PERIODS, type ReportService } from '../report/report-service.js';
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
      const requestedDays = ctx.options.integer('days') ?? 30;
      const namedZone = ctx.options.string('timezone')?.trim();
      const request = {
        discordUserId: ctx.user.id,
        guildId: ctx.guildId,
        days: ALLOWED_DAYS.has(requestedDays) ? requestedDays : 30,
        // A zone they name becomes their default; without one, their last.
        timeZone: namedZone || (await reports.defaultTimeZone(ctx.user.id)),
        rememberZone: Boolean(namedZone),
        // A public report is read by the whole channel: in the server's language, if it chose one.
        locale: ctx.options.boolean('public') ? channelLocale(ctx.guildLocale, ctx.locale) : ctx.locale,
        interactionToken: ctx.interactionToken,
        refreshProfile: ctx.options.boolean('refresh') ?? false,
        public: ctx.options.boolean('public') ?? false,
        // Where only private answers are allowed, the report says why, as every answer there does.
        foreignPlace: answersPrivately(ctx.place) ? ctx.place.kind : undefined,
      };
      const wantsPublic = request.public;
      if (wantsPublic && answersPrivately(ctx.place)) {
        await ctx.reply({ ephemeral: true, content: textFor(ctx.locale).place.reportPublicHere(ctx.place.kind) });
        return;
      }
      // Asked either way: a public report needs it, a private one offers Share in channel where it would pass.
      const refusal = ctx.guildId ? await publicRefusal(textFor(ctx.locale), settings, ctx.guildId, ctx.channelId) : null;
      if (wantsPublic && refusal) {
        await ctx.reply({ ephemeral: true, content: refusal });
        return;
      }
      const admission = await reports.admit({ ...request, shareable: !wantsPublic && ctx.guildId !== null && refusal === null });
      if (!admission.ok) {
        await ctx.reply({ ephemeral: true, content: admission.message });
        return;
      }
      try {
        await ctx.defer({ ephemeral: !wantsPublic });
      } catch (err) {
        await reports.abandon(admission.ticket.runId).catch(() => undefined); // the run's deadline releases it otherwise
        throw err;
      }
      // Whichever replica makes the report edits this reply with it.
      const ahead = await reports.enqueue(admission.ticket);
      // Components V2, as the report that replaces it: a V2 message cannot become plain again, nor the reverse be relied on.
      if (ahead > 0) await ctx.edit(textLayout(textFor(ctx.locale).report.queued(ahead, reports.readyAt(ahead)))).catch(() => undefined);
    },
    autocomplete(ctx) {
      return ctx.focused.name === 'timezone' ? reports.suggestTimeZones(ctx.user.id, ctx.focused.value) : [];
    },
  };
}
