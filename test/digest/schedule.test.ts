// The digest's moments across time zones and daylight-saving changes,
// checked against the zone's own wall clock (Intl), not against our offsets.

import { describe, expect, it } from 'vitest';
import { formatTime, latestDue, nextDue, parseTime } from '../../src/digest/schedule.js';

/** The weekday and HH:MM an instant shows on the zone's wall clock, by Intl. */
function wall(ms: number, timeZone: string): { weekday: string; hhmm: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return { weekday: parts.weekday ?? '', hhmm: `${parts.hour}:${parts.minute}` };
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns'];

describe('digest schedule', () => {
  it('lands on the set weekday and wall time, week after week, through a year of DST changes in 7 zones', () => {
    for (const timeZone of ZONES) {
      for (const [weekday, minuteOfDay] of [
        [1, 9 * 60],
        [0, 23 * 60 + 59],
        [5, 0],
      ] as const) {
        const time = { weekday, minuteOfDay, timeZone };
        let now = Date.parse('2026-01-01T00:00:00Z');
        for (let week = 0; week < 56; week++) {
          const next = nextDue(time, now);
          expect(next).toBeGreaterThan(now);
          expect(wall(next, timeZone)).toEqual({ weekday: DAYS[weekday], hhmm: formatTime(minuteOfDay) });
          expect(latestDue(time, next)).toBe(next);
          expect(latestDue(time, next - 1)).toBeLessThan(next);
          // A week apart, give or take the hour a clock change moves it.
          expect(Math.abs(next - latestDue(time, next - 1) - 7 * 86_400_000)).toBeLessThanOrEqual(3_600_000);
          now = next;
        }
      }
    }
  });

  it('moves a time that does not exist on a spring-forward day an hour on, and takes the first of a doubled one', () => {
    // Europe/Berlin: 2026-03-29 02:00 → 03:00; 2026-10-25 03:00 → 02:00 (both Sundays).
    const gap = nextDue({ weekday: 0, minuteOfDay: 150, timeZone: 'Europe/Berlin' }, Date.parse('2026-03-28T12:00:00Z'));
    expect(new Date(gap).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    const doubled = nextDue({ weekday: 0, minuteOfDay: 150, timeZone: 'Europe/Berlin' }, Date.parse('2026-10-24T12:00:00Z'));
    expect(new Date(doubled).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST, the first of the two
  });

  it('reads only 24-hour HH:MM times', () => {
    expect(parseTime('09:00')).toBe(540);
    expect(parseTime('9:05')).toBe(545);
    expect(parseTime('23:59')).toBe(1439);
    for (const bad of ['24:00', '12:60', '9am', '', '12:5', ' : ']) expect(parseTime(bad)).toBeNull();
  });
});
