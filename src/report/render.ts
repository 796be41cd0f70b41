// The CPU-heavy end of a report, from stored posts to what Discord shows:
// load the posts, summarise, draw the chart, lay out the embed. Runs in the
// render worker (or in the calling thread when there is no database file to
// share); everything it needs travels in a RenderJob.

import type { APIEmbed } from 'discord-api-types/v10';
import { textFor } from '../text/catalog.js';
import type { Usage } from '../twitter/v2-client.js';
import { renderChart } from './chart.js';
import { reportEmbed } from './embed.js';
import { type ReportProfile, summarise } from './summary.js';
import type { ReadResult } from './timeline-reader.js';
import type { PostWindow, XCache } from './x-cache.js';

export interface RenderJob {
  locale: string | null;
  profile: ReportProfile;
  timeline: PostWindow;
  mentions: PostWindow | null;
  /** Whether the stored timeline reaches back over the previous period (for the trend). */
  withPrevious: boolean;
  period: { start: number; end: number; days: number };
  timeZone: string;
  cut: ReadResult['cut'];
  refreshHorizonHours: number;
  /** A private report: the member's private X analytics may be shown. */
  showPrivate: boolean;
  footer: { dataAsOf: number; usage: Usage; costMicroUsd: number };
}

export interface Rendered {
  embed: APIEmbed;
  png: Uint8Array;
}

export const CHART_FILE = 'x-report.png';

export function renderReport(job: RenderJob, store: Pick<XCache, 'postsIn' | 'followerSnapshots'>): Rendered {
  const posts = store.postsIn(job.timeline);
  const summary = summarise({
    profile: job.profile,
    posts,
    mentions: job.mentions ? store.postsIn(job.mentions) : null,
    previousPosts: job.withPrevious ? posts : null,
    period: job.period,
    timeZone: job.timeZone,
    cut: job.cut,
    refreshHorizonHours: job.refreshHorizonHours,
    followerHistory: store.followerSnapshots(job.profile.id),
  });
  const t = textFor(job.locale);
  const png = renderChart(summary.activity.days, t.report.chart(job.timeZone));
  return { embed: reportEmbed(t, summary, { ...job.footer, chartFile: CHART_FILE }, { showPrivate: job.showPrivate }), png };
}
