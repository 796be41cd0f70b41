import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { CHART_COLOURS, PLOT_EDGES, renderChart } from '../../../src/report/chart/chart.js';
import { barUnit, chartBars, unreadBars, WEEKLY_FROM_DAYS } from '../../../src/report/chart/chart-bars.js';
import type { DayActivity } from '../../../src/report/summary/summary.js';
import { en } from '../../../src/text/catalog.js';

type Read = DayActivity['read'];

function days(n: number, read: (i: number) => Read = () => 'whole'): DayActivity[] {
  return Array.from({ length: n }, (_, i) => ({
    date: new Date(Date.UTC(2026, 5, 1 + i)).toISOString().slice(0, 10),
    read: i === n - 1 && read(i) === 'whole' ? 'today' : read(i),
    original: i + 1,
    reply: i % 3,
    quote: i % 2,
    repost: 1,
    likes: 10 * i,
    impressions: 100 * i,
  }));
}

describe('chart bars', () => {
  it('draws a bar a day for 7 and 30 days and a bar a week for 90', () => {
    expect(barUnit(7)).toBe('day');
    expect(barUnit(30)).toBe('day');
    expect(barUnit(90)).toBe('week');
    expect(WEEKLY_FROM_DAYS).toBeGreaterThan(31);
    expect(chartBars(days(30)).bars).toHaveLength(30);
    expect(chartBars(days(90)).bars).toHaveLength(13);
  });

  it('sums each week ending today, the oldest short week marked partial with the days it covers', () => {
    const ninety = days(90);
    const { unit, bars } = chartBars(ninety);
    expect(unit).toBe('week');
    // Independently: weeks counted back from the last day.
    const last = bars.at(-1)!;
    const lastWeek = ninety.slice(83);
    expect(last.date).toBe(lastWeek[0]!.date);
    expect(last.original).toBe(lastWeek.reduce((n, d) => n + d.original, 0));
    expect(last.likes).toBe(lastWeek.reduce((n, d) => n + d.likes, 0));
    expect(last.impressions).toBe(lastWeek.reduce((n, d) => n + d.impressions, 0));
    expect(last).toMatchObject({ span: 7, covered: 7, partial: false, unread: false });
    // 90 = 12 × 7 + 6: the oldest bar stands for 6 days.
    expect(bars[0]).toMatchObject({ date: ninety[0]!.date, span: 6, covered: 6, partial: true, unread: false });
    expect(bars.reduce((n, b) => n + b.span, 0)).toBe(90);
    expect(bars.reduce((n, b) => n + b.repost, 0)).toBe(90);
  });

  it('marks weeks with nothing read as unread, and the week where the read stopped as partial', () => {
    // Days 0-40 not read, day 41 read from where the cap stopped, the rest whole.
    const cut = days(90, (i) => (i < 41 ? 'none' : i === 41 ? 'part' : 'whole'));
    const { bars } = chartBars(cut);
    // Bars: [0-5], [6-12], [13-19], [20-26], [27-33], [34-40], [41-47], …
    expect(unreadBars(bars)).toBe(6);
    expect(bars[6]).toMatchObject({ partial: true, unread: false, covered: 6 });
    expect(bars[7]).toMatchObject({ partial: false, covered: 7 });
    // An unread day's counts never enter a bar.
    expect(bars.slice(0, 6).every((b) => b.original === 0 && b.likes === 0)).toBe(true);
  });

  it('marks a day read only in part as partial on a daily chart', () => {
    const { bars } = chartBars(days(30, (i) => (i < 5 ? 'none' : i === 5 ? 'part' : 'whole')));
    expect(unreadBars(bars)).toBe(5);
    expect(bars[5]).toMatchObject({ partial: true, covered: 0 });
    expect(bars[6]).toMatchObject({ partial: false, covered: 1 });
  });

  it('draws a partial week paler than a whole one, and says how many days it covers', async () => {
    const png = renderChart(days(90), en.report.chart('UTC'));
    const image = await loadImage(png);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const at = (x: number, y: number) => {
      const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
      return `#${[r, g, b].map((v) => (v ?? 0).toString(16).padStart(2, '0')).join('')}`;
    };
    const { left, right, bottom } = PLOT_EDGES;
    const slot = (right - left) / 13;
    const oldest = at(Math.round(left + slot / 2), bottom - 4);
    const whole = at(Math.round(left + slot * 12.5), bottom - 4);
    expect(whole).toBe(CHART_COLOURS.original);
    expect(oldest).not.toBe(CHART_COLOURS.original);
    expect(oldest).not.toBe(CHART_COLOURS.background);
    // Paler: closer to the background than the whole week's colour.
    const light = (hex: string) => [1, 3, 5].reduce((n, i) => n + Number.parseInt(hex.slice(i, i + 2), 16), 0);
    expect(light(oldest)).toBeGreaterThan(light(whole));
    expect(en.report.chart('UTC').partialWeek(6)).toBe('6/7 d');
  });
});
