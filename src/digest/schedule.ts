// When a weekly digest is due: a weekday and a wall-clock time in the
// admins' time zone, turned into UTC instants week by week, so a digest set
// for Monday 09:00 in Europe/Berlin stays at 09:00 there across daylight-saving
// changes. A time that does not exist on a switch day (02:30 when clocks jump
// from 02:00 to 03:00) falls an hour later, as the clocks do. Pure.

import { LocalClock, shiftDate } from '../report/local-time.js';

export interface DigestTime {
  /** 0 Sunday … 6 Saturday, in timeZone. */
  weekday: number;
  /** Minutes after local midnight. */
  minuteOfDay: number;
  timeZone: string;
}

const DAY = 86_400_000;

/** The UTC instant of `minuteOfDay` on a local calendar date in the zone. */
export function localInstant(clock: LocalClock, date: string, minuteOfDay: number): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * 60_000;
  // Under the offset of half a day before, or of half a day after: on a switch day only one may be right.
  const before = wall - clock.offset(wall - DAY / 2);
  const after = wall - clock.offset(wall + DAY / 2);
  const valid = [before, after].filter((u) => u + clock.offset(u) === wall);
  // A time that happens twice (clocks going back) is its first; one that never happens (clocks jumping) is an hour on.
  return valid.length ? Math.min(...valid) : before;
}

/** The latest scheduled moment at or before `now`. */
export function latestDue(time: DigestTime, now: number): number {
  const clock = new LocalClock(time.timeZone);
  const today = clock.parts(now);
  const back = (today.weekday - time.weekday + 7) % 7;
  for (const weeks of [0, 1, 2]) {
    const at = localInstant(clock, shiftDate(today.date, -back - 7 * weeks), time.minuteOfDay);
    if (at <= now) return at;
  }
  throw new Error('no scheduled moment in the last three weeks');
}

/** The first scheduled moment after `now`. */
export function nextDue(time: DigestTime, now: number): number {
  const clock = new LocalClock(time.timeZone);
  const today = clock.parts(now);
  const ahead = (time.weekday - today.weekday + 7) % 7;
  for (const weeks of [0, 1, 2]) {
    const at = localInstant(clock, shiftDate(today.date, ahead + 7 * weeks), time.minuteOfDay);
    if (at > now) return at;
  }
  throw new Error('no scheduled moment in the next three weeks');
}

/** 570 → "09:30". */
export function formatTime(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** "09:30" → 570; null for anything that is not a 24-hour time. */
export function parseTime(text: string): number | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
