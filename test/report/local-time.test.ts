import { describe, expect, it } from 'vitest';
import { LocalClock } from '../../src/report/local-time.js';

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
