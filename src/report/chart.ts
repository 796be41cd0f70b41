// The report's PNG chart: posts per day stacked by kind, the likes on each
// day's posts as a line on its own axis; below, when X sent impression
// counts, a second panel with the impressions of each day's posts (at most two
// measures a panel). Drawn with @napi-rs/canvas (Skia,
// prebuilt binaries shipped in npm packages) for Discord's display: an embed
// image is shown at most about 400 px wide, so the canvas is twice that and
// every text at least 22 px (11 px as shown). Okabe-Ito colours, which
// red-green colour-blind readers tell apart, on a light card that reads on
// Discord's dark and light themes alike.

import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { CHART_FONT } from './chart-fonts.js';
import { encodePng } from './png.js';
import type { PostKind } from './stored-post.js';
import type { DayActivity } from './summary.js';

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

const BACKGROUND = CHART_COLOURS.background;
const GRID = CHART_COLOURS.grid;
const TEXT = CHART_COLOURS.text;
const MUTED = CHART_COLOURS.muted;
const LIKES = CHART_COLOURS.likes;
const SERIES: Array<{ kind: PostKind; colour: string }> = (['original', 'reply', 'quote', 'repost'] as const).map((kind) => ({
  kind,
  colour: CHART_COLOURS[kind],
}));
const FONT = CHART_FONT;

const total = (d: DayActivity) => d.original + d.reply + d.quote + d.repost;

/** A round axis maximum and step for `max` split in about 4 ticks. */
interface Scale {
  top: number;
  step: number;
}

export function niceScale(max: number): Scale {
  if (max <= 0) return { top: 4, step: 1 };
  const step = niceStep(max / 4);
  return { top: Math.ceil(max / step) * step, step };
}

/** The smallest 1-2-5 step (1, 2, 5, 10, 20, …) at least `rough`; counts never step by less than 1. */
function niceStep(rough: number): number {
  if (rough <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
}

/**
 * Both axes' scales. The grid lines are shared, so the likes axis takes as
 * many intervals as the posts axis, each a round 1-2-5 step of its own: its
 * labels are round numbers, never a fraction of the posts axis.
 */
export function axisScales(days: DayActivity[]): { posts: Scale; likes: Scale } {
  const posts = niceScale(Math.max(0, ...days.map(total)));
  const intervals = Math.round(posts.top / posts.step);
  const step = niceStep(Math.max(0, ...days.map((d) => d.likes)) / intervals);
  return { posts, likes: { top: step * intervals, step } };
}

/** A scale's tick values, bottom to top. */
function ticks(scale: Scale): number[] {
  return Array.from({ length: Math.round(scale.top / scale.step) + 1 }, (_, i) => i * scale.step);
}

/** The labels drawn on each axis, bottom to top. */
export function axisLabels(days: DayActivity[], tick: (n: number) => string = shortNumber): { posts: string[]; likes: string[] } {
  const { posts, likes } = axisScales(days);
  return { posts: ticks(posts).map(tick), likes: ticks(likes).map(tick) };
}

const impressionsScale = (days: DayActivity[]) => niceScale(Math.max(0, ...days.map((d) => d.impressions)));

/** The impressions axis' labels, bottom to top: round 1-2-5 steps of its own. */
export function impressionLabels(days: DayActivity[], tick: (n: number) => string = shortNumber): string[] {
  return ticks(impressionsScale(days)).map(tick);
}

/** 1200 → "1.2k": the default ticks. */
function shortNumber(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${+(n / 1_000).toFixed(1)}k`;
  return String(n);
}

/** The words on the chart, from the member's catalog. */
export interface ChartLabels {
  title: string;
  kinds: Record<PostKind, string>;
  likes: string;
  postsAxis: string;
  likesAxis: string;
  empty: string;
  impressionsTitle: string;
  /** Over the days before the span read. */
  notRead: string;
  /** An axis value as the reader counts: "1.2k", "1.2万". */
  tick: (n: number) => string;
  /** A date (YYYY-MM-DD) under the bars: "12-04", "12/4". */
  date: (iso: string) => string;
}

interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
  /** Horizontal room for one day. */
  slot: number;
}

/** Whether the chart has its impressions panel: only when X sent impressions for some day's posts. */
export function hasImpressionsPanel(days: DayActivity[]): boolean {
  return days.some((d) => d.impressions > 0);
}

export function chartHeight(days: DayActivity[]): number {
  return hasImpressionsPanel(days) ? CHART_HEIGHT + IMPRESSIONS_PANEL_HEIGHT : CHART_HEIGHT;
}

function plotAt(edges: typeof PLOT_EDGES, days: number): Plot {
  const width = edges.right - edges.left;
  return { ...edges, width, height: edges.bottom - edges.top, slot: width / Math.max(1, days) };
}

export function renderChart(days: DayActivity[], labels: ChartLabels): Buffer {
  const height = chartHeight(days);
  const canvas = createCanvas(CHART_WIDTH, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, CHART_WIDTH, height);

  const plot = plotAt(PLOT_EDGES, days.length);
  const { posts: postsScale, likes: likesScale } = axisScales(days);

  drawTitle(ctx, labels);
  drawGrid(ctx, plot, postsScale, likesScale, labels);
  drawNotRead(ctx, plot, days, labels.notRead);
  drawBars(ctx, plot, days, postsScale);
  drawLikes(ctx, plot, days, likesScale);
  drawDates(ctx, plot, days, labels.date);
  if (days.every((d) => total(d) === 0 || d.read === 'none') && days.some((d) => d.read !== 'none')) {
    drawEmpty(ctx, plot, labels.empty, days);
  }
  if (hasImpressionsPanel(days)) {
    const impressions = plotAt(IMPRESSIONS_EDGES, days.length);
    drawNotRead(ctx, impressions, days, labels.notRead);
    drawImpressions(ctx, impressions, days, labels);
  }
  // Opaque throughout (the background fills it), so data()'s unpremultiplied pixels are the drawn colours.
  return encodePng(canvas.data(), CHART_WIDTH, height);
}

/** The second panel: impressions of each day's posts, one measure on one axis. */
function drawImpressions(ctx: SKRSContext2D, plot: Plot, days: DayActivity[], labels: ChartLabels): void {
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
  ctx.fillText(labels.impressionsTitle, 16, CHART_HEIGHT + 40, CHART_WIDTH - 32);

  const scale = impressionsScale(days);
  ctx.font = `${MIN_FONT_PX}px ${FONT}`;
  for (const v of ticks(scale)) gridLine(ctx, plot, plot.bottom - (v / scale.top) * plot.height, labels.tick(v));
  const bar = barGeometry(plot);
  ctx.fillStyle = CHART_COLOURS.impressions;
  days.forEach((day, i) => {
    const h = (day.impressions / scale.top) * plot.height;
    if (h > 0) ctx.fillRect(bar.x(i), plot.bottom - h, bar.width, h);
  });
  drawDates(ctx, plot, days, labels.date);
}

/** Each day's bar: its width, and where the bar of day `i` starts, centred in its slot. */
function barGeometry(plot: Plot): { width: number; x: (i: number) => number } {
  const width = Math.max(1, Math.min(28, plot.slot * 0.7));
  return { width, x: (i) => plot.left + i * plot.slot + (plot.slot - width) / 2 };
}

function drawTitle(ctx: SKRSContext2D, labels: ChartLabels): void {
  ctx.fillStyle = TEXT;
  ctx.font = `bold 30px ${FONT}`;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.fillText(labels.title, 16, 42, CHART_WIDTH - 32);
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
  drawAxisName(ctx, 18, plot.top + plot.height / 2, -Math.PI / 2, MUTED, labels.postsAxis);
  drawAxisName(ctx, CHART_WIDTH - 16, plot.top + plot.height / 2, Math.PI / 2, LIKES, labels.likesAxis);
}

/** One horizontal grid line across the plot, its value on the left axis. */
function gridLine(ctx: SKRSContext2D, plot: Plot, y: number, label: string): void {
  ctx.strokeStyle = GRID;
  ctx.beginPath();
  ctx.moveTo(plot.left, Math.round(y) + 0.5);
  ctx.lineTo(plot.right, Math.round(y) + 0.5);
  ctx.stroke();
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, plot.left - 8, y);
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

/** Posts per day, stacked by kind. */
function drawBars(ctx: SKRSContext2D, plot: Plot, days: DayActivity[], posts: Scale): void {
  const bar = barGeometry(plot);
  days.forEach((day, i) => {
    let y = plot.bottom;
    for (const series of SERIES) {
      const h = (day[series.kind] / posts.top) * plot.height;
      if (h <= 0) continue;
      ctx.fillStyle = series.colour;
      ctx.fillRect(bar.x(i), y - h, bar.width, h);
      y -= h;
    }
  });
}

function drawLikes(ctx: SKRSContext2D, plot: Plot, days: DayActivity[], likes: Scale): void {
  if (!days.some((d) => d.likes > 0)) return;
  // A pale edge under the line keeps it apart from the bars it crosses.
  // Unread days have no likes to draw: the line starts at the first day read, not at a zero.
  const path = () => {
    ctx.beginPath();
    let started = false;
    days.forEach((day, i) => {
      if (day.read === 'none') return;
      const x = plot.left + i * plot.slot + plot.slot / 2;
      const y = plot.bottom - (day.likes / likes.top) * plot.height;
      if (!started) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
      started = true;
    });
  };
  // Thinner over narrow bars (90 days), so the line does not hide them.
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

/** About eight date labels, the first and last always. */
function drawDates(ctx: SKRSContext2D, plot: Plot, days: DayActivity[], date: (iso: string) => string): void {
  ctx.fillStyle = MUTED;
  ctx.font = `${MIN_FONT_PX}px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const every = Math.max(1, Math.ceil(days.length / 6));
  days.forEach((day, i) => {
    if (i % every !== 0 && i !== days.length - 1) return;
    if (i === days.length - 1 && i % every !== 0 && i % every < every / 2) return;
    ctx.fillText(date(day.date), plot.left + i * plot.slot + plot.slot / 2, plot.bottom + 8);
  });
}

function drawEmpty(ctx: SKRSContext2D, plot: Plot, text: string, days: DayActivity[]): void {
  const first = days.findIndex((d) => d.read !== 'none');
  ctx.fillStyle = MUTED;
  ctx.font = `26px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const left = plot.left + first * plot.slot;
  ctx.fillText(text, (left + plot.right) / 2, plot.top + plot.height / 2, plot.right - left);
}

/**
 * The days before the span read, hatched over the plot's full height and
 * labelled: a day not read is not a day without posts, and must not look like one.
 */
export function notReadColumns(days: DayActivity[]): number {
  let n = 0;
  while (n < days.length && days[n]?.read === 'none') n++;
  return n;
}

function drawNotRead(ctx: SKRSContext2D, plot: Plot, days: DayActivity[], label: string): void {
  const n = notReadColumns(days);
  if (n === 0) return;
  const width = n * plot.slot;
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.left, plot.top, width, plot.height);
  ctx.clip();
  ctx.fillStyle = CHART_COLOURS.notRead;
  ctx.fillRect(plot.left, plot.top, width, plot.height);
  ctx.strokeStyle = CHART_COLOURS.notReadHatch;
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let x = plot.left - plot.height; x < plot.left + width; x += 14) {
    ctx.moveTo(x, plot.bottom);
    ctx.lineTo(x + plot.height, plot.top);
  }
  ctx.stroke();
  ctx.restore();
  if (width < 60) return;
  ctx.font = `bold ${MIN_FONT_PX}px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const x = plot.left + width / 2;
  const y = plot.top + plot.height / 2;
  const w = Math.min(width - 8, ctx.measureText(label).width + 16);
  ctx.fillStyle = CHART_COLOURS.notRead;
  ctx.fillRect(x - w / 2, y - 16, w, 32);
  ctx.fillStyle = TEXT;
  ctx.fillText(label, x, y, width - 16);
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
  const labels = {
    // A kana too, so the CJK font (when there is one) is loaded now rather than by the first Japanese report.
    title: 'warm-up ポ',
    kinds,
    likes: 'l',
    postsAxis: 'p',
    likesAxis: 'l',
    empty: 'e',
    impressionsTitle: 'i',
    notRead: 'n',
    tick: String,
    date: String,
  };
  renderChart([{ date: '2026-01-01', read: 'whole', original: 1, reply: 0, quote: 0, repost: 0, likes: 1, impressions: 1 }], labels);
}
