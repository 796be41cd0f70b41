import { describe, expect, it } from 'vitest';
import { datesBetween, LocalClock, reportPeriod } from '../../src/report/local-time.js';

describe('LocalClock', () => {
  it('places instants on the day a zone switches to summer time, hour by hour', () => {
    // Europe/Berlin moved from UTC+1 to UTC+2 at 01:00 UTC on 29 March 2026.
    const berlin = new LocalClock('Europe/Berlin');
    expect(berlin.parts(Date.parse('2026-03-29T00:30:00Z'))).toEqual({ date: '2026-03-29', weekday: 0, hour: 1 });
    expect(berlin.parts(Date.parse('2026-03-29T01:30:00Z'))).toEqual({ date: '2026-03-29', weekday: 0, hour: 3 });
    expect(berlin.parts(Date.parse('2026-03-29T22:30:00Z'))).toEqual({ date: '2026-03-30', weekday: 1, hour: 0 });
  });

  it('handles the switch back, and zones with quarter-hour offsets', () => {
    const berlin = new LocalClock('Europe/Berlin');
    // Back to UTC+1 at 01:00 UTC on 25 October 2026.
    expect(berlin.parts(Date.parse('2026-10-25T00:30:00Z')).hour).toBe(2);
    expect(berlin.parts(Date.parse('2026-10-25T01:30:00Z')).hour).toBe(2);
    expect(new LocalClock('Asia/Kathmandu').parts(Date.parse('2026-11-23T00:00:00Z'))).toEqual({ date: '2026-11-23', weekday: 1, hour: 5 });
    expect(new LocalClock('UTC').parts(Date.parse('2026-11-23T23:59:00Z'))).toEqual({ date: '2026-11-23', weekday: 1, hour: 23 });
  });
});

describe('reportPeriod', () => {
  const iso = (ms: number) => new Date(ms).toISOString();

  it('covers the last N whole local days, today included, and the N days before for the trend', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    const utc = reportPeriod(now, 7, 'UTC');
    expect([iso(utc.start), iso(utc.previousStart), utc.end]).toEqual(['2026-11-17T00:00:00.000Z', '2026-11-10T00:00:00.000Z', now]);
    // 12:00 UTC is already 02:00 on the 24th in Kiritimati (UTC+14): its days start at 10:00 UTC.
    const kiritimati = reportPeriod(now, 7, 'Pacific/Kiritimati');
    expect(iso(kiritimati.start)).toBe('2026-11-17T10:00:00.000Z');
    // Seven dates, none a sliver: the chart draws seven bars.
    const clock = new LocalClock('Pacific/Kiritimati');
    expect(datesBetween(clock.parts(kiritimati.start).date, clock.parts(now).date)).toHaveLength(7);
  });

  it('starts each day at its own local midnight across a summer-time switch', () => {
    // Berlin: UTC+1 until 29 March 2026, UTC+2 after.
    const now = Date.parse('2026-03-30T12:00:00Z');
    const period = reportPeriod(now, 7, 'Europe/Berlin');
    expect(iso(period.start)).toBe('2026-03-23T23:00:00.000Z'); // 24 March, 00:00 CET
    expect(iso(period.previousStart)).toBe('2026-03-16T23:00:00.000Z');
    const summer = reportPeriod(Date.parse('2026-04-10T12:00:00Z'), 7, 'Europe/Berlin');
    expect(iso(summer.start)).toBe('2026-04-03T22:00:00.000Z'); // 4 April, 00:00 CEST
  });
});
