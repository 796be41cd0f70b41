// Japanese on the chart: drawn with real glyphs (Noto Sans CJK, Debian's
// fonts-noto-cjk), never the empty boxes ("tofu") a Latin-only font gives;
// ticks counted in 万; and English words instead when no CJK font exists.

import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { CHART_COLOURS, CHART_WIDTH, impressionLabels, renderChart } from '../../../src/report/chart/chart.js';
import { CHART_FONT, chartWords, hasCjkFont, needsCjk } from '../../../src/report/chart/chart-fonts.js';
import type { DayActivity } from '../../../src/report/summary/summary.js';
import { en, ja } from '../../../src/text/catalog.js';

const TITLE_BOX = { x: 0, y: 0, width: CHART_WIDTH, height: 56 };

function days(n: number): DayActivity[] {
  return Array.from({ length: n }, (_, i) => ({
    date: new Date(Date.UTC(2026, 10, 28 + i)).toISOString().slice(0, 10),
    read: 'whole' as const,
    original: 1 + (i % 3),
    reply: i % 2,
    quote: 0,
    repost: 0,
    likes: 40 * i,
    impressions: 9000 * (i + 1),
  }));
}

/** The chart's title row, as RGBA. */
async function titleRow(png: Buffer): Promise<Uint8ClampedArray> {
  const image = await loadImage(png);
  const canvas = createCanvas(TITLE_BOX.width, TITLE_BOX.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return ctx.getImageData(0, 0, TITLE_BOX.width, TITLE_BOX.height).data;
}

/** The title drawn as the chart draws it, in the given font stack. */
function titleIn(fonts: string, title: string): Uint8ClampedArray {
  const canvas = createCanvas(TITLE_BOX.width, TITLE_BOX.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = CHART_COLOURS.background;
  ctx.fillRect(0, 0, TITLE_BOX.width, TITLE_BOX.height);
  ctx.fillStyle = CHART_COLOURS.text;
  ctx.font = `bold 30px ${fonts}`;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.fillText(title, 16, 42, CHART_WIDTH - 32);
  return ctx.getImageData(0, 0, TITLE_BOX.width, TITLE_BOX.height).data;
}

/** How many pixels differ noticeably between two images of the same size. */
function differing(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (
      Math.abs((a[i] ?? 0) - (b[i] ?? 0)) + Math.abs((a[i + 1] ?? 0) - (b[i + 1] ?? 0)) + Math.abs((a[i + 2] ?? 0) - (b[i + 2] ?? 0)) >
      60
    )
      n++;
  }
  return n;
}

describe.skipIf(!hasCjkFont())('a Japanese chart, with Noto Sans CJK installed', () => {
  it('draws its title in real glyphs: as the CJK font draws it, far from the boxes a Latin-only font draws', async () => {
    const labels = ja.report.chart('Asia/Tokyo');
    const drawn = await titleRow(renderChart(days(7), labels));
    const glyphs = titleIn(CHART_FONT, labels.title);
    const tofu = titleIn('"DejaVu Sans"', labels.title);
    const blank = titleIn(CHART_FONT, '');
    // Ink: the title is there at all.
    expect(differing(drawn, blank)).toBeGreaterThan(2000);
    // What the chart drew is what the CJK font draws …
    expect(differing(drawn, glyphs)).toBeLessThan(50);
    // … and not the row of boxes DejaVu alone gives the same text.
    expect(differing(drawn, tofu)).toBeGreaterThan(1500);
  });

  it('keeps the Japanese words when the font is there', () => {
    const words = ja.report.chart('UTC');
    expect(chartWords(words, en.report.chart('UTC'))).toBe(words);
  });
});

describe('chart words', () => {
  it('fall back to English, never to boxes, on a machine without a CJK font', () => {
    const words = chartWords(ja.report.chart('UTC'), en.report.chart('UTC'), false);
    expect(words.title).toBe(en.report.chart('UTC').title);
    expect(words.kinds).toEqual(en.report.chart('UTC').kinds);
    // English needs no CJK font: its words stay.
    expect(chartWords(en.report.chart('UTC'), en.report.chart('UTC'), false).title).toBe(en.report.chart('UTC').title);
    expect(needsCjk('ポスト')).toBe(true);
    expect(needsCjk('Posts per day — 12 (UTC)')).toBe(false);
  });

  it('count ticks in 万 in Japanese, in k in English, on the same scale', () => {
    const d = days(4);
    expect(impressionLabels(d, ja.report.chart('UTC').tick)).toEqual(['0', '1万', '2万', '3万', '4万']);
    expect(impressionLabels(d, en.report.chart('UTC').tick)).toEqual(['0', '10k', '20k', '30k', '40k']);
    expect(ja.report.chart('UTC').date('2026-12-04')).toBe('12/4');
  });
});
