// Monthly X budgets: each server's cap (set by its admins) and the whole
// app's (X_MONTHLY_POST_BUDGET), counted in posts read for reports per UTC
// calendar month.

import type { SettingsStore } from '../guilds/stores.js';
import type { BudgetScope } from '../text/en.js';
import type { MonthlyUsage, UsageStore } from './stores.js';

export function monthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** The first moment of the month before this one: runs older than that are kept only as monthly totals. */
export function previousMonthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
}

export function nextMonthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export interface BudgetState {
  guild: MonthlyUsage | null;
  guildCap: number | null;
  app: MonthlyUsage;
  appCap: number | null;
  /** Posts that may still be read this month, less what running reports hold; null when nothing caps it. */
  remaining: number | null;
  /** Which cap is the tighter one. */
  limitedBy: BudgetScope | null;
  /** True when the tighter cap is reached only because running reports hold the rest. */
  heldByRunning: boolean;
}

/** What the caps are measured against: each server's cap and the month's sums, as read in one step. */
export interface BudgetFacts {
  guildCap: number | null;
  /** Null when no app cap applies and it was not summed. */
  app: MonthlyUsage | null;
  /** Null outside a server, or when no server cap applies and it was not summed. */
  guild: MonthlyUsage | null;
}

const NOTHING_READ: MonthlyUsage = { requests: 0, postsRead: 0, costMicroUsd: 0, reserved: 0 };

/** The month's usage against the caps, from facts read together (admission reads them in its own transaction). */
export function budgetState(facts: BudgetFacts, appCap: number | null): BudgetState {
  const { guildCap, guild } = facts;
  const app = facts.app ?? NOTHING_READ;
  const left = [
    guildCap !== null && guild ? { by: 'server' as const, cap: guildCap, usage: guild } : null,
    appCap !== null ? { by: 'app' as const, cap: appCap, usage: app } : null,
  ]
    .filter((x) => x !== null)
    .map(({ by, cap, usage }) => ({
      by,
      n: Math.max(0, cap - usage.postsRead - usage.reserved),
      spent: usage.postsRead >= cap,
    }));
  const tightest = left.sort((a, b) => a.n - b.n)[0];
  return {
    guild,
    guildCap,
    app,
    appCap,
    remaining: tightest?.n ?? null,
    limitedBy: tightest?.by ?? null,
    heldByRunning: tightest !== undefined && tightest.n === 0 && !tightest.spent,
  };
}

export class BudgetService {
  constructor(
    private readonly usage: UsageStore,
    private readonly settings: SettingsStore,
    /** X_MONTHLY_POST_BUDGET: the whole app's cap, or null. */
    readonly appCap: number | null,
    private readonly now: () => number,
  ) {}

  /** The month's usage against the caps, summed in full (what /twitter-admin shows). */
  async state(guildId: string | null): Promise<BudgetState> {
    const from = monthStart(this.now());
    const [settings, app, guild] = await Promise.all([
      guildId ? this.settings.get(guildId) : null,
      this.usage.postsReadSince(from),
      guildId ? this.usage.postsReadSince(from, guildId) : null,
    ]);
    return budgetState({ guildCap: settings?.monthlyPostBudget ?? null, app, guild }, this.appCap);
  }
}

/**
 * Splits what the monthly budgets still allow between the timeline and the
 * mentions read (run side by side, so each gets a fixed share); mentions get
 * at most a fifth when the budget is tight. X reads at least 5 posts a page.
 */
export function splitAllowance(allowance: number | null, maxPosts: number, maxMentions: number) {
  if (allowance === null || allowance >= maxPosts + maxMentions) {
    return { posts: maxPosts, mentions: maxMentions, postsBound: 'max-posts' as const, mentionsBound: 'max-posts' as const };
  }
  const mentions = maxMentions > 0 ? Math.min(maxMentions, Math.floor(allowance / 5)) : 0;
  const posts = Math.min(maxPosts, allowance - (mentions >= 5 ? mentions : 0));
  return {
    posts: Math.max(5, posts),
    mentions: mentions >= 5 ? mentions : 0,
    postsBound: posts < maxPosts ? ('budget' as const) : ('max-posts' as const),
    mentionsBound: 'budget' as const,
  };
}
