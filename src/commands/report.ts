import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { SettingsStore } from '../guilds/settings-store.js';
import type { Command } from '../interaction/contract.js';
import type { ReportService } from '../report/report-service.js';
import { type Catalog, textFor } from '../text/catalog.js';
import type { CommandModule } from './command-module.js';
import { memberCommand } from './definition.js';

export const data = memberCommand({
  name: 'report',
  description: 'A report on your recent X activity: posts, engagement, topics, responsiveness, with a chart',
  options: [
    {
      name: 'days',
      description: 'How far back to look (default 30 days)',
      type: ApplicationCommandOptionType.Integer,
      choices: [
        { name: '7 days', value: 7 },
        { name: '30 days', value: 30 },
        { name: '90 days', value: 90 },
      ],
    },
    {
      name: 'public',
      description: 'Show the report to the channel (default: only you see it)',
      type: ApplicationCommandOptionType.Boolean,
    },
    {
      name: 'timezone',
      description: 'IANA time zone for days and hours, e.g. Europe/Berlin (default UTC)',
      type: ApplicationCommandOptionType.String,
      max_length: 64,
    },
  ],
});

const ALLOWED_DAYS = new Set([7, 30, 90]);

export const command: CommandModule = { data, create: ({ reports, settings }) => reportCommand(reports, settings) };

function reportCommand(reports: ReportService, settings: SettingsStore): Command {
  return {
    data,
    async execute(ctx) {
      const requestedDays = ctx.options.integer('days') ?? 30;
      const request = {
        discordUserId: ctx.user.id,
        guildId: ctx.guildId,
        days: ALLOWED_DAYS.has(requestedDays) ? requestedDays : 30,
        timeZone: ctx.options.string('timezone')?.trim() || 'UTC',
        locale: ctx.locale,
        interactionToken: ctx.interactionToken,
      };
      const wantsPublic = ctx.options.boolean('public') ?? false;
      const refusal = wantsPublic && ctx.guildId ? publicRefusal(textFor(ctx.locale), settings, ctx.guildId, ctx.channelId) : null;
      if (refusal) {
        await ctx.reply({ ephemeral: true, content: refusal });
        return;
      }
      const admission = reports.admit(request);
      if (!admission.ok) {
        await ctx.reply({ ephemeral: true, content: admission.message });
        return;
      }
      try {
        await ctx.defer({ ephemeral: !wantsPublic });
      } catch (err) {
        reports.abandon(admission.ticket);
        throw err;
      }
      await ctx.edit(await reports.run(request, admission.ticket));
    },
  };
}

function publicRefusal(t: Catalog, settings: SettingsStore, guildId: string, channelId: string | null): string | null {
  const s = settings.get(guildId);
  if (!s.publicReports) return t.report.publicOff;
  if (s.reportsChannelId && s.reportsChannelId !== channelId) return t.report.publicElsewhere(s.reportsChannelId);
  return null;
}
