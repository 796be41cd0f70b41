import { describe, expect, it } from 'vitest';
import { AUTOCOMPLETE_LIMITS } from '../../src/interaction/contract.js';
import { canonicalTimeZone, suggestTimeZones, utcOffsetLabel } from '../../src/report/time-zones.js';

const WINTER = Date.parse('2026-11-23T12:00:00Z');
const SUMMER = Date.parse('2026-07-01T12:00:00Z');
const values = (typed: string, remembered: string | null = null) => suggestTimeZones(typed, remembered, WINTER).map((c) => c.value);

describe('time-zone suggestions', () => {
  it('finds zones by any part of their name, exact and prefix matches first', () => {
    expect(values('utc')[0]).toBe('UTC');
    expect(values('berlin')[0]).toBe('Europe/Berlin');
    expect(values('new york')[0]).toBe('America/New_York');
    expect(values('york')).toContain('America/New_York');
    expect(values('europe/')).toHaveLength(AUTOCOMPLETE_LIMITS.choices); // Discord's limit
    expect(values('zzzz')).toEqual([]);
  });

  it('uses the names IANA uses now, though ICU still lists some by old ones', () => {
    expect(values('kolkata')[0]).toBe('Asia/Kolkata');
    expect(values('kyiv')[0]).toBe('Europe/Kyiv');
    expect(values('calcutta')).toEqual([]);
    expect(canonicalTimeZone('asia/calcutta')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('europe/BERLIN')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
  });

  it('offers the member’s own zone first, before anything is typed and whenever it matches', () => {
    expect(values('', 'Asia/Tokyo')[0]).toBe('Asia/Tokyo');
    expect(values('', null)[0]).toBe('UTC');
    expect(values('asia', 'Asia/Tokyo')[0]).toBe('Asia/Tokyo');
    expect(values('europe', 'Asia/Tokyo')).not.toContain('Asia/Tokyo');
  });

  it('shows each zone’s offset as it is at the time, daylight saving included', () => {
    expect(utcOffsetLabel('Europe/Berlin', WINTER)).toBe('UTC+01:00');
    expect(utcOffsetLabel('Europe/Berlin', SUMMER)).toBe('UTC+02:00');
    expect(utcOffsetLabel('America/New_York', WINTER)).toBe('UTC−05:00');
    expect(utcOffsetLabel('UTC', WINTER)).toBe('UTC');
    expect(suggestTimeZones('kathmandu', null, WINTER)).toEqual([{ name: 'Asia/Kathmandu (UTC+05:45)', value: 'Asia/Kathmandu' }]);
    for (const choice of suggestTimeZones('a', null, WINTER)) expect(choice.name.length).toBeLessThanOrEqual(100);
  });
});
