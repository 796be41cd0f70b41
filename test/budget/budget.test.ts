import { describe, expect, it } from 'vitest';
import { BudgetService, monthStart, nextMonthStart, splitAllowance } from '../../src/budget/budget.js';
import type { MonthlyUsage, UsageStore } from '../../src/budget/usage-store.js';
import type { SettingsStore } from '../../src/guilds/settings-store.js';

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

describe('BudgetService', () => {
  const usage = (server: MonthlyUsage, app: MonthlyUsage) =>
    ({ postsReadSince: (_from: number, guildId?: string) => (guildId ? server : app) }) as unknown as UsageStore;
  const settings = (cap: number | null) => ({ get: () => ({ monthlyPostBudget: cap }) }) as unknown as SettingsStore;
  const read = (postsRead: number, reserved = 0): MonthlyUsage => ({ requests: 1, postsRead, costMicroUsd: postsRead * 5000, reserved });
  const now = () => Date.parse('2026-11-23T12:00:00Z');

  it('is bound by the tighter of the server’s and the bot’s caps', () => {
    const serverTighter = new BudgetService(usage(read(900), read(1000)), settings(1000), 5000, now).state('g');
    expect(serverTighter).toMatchObject({ remaining: 100, limitedBy: 'server', heldByRunning: false });
    const appTighter = new BudgetService(usage(read(100), read(4950)), settings(1000), 5000, now).state('g');
    expect(appTighter).toMatchObject({ remaining: 50, limitedBy: 'app' });
    expect(new BudgetService(usage(read(0), read(0)), settings(null), null, now).state('g')).toMatchObject({
      remaining: null,
      limitedBy: null,
    });
    // In DMs only the bot's cap applies.
    expect(new BudgetService(usage(read(999), read(10)), settings(1000), 5000, now).state(null)).toMatchObject({
      remaining: 4990,
      limitedBy: 'app',
    });
  });

  it('counts what running reports hold, and says when that is all that stands in the way', () => {
    const held = new BudgetService(usage(read(40, 60), read(40, 60)), settings(100), null, now).state('g');
    expect(held).toMatchObject({ remaining: 0, limitedBy: 'server', heldByRunning: true });
    const spent = new BudgetService(usage(read(100), read(100)), settings(100), null, now).state('g');
    expect(spent).toMatchObject({ remaining: 0, heldByRunning: false });
  });
});
