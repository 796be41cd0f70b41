// The CPU-heavy end of a report, from stored posts to what Discord shows:
// load the posts, summarise, draw the chart, lay out the message (Components V2). Runs in the
// render worker (or in the calling thread when there is no database file to
// share); everything it needs travels in a RenderJob.

import type { APIMessageTopLevelComponent } from 'discord-api-types/v10';
import type { PlaceKind } from '../../interaction/place.js';
import { en, textFor } from '../../text/catalog.js';
import { renderChart } from '../chart/chart.js';
import { chartWords } from '../chart/chart-fonts.js';
import type { ReportControls } from '../layout/controls.js';
import { type LayoutOptions, reportLayout } from '../layout/report-layout.js';
import type { StoredPost } from '../stored-post.js';
import type { PostStore, PostWindow } from '../stores.js';
import type { ReadLimits } from '../summary/comparison.js';
import { type ProfileRefresh, type ReportInput, type ReportProfile, summarise } from '../summary/summary.js';

export interface RenderJob {
  locale: string | null;
  profile: ReportProfile;
  timeline: PostWindow;
  mentions: PostWindow | null;
  /** Whether the stored timeline reaches back over the previous period (for the trend). */
  withPrevious: boolean;
  period: { start: number; end: number; days: number };
  timeZone: string;
  /** Where each source's stored span begins, and why a read stopped there. */
  read: ReportInput['read'];
  mentionsOff?: ReportInput['mentionsOff'];
  limits: ReadLimits;
  refreshHorizonHours: number;
  /** A private report: the member's private X analytics may be shown. */
  showPrivate: boolean;
  profileRefresh?: ProfileRefresh;
  footer: LayoutOptions['footer'];
  /** The report's buttons; null on a shared copy. */
  controls: ReportControls | null;
  /** A line above the report (who shared a public copy). */
  preface?: string;
  /** Made where the bot is not installed: the report says why only the member sees it. */
  privateHere?: PlaceKind;
}

export interface Rendered {
  layout: APIMessageTopLevelComponent[];
  png: Uint8Array;
}

export const CHART_FILE = 'x-report.png';

/** The stored data a report shows. */
export interface RenderData {
  posts: StoredPost[];
  mentions: StoredPost[] | null;
  followerHistory: Array<{ day: string; followers: number }>;
}

/** What rendering reads of the stored posts, whichever engine holds them. */
export type RenderReader = Pick<PostStore, 'postsIn' | 'followerSnapshots'>;

/** Loads a job's data, in whichever thread has the reader (the worker's own, or this one's to send with the job). */
export async function loadRenderData(job: RenderJob, reader: RenderReader): Promise<RenderData> {
  const [posts, mentions, followerHistory] = await Promise.all([
    reader.postsIn(job.timeline),
    job.mentions ? reader.postsIn(job.mentions) : null,
    reader.followerSnapshots(job.profile.id),
  ]);
  return { posts, mentions, followerHistory };
}

export function renderReport(job: RenderJob, data: RenderData): Rendered {
  const { posts } = data;
  const summary = summarise({
    profile: job.profile,
    posts,
    mentions: data.mentions,
    previousPosts: job.withPrevious ? posts : null,
    period: job.period,
    timeZone: job.timeZone,
    read: job.read,
    mentionsOff: job.mentionsOff,
    limits: job.limits,
    audience: job.showPrivate ? 'private' : 'public',
    refreshHorizonHours: job.refreshHorizonHours,
    followerHistory: data.followerHistory,
    profileRefresh: job.profileRefresh,
  });
  const t = textFor(job.locale);
  // Without a CJK font on this machine, a Japanese chart would be empty boxes: its words are then English.
  const png = renderChart(summary.activity.days, chartWords(t.report.chart(job.timeZone), en.report.chart(job.timeZone)));
  const layout = reportLayout(t, summary, {
    showPrivate: job.showPrivate,
    chartFile: CHART_FILE,
    footer: job.footer,
    controls: job.controls,
    preface: job.preface,
    privateHere: job.privateHere,
  });
  return { layout, png };
}
