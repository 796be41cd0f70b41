// When a member posts and when their posts earn most, taken over the days the
// report read and never claimed on too few posts. Pure.

import type { BestTime, DayActivity } from './summary-types.js';

/** Fewest posts (on whole days read) before a busiest weekday or hour is claimed. */
export const MIN_PATTERN_POSTS = 20;
/** Fewest own posts a weekday-and-block slot needs before its average means anything. */
export const MIN_SLOT_POSTS = 10;
/** Fewest own, mature posts before a best time to post is looked for at all. */
export const MIN_BEST_TIME_POSTS = 30;
/** Best time is over weekday × blocks of this many hours: an hour a week is too thin a slice for most members. */
export const BEST_TIME_BLOCK_HOURS = 3;

export const postsOn = (d: DayActivity) => d.original + d.reply + d.quote + d.repost;

/** A post as the patterns see it: its local weekday, date and hour, and what it earned. */
export interface PlacedPost {
  date: string;
  weekday: number;
  hour: number;
  createdAt: number;
  own: boolean;
  earned: number;
}

export interface Patterns {
  /** The weekday with most posts per such day read whole; null when too few posts or not every weekday was read. */
  busiestWeekday: { weekday: number; perDay: number; days: number } | null;
  busiestHour: { hour: number; count: number } | null;
  /** Posts the weekday and hour patterns rest on (those of whole days read). */
  sample: number;
}

/** Busiest weekday and hour over whole days read, so no weekday or hour counts twice as often as another. */
export function postingPatterns(placed: PlacedPost[], days: DayActivity[]): Patterns {
  const whole = new Set(days.filter((d) => d.read === 'whole').map((d) => d.date));
  const weekdayDays = new Array<number>(7).fill(0);
  const bump = (counts: number[], at: number) => {
    counts[at] = (counts[at] ?? 0) + 1;
  };
  for (const d of days) if (d.read === 'whole') bump(weekdayDays, new Date(`${d.date}T00:00:00Z`).getUTCDay());
  const weekdays = new Array<number>(7).fill(0);
  const hours = new Array<number>(24).fill(0);
  let sample = 0;
  for (const p of placed) {
    if (!whole.has(p.date)) continue;
    bump(weekdays, p.weekday);
    bump(hours, p.hour);
    sample++;
  }
  if (sample < MIN_PATTERN_POSTS) return { busiestWeekday: null, busiestHour: null, sample };
  let busiestWeekday: Patterns['busiestWeekday'] = null;
  if (weekdayDays.every((n) => n > 0)) {
    for (let w = 0; w < 7; w++) {
      const perDay = (weekdays[w] ?? 0) / (weekdayDays[w] ?? 1);
      if (!busiestWeekday || perDay > busiestWeekday.perDay) busiestWeekday = { weekday: w, perDay, days: weekdayDays[w] ?? 0 };
    }
  }
  const max = Math.max(...hours);
  return { busiestWeekday, busiestHour: { hour: hours.indexOf(max), count: max }, sample };
}

/**
 * The longest run of days with posts among the days read. `atLeast` when it
 * reaches back to the first day read and that day is read only in part or
 * older days were not read: it may have begun earlier.
 */
export function longestStreak(days: DayActivity[]): { days: number; from: string; to: string; atLeast: boolean } | null {
  const read = days.filter((d) => d.read !== 'none');
  const unreadBefore = read[0]?.read === 'part' || days[0]?.read === 'none';
  let best: { days: number; from: string; to: string; atLeast: boolean } | null = null;
  let run = 0;
  let from = '';
  for (const [i, d] of read.entries()) {
    if (postsOn(d) > 0) {
      if (run === 0) from = d.date;
      run++;
      if (!best || run > best.days) best = { days: run, from, to: d.date, atLeast: unreadBefore && i + 1 === run };
    } else {
      run = 0;
    }
  }
  return best;
}

export function busiestDay(days: DayActivity[]): { date: string; count: number } | null {
  return days.reduce<{ date: string; count: number } | null>((best, d) => {
    const count = postsOn(d);
    return d.read !== 'none' && count > 0 && (!best || count > best.count) ? { date: d.date, count } : best;
  }, null);
}

/**
 * When own posts earned most per post, over weekday × BEST_TIME_BLOCK_HOURS
 * blocks. Posts younger than `matureBy` are left out: they are still
 * collecting. Needs MIN_BEST_TIME_POSTS posts, and two blocks with at least
 * MIN_SLOT_POSTS each, or there is nothing to compare.
 */
export function bestTime(placed: PlacedPost[], matureBy: number): BestTime {
  const slots = new Map<number, { weekday: number; hour: number; posts: number; interactions: number }>();
  let sample = 0;
  for (const p of placed) {
    if (!p.own || p.createdAt > matureBy) continue;
    const hour = p.hour - (p.hour % BEST_TIME_BLOCK_HOURS);
    const key = p.weekday * 24 + hour;
    const slot = slots.get(key) ?? { weekday: p.weekday, hour, posts: 0, interactions: 0 };
    slot.posts++;
    slot.interactions += p.earned;
    slots.set(key, slot);
    sample++;
  }
  const compared = [...slots.values()].filter((s) => s.posts >= MIN_SLOT_POSTS);
  if (sample < MIN_BEST_TIME_POSTS || compared.length < 2) {
    return { found: false, sample, minPerSlot: MIN_SLOT_POSTS, minSample: MIN_BEST_TIME_POSTS };
  }
  // Ties go to the slot with more posts (the surer average), then to the earlier slot in the week.
  const best = compared.reduce((a, b) => {
    const diff = b.interactions / b.posts - a.interactions / a.posts;
    if (diff !== 0) return diff > 0 ? b : a;
    if (b.posts !== a.posts) return b.posts > a.posts ? b : a;
    return b.weekday * 24 + b.hour < a.weekday * 24 + a.hour ? b : a;
  });
  // The yardstick is the blocks compared, not every post: a viral post alone in a thin block must not set it.
  const comparedPosts = compared.reduce((n, s) => n + s.posts, 0);
  return {
    found: true,
    weekday: best.weekday,
    hour: best.hour,
    hours: BEST_TIME_BLOCK_HOURS,
    perPost: best.interactions / best.posts,
    posts: best.posts,
    average: compared.reduce((n, s) => n + s.interactions, 0) / comparedPosts,
    compared: comparedPosts,
    sample,
    slots: compared.length,
    minPerSlot: MIN_SLOT_POSTS,
  };
}
