// The report's PNG chart: posts per day (per week over 90 days, see
// chart-bars.ts) stacked by kind, the likes on those posts as a line on its
// own axis; below, when X sent impression counts, a second panel with the
// impressions of each bar's posts (at most two measures a panel). Drawn with
// @napi-rs/canvas (Skia, prebuilt binaries shipped in npm packages); sizes,
// colours and words are in chart-style.ts, axes in chart-scales.ts.

import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { DayActivity } from '../summary/summary-types.js';
import { type ChartBar, chartBars, postsIn, unreadBars } from './chart-bars.js';
import { drawEmpty, drawNotRead, drawPartialLabels, gridLine, type Plot, plotAt } from './chart-plot.js';
import { axisScales, impressionsScale, type Scale, ticks } from './chart-scales.js';
import {
  CHART_COLOURS,
  CHART_HEIGHT,
  CHART_WIDTH,
  type ChartLabels,
  FONT,
  IMPRESSIONS_EDGES,
  IMPRESSIONS_PANEL_HEIGHT,
  MIN_FONT_PX,
  PARTIAL_BAR_ALPHA,
  PLOT_EDGES,
  SERIES,
} from './chart-style.js';
import { encodePng } from './png.js';

export { axisLabels, impressionLabels, niceScale } from './chart-scales.js';
export * from './chart-style.js';

const { background: BACKGROUND, grid: GRID, text: TEXT, muted: MUTED, likes: LIKES } = CHART_COLOURS;

/** Whether the chart has its impressions panel: only when X sent impressions for some day's posts. */
export function hasImpressionsPanel(days: DayActivity[]): boolean {
  return days.some((d) => d.impressions > 0);
}

export function chartHeight(days: DayActivity[]): number {
  return hasImpressionsPanel(days) ? CHART_HEIGHT + IMPRESSIONS_PANEL_HEIGHT : CHART_HEIGHT;
}

/**
 * The days before the span read, drawn hatched over the plot's full height
 * and labelled: a day not read is not a day without posts, and must not look like one.
 */
export function notReadColumns(days: DayActivity[]): number {
  return unreadBars(days.map((d) => ({ unread: d.read === 'none' }) as ChartBar));
}

export function renderChart(days: DayActivity[], labels: ChartLabels): Buffer {
  const chart = chartBars(days);
  const { bars } = chart;
  const weekly = chart.unit === 'week';
  const height = chartHeight(days);
  const canvas = createCanvas(CHART_WIDTH, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, CHART_WIDTH, height);

  const plot = plotAt(PLOT_EDGES, chart);
  const { posts: postsScale, likes: likesScale } = axisScales(bars);

  drawTitle(ctx, weekly ? labels.weeklyTitle : labels.title, labels);
  drawGrid(ctx, plot, postsScale, likesScale, labels);
  drawNotRead(ctx, plot, bars, labels.notRead);
  drawBars(ctx, plot, bars, postsScale);
  drawLikes(ctx, plot, bars, likesScale);
  if (weekly) drawPartialLabels(ctx, plot, bars, postsScale, labels);
  drawDates(ctx, plot, bars, labels.date);
  if (bars.every((b) => postsIn(b) === 0 || b.unread) && bars.some((b) => !b.unread)) drawEmpty(ctx, plot, labels.empty, bars);
  if (hasImpressionsPanel(days)) {
    const impressions = plotAt(IMPRESSIONS_EDGES, chart);
    drawNotRead(ctx, impressions, bars, labels.notRead);
    drawImpressions(ctx, impressions, bars, weekly ? labels.weeklyImpressionsTitle : labels.impressionsTitle, labels);
  }
  // Opaque throughout (the background fills it), so data()'s unpremultiplied pixels are the drawn colours.
  return encodePng(canvas.data(), CHART_WIDTH, height);
}

/** The second panel: impressions of each bar's posts, one measure on one axis. */
function drawImpressions(ctx: SKRSContext2D, plot: Plot, bars: ChartBar[], title: string, labels: ChartLabels): void {
  ctx.strokeStyle = GRID;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(16, CHART_HEIGHT + 1);
  ctx.lineTo(CHART_WIDTH - 16, CHART_HEIGHT + 1);
  ctx.stroke();
  ctx.fillStyle = TEXT;
  ctx.font = `bold 24px ${FONT}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(title, 16, CHART_HEIGHT + 40, CHART_WIDTH - 32);

  const scale = impressionsScale(bars);
  ctx.font = `${MIN_FONT_PX}px ${FONT}`;
  for (const v of ticks(scale)) gridLine(ctx, plot, plot.bottom - (v / scale.top) * plot.height, labels.tick(v));
  ctx.fillStyle = CHART_COLOURS.impressions;
  bars.forEach((bar, i) => {
    const h = (bar.impressions / scale.top) * plot.height;
    ctx.globalAlpha = bar.partial ? PARTIAL_BAR_ALPHA : 1;
    if (h > 0) ctx.fillRect(plot.barX(i), plot.bottom - h, plot.barWidth, h);
  });
  ctx.globalAlpha = 1;
  drawDates(ctx, plot, bars, labels.date);
}

function drawTitle(ctx: SKRSContext2D, title: string, labels: ChartLabels): void {
  ctx.fillStyle = TEXT;
  ctx.font = `bold 30px ${FONT}`;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.fillText(title, 16, 42, CHART_WIDTH - 32);
  drawLegend(ctx, 16, 86, labels);
}

/** Horizontal grid lines with the posts axis on the left and the likes axis on the right. */
function drawGrid(ctx: SKRSContext2D, plot: Plot, posts: Scale, likes: Scale, labels: ChartLabels): void {
  ctx.font = `${MIN_FONT_PX}px ${FONT}`;
  ctx.lineWidth = 2;
  for (const [i, v] of ticks(posts).entries()) {
    const y = plot.bottom - (v / posts.top) * plot.height;
    gridLine(ctx, plot, y, labels.tick(v));
    ctx.fillStyle = LIKES;
    ctx.textAlign = 'left';
    ctx.fillText(labels.tick(i * likes.step), plot.right + 8, y);
  }
  drawAxisName(ctx, 13, plot.top + plot.height / 2, -Math.PI / 2, MUTED, labels.postsAxis);
  drawAxisName(ctx, CHART_WIDTH - 16, plot.top + plot.height / 2, Math.PI / 2, LIKES, labels.likesAxis);
}

function drawAxisName(ctx: SKRSContext2D, x: number, y: number, angle: number, colour: string, name: string): void {
  ctx.save();
  ctx.translate(x, y);
  ctx.rotate(angle);
  ctx.textAlign = 'center';
  ctx.fillStyle = colour;
  ctx.fillText(name, 0, 0);
  ctx.restore();
}

/** Posts per bar, stacked by kind; a partial bar paler. */
function drawBars(ctx: SKRSContext2D, plot: Plot, bars: ChartBar[], posts: Scale): void {
  bars.forEach((bar, i) => {
    let y = plot.bottom;
    ctx.globalAlpha = bar.partial ? PARTIAL_BAR_ALPHA : 1;
    for (const series of SERIES) {
      const h = (bar[series.kind] / posts.top) * plot.height;
      if (h <= 0) continue;
      ctx.fillStyle = series.colour;
      ctx.fillRect(plot.barX(i), y - h, plot.barWidth, h);
      y -= h;
    }
  });
  ctx.globalAlpha = 1;
}

function drawLikes(ctx: SKRSContext2D, plot: Plot, bars: ChartBar[], likes: Scale): void {
  if (!bars.some((b) => b.likes > 0)) return;
  // A pale edge under the line keeps it apart from the bars it crosses.
  // Unread bars have no likes to draw: the line starts at the first bar read, not at a zero.
  const path = () => {
    ctx.beginPath();
    let started = false;
    bars.forEach((bar, i) => {
      if (bar.unread) return;
      const x = plot.centre(i);
      const y = plot.bottom - (bar.likes / likes.top) * plot.height;
      if (!started) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
      started = true;
    });
  };
  // Thinner over narrow bars (many days), so the line does not hide them.
  const width = plot.slot < 12 ? 2.5 : 4;
  ctx.lineJoin = 'round';
  ctx.strokeStyle = BACKGROUND;
  ctx.lineWidth = width + 3;
  path();
  ctx.stroke();
  ctx.strokeStyle = LIKES;
  ctx.lineWidth = width;
  path();
  ctx.stroke();
}

/** About seven date labels (a bar's first day), the first and last always. */
function drawDates(ctx: SKRSContext2D, plot: Plot, bars: ChartBar[], date: (iso: string) => string): void {
  ctx.fillStyle = MUTED;
  ctx.font = `${MIN_FONT_PX}px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const every = Math.max(1, Math.ceil(bars.length / 6));
  bars.forEach((bar, i) => {
    if (i % every !== 0 && i !== bars.length - 1) return;
    if (i === bars.length - 1 && i % every !== 0 && i % every < every / 2) return;
    ctx.fillText(date(bar.date), plot.centre(i), plot.bottom + 8);
  });
}

function drawLegend(ctx: SKRSContext2D, x: number, y: number, labels: ChartLabels): void {
  ctx.font = `${MIN_FONT_PX}px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const items = [
    ...SERIES.map((s) => ({ label: labels.kinds[s.kind], colour: s.colour, line: false })),
    { label: labels.likes, colour: LIKES, line: true },
  ];
  for (const item of items) {
    ctx.fillStyle = item.colour;
    if (item.line) ctx.fillRect(x, y - 2, 24, 4);
    else ctx.fillRect(x + 2, y - 10, 20, 20);
    ctx.fillStyle = TEXT;
    ctx.fillText(item.label, x + 30, y);
    x += 30 + ctx.measureText(item.label).width + 26;
  }
}

/** Loads fonts and the rasteriser once at start-up, so the first report is not slower than the rest. */
export function warmUpChart(): void {
  const kinds = { original: 'o', reply: 'r', quote: 'q', repost: 'p' };
  const labels: ChartLabels = {
    // A kana too, so the CJK font (when there is one) is loaded now rather than by the first Japanese report.
    title: 'warm-up ポ',
    weeklyTitle: 'w',
    kinds,
    likes: 'l',
    postsAxis: 'p',
    likesAxis: 'l',
    empty: 'e',
    impressionsTitle: 'i',
    weeklyImpressionsTitle: 'i',
    notRead: 'n',
    partialWeek: (n) => String(n),
    tick: String,
    date: String,
  };
  renderChart([{ date: '2026-01-01', read: 'whole', original: 1, reply: 0, quote: 0, repost: 0, likes: 1, impressions: 1 }], labels);
}
