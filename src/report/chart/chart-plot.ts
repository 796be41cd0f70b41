// Where the chart's bars sit on the canvas, and the marks that say what a bar
// is not: days not read (hatched), a partial week (its days covered), a
// period read without posts. Drawn over or beside the bars by chart.ts.

import type { SKRSContext2D } from '@napi-rs/canvas';
import { type ChartBar, type ChartBars, postsIn, unreadBars } from './chart-bars.js';
import type { Scale } from './chart-scales.js';
import { CHART_COLOURS, type ChartLabels, FONT, MIN_FONT_PX, type PLOT_EDGES } from './chart-style.js';

const { background: BACKGROUND, grid: GRID, text: TEXT, muted: MUTED } = CHART_COLOURS;

export interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
  /** Horizontal room for one bar. */
  slot: number;
  /** A bar's width, and where bar `i` starts, centred in its slot. */
  barWidth: number;
  barX: (i: number) => number;
  centre: (i: number) => number;
}

export function plotAt(edges: typeof PLOT_EDGES, chart: ChartBars): Plot {
  const width = edges.right - edges.left;
  const slot = width / Math.max(1, chart.bars.length);
  // Weekly bars are few: wider, still with room between them.
  const barWidth = Math.max(1, Math.min(chart.unit === 'week' ? 40 : 28, slot * 0.7));
  return {
    ...edges,
    width,
    height: edges.bottom - edges.top,
    slot,
    barWidth,
    barX: (i) => edges.left + i * slot + (slot - barWidth) / 2,
    centre: (i) => edges.left + i * slot + slot / 2,
  };
}

/** One horizontal grid line across the plot, its value on the left axis. */
export function gridLine(ctx: SKRSContext2D, plot: Plot, y: number, label: string): void {
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

/** Over each partial week, the days it covers ("5/7 d"): a short week must not read as a quiet one. */
export function drawPartialLabels(ctx: SKRSContext2D, plot: Plot, bars: ChartBar[], posts: Scale, labels: ChartLabels): void {
  ctx.font = `${MIN_FONT_PX}px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  bars.forEach((bar, i) => {
    if (!bar.partial) return;
    const top = plot.bottom - (postsIn(bar) / posts.top) * plot.height;
    const y = Math.max(plot.top + MIN_FONT_PX + 4, top - 6);
    const text = labels.partialWeek(bar.covered);
    // A little wider than the bar's slot if need be: neighbours of a partial week are whole weeks, unlabelled.
    const room = plot.slot + 16;
    const w = Math.min(room, ctx.measureText(text).width + 6);
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(plot.centre(i) - w / 2, y - MIN_FONT_PX - 2, w, MIN_FONT_PX + 4);
    ctx.fillStyle = MUTED;
    ctx.fillText(text, plot.centre(i), y, room - 6);
  });
}

export function drawEmpty(ctx: SKRSContext2D, plot: Plot, text: string, bars: ChartBar[]): void {
  const first = bars.findIndex((b) => !b.unread);
  ctx.fillStyle = MUTED;
  ctx.font = `26px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const left = plot.left + first * plot.slot;
  ctx.fillText(text, (left + plot.right) / 2, plot.top + plot.height / 2, plot.right - left);
}

export function drawNotRead(ctx: SKRSContext2D, plot: Plot, bars: ChartBar[], label: string): void {
  const n = unreadBars(bars);
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
