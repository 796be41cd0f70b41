import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Async } from '../db/async-store.js';
import type { SettingsStore } from '../guilds/settings-store.js';
import type { Command } from '../interaction/contract.js';
import { REPORT_PERIODS, type ReportService } from '../report/report-service.js';
import { type Catalog, textFor } from '../text/catalog.js';
import type { CommandModule } from './command-module.js';
import { choice, describedAs, memberCommand } from './definition.js';

export const data = memberCommand({
  name: 'report',
  ...describedAs('report'),
  options: [
    {
      name: 'days',
      ...describedAs('report days'),
      type: ApplicationCommandOptionType.Integer,
      choices: [choice('report days 7', 7), choice('report days 30', 30), choice('report days 90', 90)],
    },
    {
      name: 'public',
      ...describedAs('report public'),
      type: ApplicationCommandOptionType.Boolean,
    },
    {
      name: 'timezone',
      ...describedAs('report timezone'),
      type: ApplicationCommandOptionType.String,
      max_length: 64,
      autocomplete: true,
    },
    {
      name: 'refresh',
      ...describedAs('report refresh'),
      type: ApplicationCommandOptionType.Boolean,
    },
  ],
});

const ALLOWED_DAYS = new Set<number>(REPORT_PERIODS);

export const command: CommandModule = {
  data,
  create: ({ reports, settings }) => reportCommand(reports, settings),
};

function reportCommand(reports: ReportService, settings: Async<SettingsStore>): Command {
  return {
    data,
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
        locale: ctx.locale,
        interactionToken: ctx.interactionToken,
        refreshProfile: ctx.options.boolean('refresh') ?? false,
        public: ctx.options.boolean('public') ?? false,
      };
      const wantsPublic = request.public;
      const refusal = wantsPublic && ctx.guildId ? await publicRefusal(textFor(ctx.locale), settings, ctx.guildId, ctx.channelId) : null;
      if (refusal) {
        await ctx.reply({ ephemeral: true, content: refusal });
        return;
      }
      const admission = await reports.admit(request);
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
      if (ahead > 0) await ctx.edit({ content: textFor(ctx.locale).report.queued(ahead, reports.readyAt(ahead)) }).catch(() => undefined);
    },
    autocomplete(ctx) {
      return ctx.focused.name === 'timezone' ? reports.suggestTimeZones(ctx.user.id, ctx.focused.value) : [];
    },
  };
}

async function publicRefusal(
  t: Catalog,
  settings: Async<SettingsStore>,
  guildId: string,
  channelId: string | null,
): Promise<string | null> {
  const s = await settings.get(guildId);
  if (!s.publicReports) return t.report.publicOff;
  if (s.reportsChannelId && s.reportsChannelId !== channelId) return t.report.publicElsewhere(s.reportsChannelId);
  return null;
}
