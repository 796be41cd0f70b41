import { describe, expect, it } from 'vitest';
import { BudgetService, budgetState, monthStart, nextMonthStart, splitAllowance } from '../../src/budget/budget.js';
import type { MonthlyUsage, UsageStore } from '../../src/budget/stores.js';
import type { Async } from '../../src/db/async-store.js';
import type { SettingsStore } from '../../src/guilds/stores.js';

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

describe('budget state', () => {
  const read = (postsRead: number, reserved = 0): MonthlyUsage => ({ requests: 1, postsRead, costMicroUsd: postsRead * 5000, reserved });
  const facts = (guildCap: number | null, guild: MonthlyUsage | null, app: MonthlyUsage) => ({ guildCap, guild, app });

  it('is bound by the tighter of the server’s and the bot’s caps', () => {
    expect(budgetState(facts(1000, read(900), read(1000)), 5000)).toMatchObject({
      remaining: 100,
      limitedBy: 'server',
      heldByRunning: false,
    });
    expect(budgetState(facts(1000, read(100), read(4950)), 5000)).toMatchObject({ remaining: 50, limitedBy: 'app' });
    expect(budgetState(facts(null, read(0), read(0)), null)).toMatchObject({ remaining: null, limitedBy: null });
    // In DMs only the bot's cap applies.
    expect(budgetState(facts(null, null, read(10)), 5000)).toMatchObject({ remaining: 4990, limitedBy: 'app' });
  });

  it('counts what running reports hold, and says when that is all that stands in the way', () => {
    expect(budgetState(facts(100, read(40, 60), read(40, 60)), null)).toMatchObject({
      remaining: 0,
      limitedBy: 'server',
      heldByRunning: true,
    });
    expect(budgetState(facts(100, read(100), read(100)), null)).toMatchObject({ remaining: 0, heldByRunning: false });
  });

  it('sums the server and the whole app for admins', async () => {
    const usage = {
      postsReadSince: async (_from: number, guildId?: string) => (guildId ? read(900) : read(1000)),
    } as unknown as Async<UsageStore>;
    const settings = { get: async () => ({ monthlyPostBudget: 1000 }) } as unknown as Async<SettingsStore>;
    const state = await new BudgetService(usage, settings, 5000, () => Date.parse('2026-11-23T12:00:00Z')).state('g');
    expect(state).toMatchObject({ remaining: 100, limitedBy: 'server', guild: { postsRead: 900 }, app: { postsRead: 1000 } });
  });
});
