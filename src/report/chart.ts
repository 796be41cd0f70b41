// The report's PNG chart: posts per day stacked by kind, likes per day as a
// line on its own axis. Drawn with @napi-rs/canvas (Skia, prebuilt binaries
// shipped in npm packages) in colours that read well on Discord's dark theme.

import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { DayActivity, PostKind } from './summary.js';

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 360;

const BACKGROUND = '#2b2d31';
const GRID = '#3f4147';
const TEXT = '#dbdee1';
const MUTED = '#949ba4';
const LIKES = '#f23f43';
const SERIES: Array<{ kind: PostKind; label: string; colour: string }> = [
  { kind: 'original', label: 'Original', colour: '#1d9bf0' },
  { kind: 'reply', label: 'Replies', colour: '#23a55a' },
  { kind: 'quote', label: 'Quotes', colour: '#f0b232' },
  { kind: 'repost', label: 'Reposts', colour: '#a78bfa' },
];
const FONT = '"DejaVu Sans", "Liberation Sans", Arial, sans-serif';

/** A round axis maximum and step for `max` split in about 4 ticks. */
export function niceScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 4, step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const niceStep = Math.max(step, 1);
  return { top: Math.ceil(max / niceStep) * niceStep, step: niceStep };
}

function shortNumber(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${+(n / 1_000).toFixed(1)}k`;
  return String(n);
}

export function renderChart(days: DayActivity[], title: string): Buffer {
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);

  const plot = { left: 60, right: CHART_WIDTH - 70, top: 70, bottom: CHART_HEIGHT - 50 };
  const width = plot.right - plot.left;
  const height = plot.bottom - plot.top;
  const postsScale = niceScale(Math.max(0, ...days.map((d) => d.original + d.reply + d.quote + d.repost)));
  const likesScale = niceScale(Math.max(0, ...days.map((d) => d.likes)));

  ctx.fillStyle = TEXT;
  ctx.font = `bold 20px ${FONT}`;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.fillText(title, plot.left, 32);
  drawLegend(ctx, plot.left, 54);

  // Grid and both axes' labels.
  ctx.font = `13px ${FONT}`;
  ctx.lineWidth = 1;
  for (let v = 0; v <= postsScale.top; v += postsScale.step) {
    const y = plot.bottom - (v / postsScale.top) * height;
    ctx.strokeStyle = GRID;
    ctx.beginPath();
    ctx.moveTo(plot.left, Math.round(y) + 0.5);
    ctx.lineTo(plot.right, Math.round(y) + 0.5);
    ctx.stroke();
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(shortNumber(v), plot.left - 8, y);
    ctx.fillStyle = LIKES;
    ctx.textAlign = 'left';
    ctx.fillText(shortNumber((v / postsScale.top) * likesScale.top), plot.right + 8, y);
  }
  ctx.save();
  ctx.translate(16, plot.top + height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillStyle = MUTED;
  ctx.fillText('posts', 0, 0);
  ctx.restore();
  ctx.save();
  ctx.translate(CHART_WIDTH - 14, plot.top + height / 2);
  ctx.rotate(Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillStyle = LIKES;
  ctx.fillText('likes', 0, 0);
  ctx.restore();

  // Stacked bars.
  const slot = width / Math.max(1, days.length);
  const barWidth = Math.max(1, Math.min(28, slot * 0.7));
  days.forEach((day, i) => {
    let y = plot.bottom;
    const x = plot.left + i * slot + (slot - barWidth) / 2;
    for (const series of SERIES) {
      const h = (day[series.kind] / postsScale.top) * height;
      if (h <= 0) continue;
      ctx.fillStyle = series.colour;
      ctx.fillRect(x, y - h, barWidth, h);
      y -= h;
    }
  });

  // Likes line.
  if (days.some((d) => d.likes > 0)) {
    ctx.strokeStyle = LIKES;
    ctx.lineWidth = 2.5;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    days.forEach((day, i) => {
      const x = plot.left + i * slot + slot / 2;
      const y = plot.bottom - (day.likes / likesScale.top) * height;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
  }

  // Date labels: about eight, first and last always.
  ctx.fillStyle = MUTED;
  ctx.font = `12px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const every = Math.max(1, Math.ceil(days.length / 8));
  days.forEach((day, i) => {
    if (i % every !== 0 && i !== days.length - 1) return;
    if (i === days.length - 1 && i % every !== 0 && i % every < every / 2) return;
    ctx.fillText(day.date.slice(5), plot.left + i * slot + slot / 2, plot.bottom + 8);
  });
  if (days.every((d) => d.original + d.reply + d.quote + d.repost === 0)) {
    ctx.fillStyle = MUTED;
    ctx.font = `16px ${FONT}`;
    ctx.textBaseline = 'middle';
    ctx.fillText('No posts in this period', plot.left + width / 2, plot.top + height / 2);
  }
  return canvas.toBuffer('image/png');
}

function drawLegend(ctx: SKRSContext2D, x: number, y: number): void {
  ctx.font = `13px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const items = [...SERIES.map((s) => ({ label: s.label, colour: s.colour, line: false })), { label: 'Likes', colour: LIKES, line: true }];
  for (const item of items) {
    ctx.fillStyle = item.colour;
    if (item.line) ctx.fillRect(x, y - 1.5, 14, 3);
    else ctx.fillRect(x, y - 6, 12, 12);
    ctx.fillStyle = TEXT;
    ctx.fillText(item.label, x + 18, y);
    x += 18 + ctx.measureText(item.label).width + 18;
  }
}

/** Loads fonts and the rasteriser once at start-up, so the first report is not slower than the rest. */
export function warmUpChart(): void {
  renderChart([{ date: '2026-01-01', original: 1, reply: 0, quote: 0, repost: 0, likes: 1 }], 'warm-up');
}
