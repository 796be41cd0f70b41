// The buttons on a report: 7 / 30 / 90 days, Share in channel, Export CSV.
// Every press is checked against the stored view it names (ReportPresses):
// the owner's alone, under the link it was made with. Refusals are private
// lines and leave the report as it is. A period press is acknowledged as an
// update of the pressed message before anything is looked up: a slow check
// or admission would otherwise be deferred for as a private "thinking"
// message, and the new report would be made there instead of in place.

import type { SettingsStore } from '../guilds/stores.js';
import { type ComponentContext, type ComponentHandler, displayName } from '../interaction/contract.js';
import { answersPrivately } from '../interaction/place.js';
import type { BoardService } from '../leaderboard/board-service.js';
import type { LinkService } from '../linking/link-service.js';
import { parseReportCustomId, REPORT_BUTTON_PREFIX } from '../report/layout/controls.js';
import { textLayout } from '../report/layout/text-layout.js';
import type { RenderJob } from '../report/render/job.js';
import type { ReportPresses } from '../report/report-presses.js';
import { REPORT_PERIODS, type ReportService } from '../report/report-service.js';
import type { ReportView } from '../report/stores.js';
import { channelLocale, textFor } from '../text/catalog.js';
import { joinBoard } from './leaderboard.js';
import { publicRefusal } from './public-reports.js';

export interface ReportButtonDeps {
  reports: ReportService;
  presses: ReportPresses;
  settings: SettingsStore;
  boards: BoardService;
  links: Pick<LinkService, 'account'>;
}

const PERIODS = new Set<number>(REPORT_PERIODS);

export function reportButtons(deps: ReportButtonDeps): ComponentHandler {
  return {
    prefix: REPORT_BUTTON_PREFIX,
    async handle(ctx) {
      const t = textFor(ctx.locale);
      const pressed = parseReportCustomId(ctx.customId);
      if (!pressed || (pressed.action.kind === 'period' && !PERIODS.has(pressed.action.days))) {
        await ctx.reply({ ephemeral: true, content: t.common.unknownButton });
        return;
      }
      if (pressed.action.kind === 'period') await ctx.deferUpdate();
      const checked = await deps.presses.check(pressed.viewId, ctx.user.id, ctx.locale);
      if (!checked.ok) {
        await ctx.aside({ ephemeral: true, content: checked.message });
        return;
      }
      const { action } = pressed;
      if (action.kind === 'period') await switchPeriod(ctx, deps, checked.view, action.days);
      else if (action.kind === 'share') await share(ctx, deps, checked.view, checked.job);
      else if (action.kind === 'join') await joinFromReport(ctx, deps, checked.view);
      else await exportCsv(ctx, deps, checked.view, checked.job);
    },
  };
}

/**
 * Re-renders the same message for another period: a new report through the
 * same admission as /report. The press is acknowledged already (deferUpdate):
 * every refusal is a private follow-up, the report stays as it is.
 */
async function switchPeriod(ctx: ComponentContext, deps: ReportButtonDeps, view: ReportView, days: number): Promise<void> {
  const t = textFor(ctx.locale);
  if (days === view.days) {
    await ctx.aside({ ephemeral: true, content: t.reportView.samePeriod(days) });
    return;
  }
  const shareable = !view.public && ctx.guildId !== null && (await publicRefusal(t, deps.settings, ctx.guildId, ctx.channelId)) === null;
  const admission = await deps.reports.admit({
    discordUserId: ctx.user.id,
    guildId: ctx.guildId,
    days,
    timeZone: view.timeZone,
    locale: ctx.locale,
    // This press's token edits the pressed message: the report is made in its place.
    interactionToken: ctx.interactionToken,
    public: view.public,
    shareable,
    foreignPlace: answersPrivately(ctx.place) ? ctx.place.kind : undefined,
  });
  if (!admission.ok) {
    await ctx.aside({ ephemeral: true, content: admission.message });
    return;
  }
  try {
    await ctx.edit(textLayout(t.reportView.reading(days)));
  } catch (err) {
    await deps.reports.abandon(admission.ticket.runId).catch(() => undefined);
    throw err;
  }
  try {
    const ahead = await deps.reports.enqueue(admission.ticket);
    if (ahead > 0) await ctx.edit(textLayout(t.report.queued(ahead))).catch(() => undefined);
  } catch (err) {
    // The run could not be queued (see ReportQueue.enqueue), and the pressed message says the report is being
    // made: it must not go on saying so. The dispatcher logs the failure.
    await ctx.edit(textLayout(t.common.failure)).catch(() => undefined);
    throw err;
  }
}

/** Joins the owner to the board of the server the report was made in: the server they are pressing in. */
async function joinFromReport(ctx: ComponentContext, deps: ReportButtonDeps, view: ReportView): Promise<void> {
  const t = textFor(ctx.locale);
  if (!ctx.guildId || view.guildId !== ctx.guildId) {
    await ctx.reply({ ephemeral: true, content: t.leaderboard.joinNotHere });
    return;
  }
  await ctx.reply({ ephemeral: true, content: await joinBoard(deps.boards, deps.links, t, ctx.guildId, ctx.user.id) });
}

/** Posts a public copy in the channel, once, where the server allows public reports. */
async function share(ctx: ComponentContext, deps: ReportButtonDeps, view: ReportView, job: RenderJob): Promise<void> {
  const t = textFor(ctx.locale);
  if (view.public || !ctx.guildId) {
    await ctx.reply({ ephemeral: true, content: t.reportView.shareNotHere });
    return;
  }
  const refusal = await publicRefusal(t, deps.settings, ctx.guildId, ctx.channelId);
  if (refusal) {
    await ctx.reply({ ephemeral: true, content: refusal });
    return;
  }
  if (!(await deps.presses.markShared(view.id))) {
    await ctx.reply({ ephemeral: true, content: t.reportView.sharedAlready });
    return;
  }
  try {
    await ctx.defer({ ephemeral: false });
    await ctx.edit(await deps.presses.shareCopy(job, displayName(ctx.user), channelLocale(ctx.guildLocale, ctx.locale)));
  } catch (err) {
    await deps.presses.unmarkShared(view.id).catch(() => undefined);
    throw err;
  }
}

/** An ephemeral reply carrying the period's posts as a .csv file, read from storage only. */
async function exportCsv(ctx: ComponentContext, deps: ReportButtonDeps, view: ReportView, job: RenderJob): Promise<void> {
  const t = textFor(ctx.locale);
  await ctx.defer({ ephemeral: true });
  const csv = await deps.presses.csv(view, job);
  await ctx.edit(
    csv ? { content: t.reportView.csvReady(csv.rows, view.days), files: [csv.file] } : { content: t.reportView.csvEmpty(view.days) },
  );
}
