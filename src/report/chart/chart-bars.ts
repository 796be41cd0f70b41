// What the chart's bars stand for: one a day for 7 and 30 days, one a week
// for 90 (90 daily bars are 7 px wide at Discord's size, too thin to read).
// Weeks end on today, so only the oldest bar can be short. A bar that covers
// less than its days (the oldest, short week; a week straddling where the
// read stopped) is marked partial, drawn paler and labelled with the days it
// covers; a bar with nothing read is marked unread and drawn as not read,
// never as a bar without posts. Pure.

import type { DayActivity } from '../summary/summary-types.js';

/** Periods this long or longer are drawn a week a bar. */
export const WEEKLY_FROM_DAYS = 60;
export const WEEK_DAYS = 7;

export interface ChartBar {
  /** The first local date the bar covers: its label. */
  date: string;
  /** Local days the bar stands for: 1 a day; 7 a week, fewer for the oldest week. */
  span: number;
  /** Of those, days read in full (today counts as read so far). */
  covered: number;
  /** Nothing of it was read. */
  unread: boolean;
  /** Read, but over less than a full day or week: its counts are not a whole day's or week's. */
  partial: boolean;
  original: number;
  reply: number;
  quote: number;
  repost: number;
  likes: number;
  impressions: number;
}

export interface ChartBars {
  unit: 'day' | 'week';
  bars: ChartBar[];
}

const fullyRead = (d: DayActivity) => d.read === 'whole' || d.read === 'today';

function barOf(days: DayActivity[], weekly: boolean): ChartBar {
  const covered = days.filter(fullyRead).length;
  const unread = days.every((d) => d.read === 'none');
  const sum = (key: 'original' | 'reply' | 'quote' | 'repost' | 'likes' | 'impressions') =>
    days.reduce((n, d) => n + (d.read === 'none' ? 0 : d[key]), 0);
  return {
    date: days[0]?.date ?? '',
    span: days.length,
    covered,
    unread,
    partial: !unread && covered < (weekly ? WEEK_DAYS : 1),
    original: sum('original'),
    reply: sum('reply'),
    quote: sum('quote'),
    repost: sum('repost'),
    likes: sum('likes'),
    impressions: sum('impressions'),
  };
}

/** What one bar stands for, for a chart of `dayCount` days. */
export const barUnit = (dayCount: number): ChartBars['unit'] => (dayCount < WEEKLY_FROM_DAYS ? 'day' : 'week');

/** The bars for a period's days (oldest first): daily below WEEKLY_FROM_DAYS days, else weekly, weeks ending today. */
export function chartBars(days: DayActivity[]): ChartBars {
  if (barUnit(days.length) === 'day') return { unit: 'day', bars: days.map((d) => barOf([d], false)) };
  const bars: ChartBar[] = [];
  for (let end = days.length; end > 0; end -= WEEK_DAYS) bars.unshift(barOf(days.slice(Math.max(0, end - WEEK_DAYS), end), true));
  return { unit: 'week', bars };
}

/** How many bars from the oldest on have nothing read: drawn hatched as not read. */
export function unreadBars(bars: readonly ChartBar[]): number {
  let n = 0;
  while (n < bars.length && bars[n]?.unread) n++;
  return n;
}

export const postsIn = (b: Pick<ChartBar, 'original' | 'reply' | 'quote' | 'repost'>) => b.original + b.reply + b.quote + b.repost;
