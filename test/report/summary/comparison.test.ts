import { describe, expect, it } from 'vitest';
import { LocalClock, reportPeriod } from '../../../src/report/local-time.js';
import { type ComparisonInput, moreCoverage } from '../../../src/report/summary/comparison.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T12:00:00Z');

/** A report of `days` whose read was cut `daysRead` days back by `cut`, having read `perDay` posts a day. */
function input(days: number, daysRead: number, cut: 'max-posts' | 'x-cap' | 'budget', maxPosts = 1000): [ComparisonInput, number] {
  const { start } = reportPeriod(NOW, days, 'UTC');
  const storedFrom = NOW - daysRead * DAY;
  return [
    {
      previousPosts: null,
      posts: [],
      period: { start, end: NOW, days },
      clock: new LocalClock('UTC'),
      read: { storedFrom, cut },
      limits: { maxPosts, postMicroUsd: 5000, periods: [7, 30, 90] },
    },
    daysRead * 10,
  ];
}

describe('how a later report could cover the whole period', () => {
  it('after a per-report cut: the next reports read on, the posts missing at the rate read, in reports of at most maxPosts', () => {
    // Ten a day, 20 of 90 days read: about 10 × (90 − 20 − the half day of today's start) older posts are missing.
    const [i, read] = input(90, 20, 'max-posts', 300);
    const missing = Math.ceil((10 * (NOW - 20 * DAY - i.period.start)) / DAY);
    expect(moreCoverage(i, read)).toEqual({
      how: 'read-on',
      posts: missing,
      reports: Math.ceil(missing / 300),
      maxPosts: 300,
      costMicroUsd: missing * 5000,
    });
  });

  it('says nothing of reading on when X’s 3,200-post cap would stop it first, and only forward reading helps', () => {
    // 50 a day over 90 days is 4,500 posts: X serves 3,200.
    const [i] = input(90, 20, 'max-posts');
    expect(moreCoverage(i, 20 * 50)?.how).toBe('keep-reporting');
    expect(moreCoverage(...input(90, 20, 'x-cap'))?.how).toBe('keep-reporting');
    expect(moreCoverage(...input(30, 20, 'budget'))).toEqual({ how: 'next-month' });
  });
});
