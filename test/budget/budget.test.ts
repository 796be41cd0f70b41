import { describe, expect, it } from 'vitest';
import { monthStart, nextMonthStart, splitAllowance } from '../../src/budget/budget.js';

describe('budget arithmetic', () => {
  it('counts calendar months in UTC', () => {
    expect(new Date(monthStart(Date.parse('2026-11-30T23:59:59Z'))).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(new Date(nextMonthStart(Date.parse('2026-12-15T00:00:00Z'))).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('gives a report the full bounds when the budget allows, and splits what is left otherwise', () => {
    expect(splitAllowance(null, 1000, 200)).toEqual({ posts: 1000, mentions: 200, postsBound: 'max-posts', mentionsBound: 'max-posts' });
    expect(splitAllowance(5000, 1000, 200)).toMatchObject({ posts: 1000, mentions: 200 });
    expect(splitAllowance(500, 1000, 200)).toEqual({ posts: 400, mentions: 100, postsBound: 'budget', mentionsBound: 'budget' });
    expect(splitAllowance(500, 1000, 0)).toMatchObject({ posts: 500, mentions: 0 });
    expect(splitAllowance(12, 1000, 200)).toMatchObject({ posts: 12, mentions: 0 });
  });
});
