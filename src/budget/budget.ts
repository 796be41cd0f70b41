// Monthly X budgets: each server's cap (set by its admins) and the whole
// app's (X_MONTHLY_POST_BUDGET), counted in posts read for reports per UTC
// calendar month.

import type { SettingsStore } from '../guilds/settings-store.js';
import type { BudgetScope } from '../text/en.js';
import type { MonthlyUsage, UsageStore } from './usage-store.js';

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

export class BudgetService {
  constructor(
    private readonly usage: UsageStore,
    private readonly settings: SettingsStore,
    private readonly appCap: number | null,
    private readonly now: () => number,
  ) {}

  /**
   * The month's usage against the caps. With `onlyCapped` (admission, on the
   * way to an ack) a sum is made only where a cap applies: with no cap set,
   * admission reads nothing but the server's settings.
   */
  state(guildId: string | null, options: { onlyCapped?: boolean } = {}): BudgetState {
    const from = monthStart(this.now());
    const guildCap = guildId ? this.settings.get(guildId).monthlyPostBudget : null;
    const none = { requests: 0, postsRead: 0, costMicroUsd: 0, reserved: 0 };
    const app = options.onlyCapped && this.appCap === null ? none : this.usage.postsReadSince(from);
    const guild = guildId && !(options.onlyCapped && guildCap === null) ? this.usage.postsReadSince(from, guildId) : null;
    const left = [
      guildCap !== null && guild ? { by: 'server' as const, cap: guildCap, usage: guild } : null,
      this.appCap !== null ? { by: 'app' as const, cap: this.appCap, usage: app } : null,
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
      appCap: this.appCap,
      remaining: tightest?.n ?? null,
      limitedBy: tightest?.by ?? null,
      heldByRunning: tightest !== undefined && tightest.n === 0 && !tightest.spent,
    };
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
