// Numbers, durations and phrases the English catalog's areas share (format.ts
// holds what every catalog shares).

import { count, share } from './format.js';

export const seconds = (ms: number) => Math.ceil(ms / 1000);
/** What "interactions" counts, said wherever a figure built on it appears. */
export const INTERACTIONS = 'likes, reposts, replies, quotes and bookmarks';
/** 0.0304 → "3.0%": one precision for a rate wherever it appears. */
export const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;
/** A sign for what shows: a change that rounds to nothing is "±0", never "−0" or "+0". */
const sign = (shown: string, n: number) => (/^[0.,%]+$/.test(shown) ? '±' : n > 0 ? '+' : '−');
export const signedCount = (n: number) => `${sign(count(Math.abs(n)), n)}${count(Math.abs(n))}`;
export const signedShare = (fraction: number) => `${sign(share(Math.abs(fraction)), fraction)}${share(Math.abs(fraction))}`;
/** A change of a rate in percentage points, one decimal as the rate is shown; never "−0.0". */
export const signedPoints = (fraction: number) => {
  const shown = (Math.abs(fraction) * 100).toFixed(1);
  return `${sign(shown, fraction)}${shown} pts`;
};

/** 1200 → "1.2k", 3400000 → "3.4M". */
export function shortNumber(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${+(n / 1_000).toFixed(1)}k`;
  return String(n);
}

/** "800 ms", "12 s", "3 min". */
export function outage(ms: number): string {
  if (ms < 1000) return `${count(ms)} ms`;
  if (ms < 120_000) return `${count(Math.round(ms / 1000))} s`;
  return `${count(Math.round(ms / 60_000))} min`;
}

/** "45 min", "3.5 h", "4 days". */
export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  const hours = ms / 3_600_000;
  if (hours < 48) return `${hours < 10 ? hours.toFixed(1) : Math.round(hours)} h`;
  return `${Math.round(hours / 24)} days`;
}
