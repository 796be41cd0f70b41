// What a report's rendering takes and gives back, and how its stored data is
// loaded: kept apart from render.ts so that the threads that only queue and
// deliver reports never load the chart's rasteriser (@napi-rs/canvas, about
// 30 MiB resident) just to name a job's type.

import type { APIMessageTopLevelComponent } from 'discord-api-types/v10';
import type { PlaceKind } from '../../interaction/place.js';
import type { ReportControls } from '../layout/controls.js';
import type { LayoutOptions } from '../layout/report-layout.js';
import type { StoredPost } from '../stored-post.js';
import type { PostStore, PostWindow } from '../stores.js';
import type { ReadLimits } from '../summary/comparison.js';
import type { ProfileRefresh, ReportInput, ReportProfile } from '../summary/summary.js';

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
