// Monthly X budgets: each server's cap (set by its admins) and the whole
// app's (X_MONTHLY_POST_BUDGET), counted in posts read for reports per UTC
// calendar month.

import type { PostStore } from '../report/post-store.js';
import type { SettingsStore } from './settings-store.js';

export function monthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function nextMonthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export interface Usage {
  requests: number;
  postsRead: number;
  /** What running reports may still read: held against the caps until they end. */
  reserved: number;
}

export interface BudgetState {
  guild: Usage | null;
  guildCap: number | null;
  app: Usage;
  appCap: number | null;
  /** Posts that may still be read this month, less what running reports hold; null when nothing caps it. */
  remaining: number | null;
  /** Which cap is the tighter one. */
  limitedBy: 'server' | 'app' | null;
  /** True when the tighter cap is reached only because running reports hold the rest. */
  heldByRunning: boolean;
}

export class BudgetService {
  constructor(
    private readonly posts: PostStore,
    private readonly settings: SettingsStore,
    private readonly appCap: number | null,
    private readonly now: () => number,
  ) {}

  state(guildId: string | null): BudgetState {
    const from = monthStart(this.now());
    const app = this.posts.postsReadSince(from);
    const guild = guildId ? this.posts.postsReadSince(from, guildId) : null;
    const guildCap = guildId ? this.settings.get(guildId).monthlyPostBudget : null;
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
