// What reports read from X since a date, summed the same way on every engine:
// requests, posts read, cost, and what running reports still hold reserved
// (their reservation less what they have read, never below zero).

import { type AnyColumn, sql } from 'drizzle-orm';
import type { MonthlyUsage } from '../../budget/stores.js';

interface RunColumns {
  upstreamRequests: AnyColumn;
  postsRead: AnyColumn;
  costMicroUsd: AnyColumn;
  outcome: AnyColumn;
  reservedPosts: AnyColumn;
}

/** The sums to select; `larger` is the engine's two-argument maximum (PostgreSQL's greatest, SQLite's max). */
export function usageSums(runs: RunColumns, larger: 'greatest' | 'max') {
  const left = sql`${sql.raw(larger)}(${runs.reservedPosts} - ${runs.postsRead}, 0)`;
  return {
    requests: sql<number | string>`coalesce(sum(${runs.upstreamRequests}), 0)`,
    postsRead: sql<number | string>`coalesce(sum(${runs.postsRead}), 0)`,
    costMicroUsd: sql<number | string>`coalesce(sum(${runs.costMicroUsd}), 0)`,
    reserved: sql<number | string>`coalesce(sum(case when ${runs.outcome} = 'running' then ${left} else 0 end), 0)`,
  };
}

type Sums = { [K in keyof MonthlyUsage]: number | string };

/** The sums as numbers (PostgreSQL returns sums of bigints as text); no row is no usage. */
export function monthlyUsage(row: Sums | undefined): MonthlyUsage {
  return {
    requests: Number(row?.requests ?? 0),
    postsRead: Number(row?.postsRead ?? 0),
    costMicroUsd: Number(row?.costMicroUsd ?? 0),
    reserved: Number(row?.reserved ?? 0),
  };
}
