// What a press on a report's buttons may do, decided server-side: the custom
// id names a stored view and nothing more. A view answers only its owner,
// and only while the link it was made under stands; anyone else learns
// nothing from it. Share and Export CSV re-read the posts the view showed,
// from storage (no X read); a period press is a new report (admission, then the queue).

import type { BotFile, BotMessage } from '../interaction/contract.js';
import type { LinkService } from '../linking/link-service.js';
import { textFor } from '../text/catalog.js';
import { postsCsv } from './csv.js';
import { CHART_FILE, type RenderJob } from './render/job.js';
import type { RenderPool } from './render/render-pool.js';
import type { PostStore, ReportView, ReportViewStore } from './stores.js';

export interface ReportPressDeps {
  views: ReportViewStore;
  links: Pick<LinkService, 'account'>;
  render: Pick<RenderPool, 'render'>;
  posts: Pick<PostStore, 'postsIn'>;
  now: () => number;
}

export type PressCheck = { ok: true; view: ReportView; job: RenderJob } | { ok: false; message: string };

/** A stored render job, checked: it is read back from the database, and must be for the view's own account. */
function decodeRenderJob(json: string, view: ReportView): RenderJob | null {
  try {
    const job = JSON.parse(json) as Partial<RenderJob> | null;
    const ok =
      job !== null &&
      typeof job === 'object' &&
      job.timeline?.xUserId === view.xUserId &&
      job.timeline.source === 'timeline' &&
      typeof job.period?.start === 'number' &&
      typeof job.period.end === 'number' &&
      typeof job.profile?.username === 'string' &&
      typeof job.timeZone === 'string';
    return ok ? (job as RenderJob) : null;
  } catch {
    return null;
  }
}

export class ReportPresses {
  constructor(private readonly deps: ReportPressDeps) {}

  /** The view a press names, if the presser owns it and their link still stands; else the line to answer. */
  async check(viewId: string, presserId: string, locale: string | null): Promise<PressCheck> {
    const t = textFor(locale).reportView;
    const view = await this.deps.views.get(viewId);
    if (!view) return { ok: false, message: t.expired };
    if (view.discordUserId !== presserId) return { ok: false, message: t.notYours };
    const account = await this.deps.links.account(presserId);
    if (!account || account.xUserId !== view.xUserId || account.linkedAt !== view.linkedAt) return { ok: false, message: t.relinked };
    const job = decodeRenderJob(view.render, view);
    return job ? { ok: true, view, job } : { ok: false, message: t.expired };
  }

  /** The view's posts of its period as CSV, and how many rows; null when none are stored. Private metrics only from a private report. */
  async csv(view: ReportView, job: RenderJob): Promise<{ file: BotFile; rows: number } | null> {
    const stored = await this.deps.posts.postsIn(job.timeline);
    const inPeriod = stored.filter((p) => p.createdAt >= job.period.start && p.createdAt <= job.period.end);
    if (inPeriod.length === 0) return null;
    const csv = postsCsv(inPeriod, { username: job.profile.username, timeZone: job.timeZone, withPrivate: !view.public });
    const file = { name: `x-posts-${view.days}-days.csv`, data: Buffer.from(csv, 'utf8'), contentType: 'text/csv; charset=utf-8' };
    return { file, rows: inPeriod.length };
  }

  /** A copy for the channel: the same stored posts, without private analytics or buttons, saying who shared it. */
  async shareCopy(job: RenderJob, sharedBy: string, locale: string | null = job.locale): Promise<BotMessage> {
    // In the channel's language (see channelLocale), which may not be the owner's.
    const preface = textFor(locale).reportView.sharedBy(sharedBy);
    const { layout, png } = await this.deps.render.render({ ...job, locale, showPrivate: false, controls: null, preface });
    return { layout, files: [{ name: CHART_FILE, data: Buffer.from(png), contentType: 'image/png' }] };
  }

  /** Marks the view shared; false when it was already (two presses at once share once). */
  markShared(viewId: string): Promise<boolean> {
    return this.deps.views.markShared(viewId, this.deps.now());
  }

  unmarkShared(viewId: string): Promise<void> {
    return this.deps.views.unmarkShared(viewId);
  }
}
