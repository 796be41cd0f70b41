// What of a report's period was actually read, per source: every figure of a
// report is taken over this span, never over the period asked for when a cap
// stopped the read short. Pure.

import type { CutReason } from '../../db/schema.js';
import { datesBetween, type LocalClock, shiftDate } from '../local-time.js';

/** How much of a local day the report read. */
export type DayRead =
  /** A whole day read in full: per-day averages and patterns are taken over these. */
  | 'whole'
  /** The first day read, read only from where a cap stopped the read: its counts are lower bounds. */
  | 'part'
  /** Today, still in progress. */
  | 'today'
  /** Not read at all: a cap stopped the read after it (drawn as not read, never as a day without posts). */
  | 'none';

/** What a report read of one source (the member's posts, or mentions of them). */
export interface SourceSpan {
  /** Where the span read in full begins: the period start, or later when a bound stopped the read. */
  from: number;
  to: number;
  /** Why the span begins after the period start; null when it covers the whole period. */
  cut: CutReason | null;
  /** Items read inside the span (posts, or mentions by others). */
  count: number;
  /** True when `count` is a lower bound: a bound stopped the read, so more exist in the period. */
  lowerBound: boolean;
}

/** What the reader found stored for a source: the stored span that reaches the present begins at `storedFrom`. */
export interface SourceRead {
  storedFrom: number;
  cut: CutReason | null;
}

/** Where a source's span begins inside the period. */
export function spanStart(read: SourceRead, periodStart: number): number {
  return Math.max(periodStart, read.storedFrom);
}

/** Every local date of the period, oldest first, with how much of it was read. */
export function daysRead(clock: LocalClock, period: { start: number; end: number }, from: number): Array<{ date: string; read: DayRead }> {
  const today = clock.parts(period.end).date;
  return datesBetween(clock.parts(period.start).date, today).map((date) => {
    if (date === today) return { date, read: from <= clock.startOf(date) ? 'today' : 'part' };
    const next = clock.startOf(shiftDate(date, 1));
    if (next <= from) return { date, read: 'none' };
    return { date, read: clock.startOf(date) < from ? 'part' : 'whole' };
  });
}

/**
 * The first local date read whole from `storedFrom` on: the day after it,
 * unless it falls on a local midnight.
 */
export function firstWholeDate(clock: LocalClock, storedFrom: number): string {
  const { date } = clock.parts(storedFrom);
  return clock.startOf(date) === storedFrom ? date : shiftDate(date, 1);
}
