// Report runs older than the previous month live on only as monthly totals.

import { beforeEach, describe, expect, it } from 'vitest';
import { previousMonthStart } from '../../src/budget/budget.js';
import { SqliteRunStore } from '../../src/storage/sqlite/run-store.js';
import { SqliteUsageStore } from '../../src/storage/sqlite/usage-store.js';
import { useTempDatabase } from '../support/temp-database.js';

const db = useTempDatabase();
let runs: SqliteRunStore;
beforeEach(() => {
  runs = new SqliteRunStore(db.current.db);
});

function run(at: string, guildId: string | null, postsRead: number, outcome = 'ok'): void {
  const id = runs.startRun({
    discordUserId: '1',
    guildId,
    days: 30,
    locale: null,
    startedAt: Date.parse(at),
    reservedPosts: 0,
    interactionTokenSealed: null,
  });
  if (outcome !== 'running') {
    runs.finishRun(id, {
      outcome,
      durationMs: 1,
      usage: { requests: 2, postsRead, postsRepeated: 0, userReads: 1 },
      costMicroUsd: postsRead * 5000 + 10_000,
      anonymous: false,
    });
  }
}

describe('SqliteRunStore.foldBefore', () => {
  it('sums old finished runs per month and server, deletes them, and leaves this month and the last untouched', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(new Date(previousMonthStart(now)).toISOString()).toBe('2026-10-01T00:00:00.000Z');
    run('2026-08-03T00:00:00Z', 'g1', 10);
    run('2026-08-30T00:00:00Z', 'g1', 20);
    run('2026-08-30T00:00:00Z', null, 5);
    run('2026-09-30T23:59:59Z', 'g1', 7);
    run('2026-09-15T00:00:00Z', 'g2', 1, 'running'); // a crash leftover: start-up recovery settles it first
    run('2026-10-02T00:00:00Z', 'g1', 100);
    run('2026-11-02T00:00:00Z', 'g1', 1000);

    expect(runs.foldBefore(previousMonthStart(now))).toBe(4);
    const totals = db.current.sqlite.prepare('select * from monthly_usage order by month, guild_id').all();
    expect(totals).toEqual([
      { month: '2026-08', guild_id: '', reports: 1, upstream_requests: 2, posts_read: 5, user_reads: 1, cost_micro_usd: 35_000 },
      { month: '2026-08', guild_id: 'g1', reports: 2, upstream_requests: 4, posts_read: 30, user_reads: 2, cost_micro_usd: 170_000 },
      { month: '2026-09', guild_id: 'g1', reports: 1, upstream_requests: 2, posts_read: 7, user_reads: 1, cost_micro_usd: 45_000 },
    ]);
    expect(db.current.sqlite.prepare('select count(*) as n from report_runs').get()).toEqual({ n: 3 });
    // This month's budget reads what it read before.
    expect(new SqliteUsageStore(db.current.db).postsReadSince(Date.parse('2026-11-01T00:00:00Z'), 'g1').postsRead).toBe(1000);

    // A later fold adds to the months it finds.
    run('2026-09-01T00:00:00Z', 'g1', 3);
    expect(runs.foldBefore(previousMonthStart(now))).toBe(1);
    expect(db.current.sqlite.prepare("select posts_read from monthly_usage where month = '2026-09'").get()).toEqual({ posts_read: 10 });
  });
});
