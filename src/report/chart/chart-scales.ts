// The chart's axes: round 1-2-5 steps, the likes axis sharing the posts
// axis' grid lines with round labels of its own, and short numbers. Pure.

import { type ChartBar, postsIn } from './chart-bars.js';

/** A round axis maximum and step for a maximum split in about 4 ticks. */
export interface Scale {
  top: number;
  step: number;
}

type Counts = Pick<ChartBar, 'original' | 'reply' | 'quote' | 'repost' | 'likes' | 'impressions'>;

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
export function axisScales(bars: readonly Counts[]): { posts: Scale; likes: Scale } {
  const posts = niceScale(Math.max(0, ...bars.map(postsIn)));
  const intervals = Math.round(posts.top / posts.step);
  const step = niceStep(Math.max(0, ...bars.map((d) => d.likes)) / intervals);
  return { posts, likes: { top: step * intervals, step } };
}

/** A scale's tick values, bottom to top. */
export function ticks(scale: Scale): number[] {
  return Array.from({ length: Math.round(scale.top / scale.step) + 1 }, (_, i) => i * scale.step);
}

/** The labels drawn on each axis, bottom to top. */
export function axisLabels(bars: readonly Counts[], tick: (n: number) => string = shortNumber): { posts: string[]; likes: string[] } {
  const { posts, likes } = axisScales(bars);
  return { posts: ticks(posts).map(tick), likes: ticks(likes).map(tick) };
}

export const impressionsScale = (bars: readonly Counts[]) => niceScale(Math.max(0, ...bars.map((d) => d.impressions)));

/** The impressions axis' labels, bottom to top: round 1-2-5 steps of its own. */
export function impressionLabels(bars: readonly Counts[], tick: (n: number) => string = shortNumber): string[] {
  return ticks(impressionsScale(bars)).map(tick);
}

export function shortNumber(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${+(n / 1_000).toFixed(1)}k`;
  return String(n);
}
