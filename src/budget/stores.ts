// What the budgets read: sums over the report runs, counting what running
// reports still hold as reserved. Each engine (storage/sqlite,
// storage/postgres) implements it.

export interface MonthlyUsage {
  requests: number;
  postsRead: number;
  /** What those reads cost, in millionths of a US dollar. */
  costMicroUsd: number;
  /** What running reports may still read: held against the caps until they end. */
  reserved: number;
}

/** What reports read from X per month. */
export interface UsageStore {
  /**
   * Requests and posts read for reports since `from`, in one server or (no
   * guildId) the whole app, and what running reports may still read
   * (their reservation less what they have read).
   */
  postsReadSince(from: number, guildId?: string): Promise<MonthlyUsage>;
}
