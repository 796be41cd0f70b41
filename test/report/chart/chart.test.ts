import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
  axisLabels,
  CHART_COLOURS,
  CHART_HEIGHT,
  CHART_WIDTH,
  IMPRESSIONS_EDGES,
  IMPRESSIONS_PANEL_HEIGHT,
  impressionLabels,
  MIN_FONT_PX,
  niceScale,
  notReadColumns,
  PLOT_EDGES,
  renderChart,
} from '../../../src/report/chart/chart.js';
import type { DayActivity } from '../../../src/report/summary/summary.js';
import { en } from '../../../src/text/catalog.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function days(n: number, fill: (i: number) => Partial<DayActivity>): DayActivity[] {
  return Array.from({ length: n }, (_, i) => ({
    date: new Date(Date.UTC(2026, 7, 25 + i)).toISOString().slice(0, 10),
    read: 'whole' as const,
    original: 0,
    reply: 0,
    quote: 0,
    repost: 0,
    likes: 0,
    impressions: 0,
    ...fill(i),
  }));
}

describe('chart', () => {
  it('renders a PNG of the documented size for 7, 30 and 90 days', () => {
    for (const n of [8, 31, 91]) {
      const png = renderChart(
        days(n, (i) => ({ original: i % 4, reply: i % 3, repost: i % 2, likes: (i * 13) % 70 })),
        en.report.chart('UTC'),
      );
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(png.readUInt32BE(16)).toBe(CHART_WIDTH); // IHDR width
      expect(png.readUInt32BE(20)).toBe(CHART_HEIGHT); // IHDR height
      expect(png.length).toBeGreaterThan(5_000);
      expect(png.length).toBeLessThan(1_000_000);
    }
  });

  it('draws an empty period without failing', () => {
    const png = renderChart(
      days(8, () => ({})),
      en.report.chart('UTC'),
    );
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });

  it('picks round axis steps', () => {
    expect(niceScale(0)).toEqual({ top: 4, step: 1 });
    expect(niceScale(9)).toEqual({ top: 10, step: 5 });
    expect(niceScale(37)).toEqual({ top: 40, step: 10 });
    expect(niceScale(3)).toEqual({ top: 3, step: 1 });
    expect(niceScale(1234)).toEqual({ top: 1500, step: 500 });
  });
});

describe('what the chart draws', () => {
  async function pixels(png: Buffer) {
    const image = await loadImage(png);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    return (x: number, y: number) => {
      const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
      return `#${[r, g, b].map((v) => (v ?? 0).toString(16).padStart(2, '0')).join('')}`;
    };
  }

  it('stacks each kind in its own colour from the bottom of the plot, and draws nothing where a day had no posts', async () => {
    // Day 0: 4 originals only; day 1: nothing.
    const png = renderChart(
      days(2, (i) => (i === 0 ? { original: 4 } : {})),
      en.report.chart('UTC'),
    );
    const at = await pixels(png);
    const { left, right, bottom } = PLOT_EDGES;
    const slot = (right - left) / 2;
    expect(at(Math.round(left + slot / 2), bottom - 5)).toBe(CHART_COLOURS.original);
    expect(at(Math.round(left + slot * 1.5), bottom - 5)).toBe(CHART_COLOURS.background);
    expect(at(2, 2)).toBe(CHART_COLOURS.background); // a light card, not a dark block in Discord's light theme
  });

  it('draws days before the span read as not read (hatched), never as days without posts', async () => {
    // Days 0-1 not read, day 2 read in part, day 3 read with no posts.
    const four = days(4, (i) => (i < 2 ? { read: 'none' } : i === 2 ? { read: 'part', original: 2 } : {}));
    expect(notReadColumns(four)).toBe(2);
    const at = await pixels(renderChart(four, en.report.chart('UTC')));
    const { left, right, top, bottom } = PLOT_EDGES;
    const slot = (right - left) / 4;
    // Down an unread day's column: the hatch's fill and lines, never the empty background of a day without posts.
    const column = Array.from({ length: Math.floor((bottom - top) / 4) }, (_, k) => at(Math.round(left + slot * 0.3), top + 2 + k * 4));
    expect(column).not.toContain(CHART_COLOURS.background);
    expect(column.filter((c) => c === CHART_COLOURS.notRead).length).toBeGreaterThan(column.length / 3);
    // A day read without posts stays empty.
    expect(at(Math.round(left + slot * 3.5), bottom - 5)).toBe(CHART_COLOURS.background);
    // A day read only from where the cap stopped is drawn, paler: its count is a lower bound.
    const part = at(Math.round(left + slot * 2.5), bottom - 5);
    expect([CHART_COLOURS.original, CHART_COLOURS.background, CHART_COLOURS.notRead]).not.toContain(part);
    // With every day read, no hatch at all.
    const whole = await pixels(
      renderChart(
        days(4, () => ({})),
        en.report.chart('UTC'),
      ),
    );
    expect(whole(Math.round(left + slot * 0.3), bottom - 40)).toBe(CHART_COLOURS.background);
  });

  it('adds an impressions panel below, in its own colour with its own round axis, only when X sent impressions', async () => {
    // Day 0: 2 posts with 4,000 impressions; day 1: one post X sent no impressions for.
    const withImpressions = days(2, (i) => (i === 0 ? { original: 2, impressions: 4000 } : { original: 1 }));
    const png = renderChart(withImpressions, en.report.chart('UTC'));
    expect(png.readUInt32BE(20)).toBe(CHART_HEIGHT + IMPRESSIONS_PANEL_HEIGHT);
    const at = await pixels(png);
    const { left, right, bottom } = IMPRESSIONS_EDGES;
    const slot = (right - left) / 2;
    expect(at(Math.round(left + slot / 2), bottom - 5)).toBe(CHART_COLOURS.impressions);
    expect(at(Math.round(left + slot * 1.5), bottom - 5)).toBe(CHART_COLOURS.background);
    expect(impressionLabels(withImpressions)).toEqual(['0', '1k', '2k', '3k', '4k']);
    // Okabe-Ito's bluish green: apart from every other series for colour-blind readers.
    expect(CHART_COLOURS.impressions).toBe('#009e73');

    const without = renderChart(
      days(2, () => ({ original: 1 })),
      en.report.chart('UTC'),
    );
    expect(without.readUInt32BE(20)).toBe(CHART_HEIGHT);
  });

  it('is drawn for Discord’s 400 px display: twice as wide, type at least 11 px as shown, colour-blind-safe colours', () => {
    expect(CHART_WIDTH).toBe(800);
    expect(MIN_FONT_PX / 2).toBeGreaterThanOrEqual(11);
    // Okabe-Ito: no red beside green for red-green colour-blind readers.
    const used = [CHART_COLOURS.original, CHART_COLOURS.reply, CHART_COLOURS.quote, CHART_COLOURS.repost, CHART_COLOURS.likes];
    expect(new Set(used).size).toBe(5);
    expect(used).toEqual(['#0072b2', '#56b4e9', '#e69f00', '#cc79a7', '#d55e00']);
  });

  it('labels the likes axis with round numbers of its own, not fractions of the posts axis', () => {
    // 3 posts and 350 likes a day once printed "133.3333333" and "266.666…".
    expect(axisLabels(days(7, () => ({ original: 3, likes: 350 })))).toEqual({
      posts: ['0', '1', '2', '3'],
      likes: ['0', '200', '400', '600'],
    });
    expect(axisLabels(days(7, (i) => ({ original: i === 0 ? 9 : 1, likes: i === 0 ? 2300 : 10 })))).toEqual({
      posts: ['0', '5', '10'],
      likes: ['0', '2k', '4k'],
    });
    // Few likes: steps of one like, never fractions.
    expect(axisLabels(days(7, () => ({ original: 8, likes: 1 }))).likes).toEqual(['0', '1', '2', '3', '4']);
    for (const n of [1, 7, 37, 120, 999, 12_345]) {
      const { likes } = axisLabels(days(7, (i) => ({ original: i, likes: n })));
      expect(likes.every((label) => /^\d+(\.\d)?[kM]?$/.test(label))).toBe(true);
      expect(Number.parseFloat(likes.at(-1)!) * (likes.at(-1)!.endsWith('k') ? 1000 : 1)).toBeGreaterThanOrEqual(n);
    }
  });

  it('picks round 1-2-5 steps for an axis', () => {
    expect(niceScale(3)).toEqual({ top: 3, step: 1 });
    expect(niceScale(350)).toEqual({ top: 400, step: 100 });
    expect(niceScale(2300)).toEqual({ top: 3000, step: 1000 });
  });
});
