// Making one admitted report: reads what is needed from X (through what is
// stored) with the member's own token, has it summarised and drawn off the
// thread that answers Discord, stores the result as a view its buttons name,
// and records what it cost. Always resolves with what to show the member: a
// failure becomes a line that says what happened, and an unlink meanwhile
// leaves nothing behind.

import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { costMicroUsd } from '../../budget/pricing.js';
import type { Pricing, ReportLimits } from '../../config/env.js';
import type { LinkedAccount } from '../../db/schema.js';
import type { InteractionWebhooks } from '../../discord-api/webhooks.js';
import { DeadlineError } from '../../http/deadline.js';
import type { BotMessage } from '../../interaction/contract.js';
import type { Logger } from '../../log/logger.js';
import { type Catalog, textFor } from '../../text/catalog.js';
import { XApiError } from '../../twitter/errors.js';
import type { Usage } from '../../twitter/v2-client.js';
import type { ProfileReader } from '../profile/profile-reader.js';
import { CountedPages } from '../read/counted-pages.js';
import { type MemberClientDeps, memberClient } from '../read/member-client.js';
import { MAX_SLICES } from '../read/time-slices.js';
import { CHART_FILE } from '../render/job.js';
import type { RenderPool } from '../render/render-pool.js';
import type { ReportRequest, ReportTicket } from '../report-request.js';
import { LinkGoneError, type PostStore, type ReportRunStore, type ReportViewStore } from '../stores.js';
import { type LinePlace, ReportProgress } from './progress.js';
import { renderJobFor } from './render-job.js';
import { READS_ASKING_X, type ReadLanes, readForReport } from './report-reads.js';
import { UsageRecorder } from './usage-recorder.js';

export interface ReportMakerDeps {
  store: PostStore;
  runs: Pick<ReportRunStore, 'finishRun' | 'updateRunUsage'>;
  /** Each rendered report is stored as a view its buttons name. */
  views: Pick<ReportViewStore, 'create' | 'forget'>;
  /** Where the summary and chart are made, off the thread that answers Discord. */
  render: Pick<RenderPool, 'render'>;
  clients: MemberClientDeps;
  profiles: ProfileReader;
  lanes: ReadLanes;
  /** A link X refuses (401) is marked broken (LinkService.markBroken). */
  markBroken: (discordUserId: string) => Promise<void>;
  /** Progress edits of the member's message while it reads. */
  webhooks: Pick<InteractionWebhooks, 'editOriginal'>;
  /** Where a report being made stands behind those admitted before it (ReportQueue.placeOf). */
  placeOf?: (runId: number) => LinePlace | null;
  limits: ReportLimits;
  pricing: Pricing;
  /** How long a report may take in all, its rendering included. */
  deadlineMs: number;
  now: () => number;
  log: Logger;
}

export class ReportMaker {
  constructor(private readonly deps: ReportMakerDeps) {}

  /** Runs an admitted report; always resolves with what to show the member. */
  async run(request: ReportRequest, ticket: ReportTicket, usage: Usage): Promise<BotMessage> {
    const { store, runs, log } = this.deps;
    const { account, runId } = ticket;
    const started = performance.now();
    let outcome = 'ok';
    let linkGone = false;
    try {
      const message = await this.build(request, ticket, usage);
      // The member may have unlinked after the last write: do not deliver what they asked to forget.
      if (!(await store.linkStands(account))) throw new LinkGoneError();
      return message;
    } catch (err) {
      // An unlink mid-report shows up as whichever read noticed first; the link itself says what happened.
      if (err instanceof LinkGoneError || !(await store.linkStands(account).catch(() => true))) {
        linkGone = true;
        outcome = 'unlinked';
        // A view made before the unlink was noticed would outlive the forgetting: it goes too.
        await this.deps.views.forget(account.discordUserId).catch(() => undefined);
        log.info('report discarded: the member unlinked while it ran', { discordUserId: account.discordUserId });
        return { content: textFor(request.locale).report.unlinkedMeanwhile, embeds: [], files: [] };
      }
      outcome = err instanceof XApiError ? `x-${err.kind}` : 'error';
      return { content: await this.failure(err, account, textFor(request.locale)), embeds: [], files: [] };
    } finally {
      const durationMs = Math.round(performance.now() - started);
      await runs.finishRun(runId, {
        outcome,
        durationMs,
        usage,
        costMicroUsd: costMicroUsd(usage, this.deps.pricing),
        anonymous: linkGone,
      });
      log.info('report finished', {
        discordUserId: account.discordUserId,
        outcome,
        requests: usage.requests,
        postsRead: usage.postsRead,
        days: request.days,
      });
    }
  }

  private async build(request: ReportRequest, ticket: ReportTicket, usage: Usage): Promise<BotMessage> {
    const { account, startedAt, runId } = ticket;
    // One controller ends every X request of this report: at its deadline, or as soon as one read fails.
    const controller = new AbortController();
    // Each request in flight listens for the end (up to MAX_SLICES at once for each read asking X, and the
    // profile's), and so does the render: more than the 10 past which Node warns of a leak.
    setMaxListeners(READS_ASKING_X * MAX_SLICES + 2, controller.signal);
    const deadline = setTimeout(() => controller.abort(new DeadlineError('timeout', 'report deadline reached')), this.deps.deadlineMs);
    // The pages counted and not yet stored are recorded with the usage, in the same write: see counted-pages.ts.
    const counted = new CountedPages(ticket.counted);
    const recorder = new UsageRecorder(() =>
      this.deps.runs.updateRunUsage(runId, usage, costMicroUsd(usage, this.deps.pricing), counted.encode()).catch((err: unknown) => {
        // In a turn of its own, so nothing above would catch it (the database closed at shutdown, say);
        // the run's end, or the next start-up's recovery, records the usage.
        this.deps.log.warn('could not record a running report’s usage', { runId, error: err });
      }),
    );
    const progress = this.progressFor(request, runId);
    try {
      // Within the try: opening the member's token can fail, and the progress timer must stop then too.
      const client = memberClient(this.deps.clients, account, usage, {
        onUsage: () => {
          recorder.soon();
          progress.note(usage.postsRead);
        },
        onPosts: (kind, posts) => counted.arrived(kind === 'tweets' ? 'timeline' : 'mentions', posts),
        signal: controller.signal,
      });
      const reads = await readForReport(
        {
          ...ticket,
          days: request.days,
          refreshProfile: request.refreshProfile ?? false,
          client,
          counted,
          controller,
          store: this.deps.store.forLink(account),
        },
        this.deps,
      );
      const viewId = randomBytes(16).toString('base64url');
      const job = renderJobFor(reads, { request, ticket, usage, viewId }, this.deps);
      // The report's deadline governs its rendering too.
      const { layout, png } = await this.deps.render.render(job, controller.signal, runId);
      await this.deps.views.create({
        id: viewId,
        discordUserId: account.discordUserId,
        xUserId: account.xUserId,
        linkedAt: account.linkedAt,
        guildId: request.guildId,
        days: request.days,
        timeZone: ticket.timeZone,
        public: request.public ?? false,
        render: JSON.stringify({ ...job, controls: null }),
        createdAt: startedAt,
      });
      return { layout, files: [{ name: CHART_FILE, data: Buffer.from(png), contentType: 'image/png' }] };
    } finally {
      clearTimeout(deadline);
      // Progress first: its timer could queue an edit while the usage is written. The usage before the run's
      // end is written (in run), so no running figure lands after it.
      await progress.stop();
      await recorder.stop();
    }
  }

  private progressFor(request: ReportRequest, runId: number): ReportProgress {
    const t = textFor(request.locale).reportView;
    const { placeOf } = this.deps;
    return new ReportProgress({
      webhooks: this.deps.webhooks,
      interactionToken: request.interactionToken,
      everyMs: this.deps.limits.progressEveryMs,
      now: this.deps.now,
      // Asked of X and nothing come back yet: "0 posts read so far" would look stuck.
      text: (posts, place) =>
        place ? t.inLine(request.days, place.ahead, place.readyAt) : posts > 0 ? t.progress(request.days, posts) : t.reading(request.days),
      place: placeOf && (() => placeOf(runId)),
    });
  }

  private async failure(err: unknown, account: LinkedAccount, t: Catalog): Promise<string> {
    if (!(err instanceof XApiError)) {
      this.deps.log.error('report failed', { discordUserId: account.discordUserId, error: err });
      return t.report.ourFailure;
    }
    this.deps.log.warn('report failed at X', { discordUserId: account.discordUserId, kind: err.kind, status: err.status, code: err.code });
    if (err.kind === 'unauthorized') await this.deps.markBroken(account.discordUserId);
    const resetAt = err.resetAt && err.resetAt * 1000 > this.deps.now() ? err.resetAt : null;
    return t.report.xFailure(err.kind, resetAt);
  }
}
