// The chart's geometry, colours, type and words: one place, so the drawing
// (chart.ts), its scales and its bars agree. Drawn for Discord's display: a
// message's media is shown at most about 400 px wide, so the canvas is twice
// that and every text at least 22 px (11 px as shown). Okabe-Ito colours,
// which red-green colour-blind readers tell apart, on a light card that reads
// on Discord's dark and light themes alike.

import type { PostKind } from '../stored-post.js';
import { CHART_FONT } from './chart-fonts.js';

export const CHART_WIDTH = 800;
/** The posts panel's height; the impressions panel, when drawn, adds IMPRESSIONS_PANEL_HEIGHT below. */
export const CHART_HEIGHT = 480;
export const IMPRESSIONS_PANEL_HEIGHT = 260;
/** Where the posts plot sits on the canvas. */
export const PLOT_EDGES = { left: 72, right: CHART_WIDTH - 84, top: 118, bottom: CHART_HEIGHT - 56 };
/** Where the impressions plot sits, when drawn. */
export const IMPRESSIONS_EDGES = {
  left: 72,
  right: CHART_WIDTH - 84,
  top: CHART_HEIGHT + 64,
  bottom: CHART_HEIGHT + IMPRESSIONS_PANEL_HEIGHT - 56,
};
/** Smallest type on the canvas: 11 px when Discord shows it 400 px wide. */
export const MIN_FONT_PX = 22;

export const CHART_COLOURS = {
  background: '#f6f8fa',
  grid: '#d0d7de',
  text: '#1f2328',
  muted: '#57606a',
  likes: '#d55e00',
  original: '#0072b2',
  reply: '#56b4e9',
  quote: '#e69f00',
  repost: '#cc79a7',
  impressions: '#009e73',
  notRead: '#e4e8ec',
  notReadHatch: '#b8c0c8',
} as const;

/** How opaque a bar is drawn when it covers only part of its week: paler, so it is not read as a whole week. */
export const PARTIAL_BAR_ALPHA = 0.45;

export const SERIES: ReadonlyArray<{ kind: PostKind; colour: string }> = (['original', 'reply', 'quote', 'repost'] as const).map(
  (kind) => ({ kind, colour: CHART_COLOURS[kind] }),
);

export const FONT = CHART_FONT;

/** The words on the chart, from the member's catalog. */
export interface ChartLabels {
  /** The title over daily bars. */
  title: string;
  /** The title over weekly bars (90 days). */
  weeklyTitle: string;
  kinds: Record<PostKind, string>;
  likes: string;
  postsAxis: string;
  likesAxis: string;
  empty: string;
  impressionsTitle: string;
  weeklyImpressionsTitle: string;
  /** Over the days before the span read. */
  notRead: string;
  /** Over a weekly bar that covers only some of its seven days ("5/7 d"). */
  partialWeek: (days: number) => string;
  /** An axis value as the reader counts: "1.2k", "1.2万". */
  tick: (n: number) => string;
  /** A date (YYYY-MM-DD) under the bars: "12-04", "12/4". */
  date: (iso: string) => string;
}
