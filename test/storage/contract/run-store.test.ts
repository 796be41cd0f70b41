// The report runs' contract, on whichever engine runs (engine.ts): the queue
// two replicas claim from, admission in one transaction (budgets and the
// one-running rule under races), and runs older than the previous month
// living on only as monthly totals.

import { describe, expect, it } from 'vitest';
import { previousMonthStart } from '../../../src/budget/budget.js';
import type { AdmissionFacts, NewRun, Verdict } from '../../../src/report/stores.js';
import { type Engine, useEngine } from './engine.js';

const engine: Engine = useEngine();
const runs = () => engine.stores.runs;
const T0 = Date.parse('2026-11-24T10:00:00Z');
const LEASE_MS = 30_000;
const MONTH = Date.parse('2026-11-01T00:00:00Z');

const newRun = (discordUserId: string, startedAt: number, guildId: string | null = null): NewRun => ({
  discordUserId,
  guildId,
  days: 30,
  locale: null,
  startedAt,
  reservedPosts: 0,
  interactionTokenSealed: null,
  job: null,
});

async function run(at: string, guildId: string | null, postsRead: number, outcome = 'ok'): Promise<void> {
  const id = await runs().startRun(newRun('1', Date.parse(at), guildId));
  if (outcome === 'running') return;
  await runs().finishRun(id, {
    outcome,
    durationMs: 1,
    usage: { requests: 2, postsRead, postsRepeated: 0, userReads: 1 },
    costMicroUsd: postsRead * 5000 + 10_000,
    anonymous: false,
  });
}

describe('ReportRunStore.foldBefore', () => {
  it('sums old finished runs per month and server, deletes them, and leaves this month and the last untouched', async () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(new Date(previousMonthStart(now)).toISOString()).toBe('2026-10-01T00:00:00.000Z');
    await run('2026-08-03T00:00:00Z', 'g1', 10);
    await run('2026-08-30T00:00:00Z', 'g1', 20);
    await run('2026-08-30T00:00:00Z', null, 5);
    await run('2026-09-30T23:59:59Z', 'g1', 7);
    await run('2026-09-15T00:00:00Z', 'g2', 1, 'running'); // a crash leftover: start-up recovery settles it first
    await run('2026-10-02T00:00:00Z', 'g1', 100);
    await run('2026-11-02T00:00:00Z', 'g1', 1000);

    expect(await runs().foldBefore(previousMonthStart(now))).toBe(4);
    const totals = await engine.sql('select * from monthly_usage order by month, guild_id');
    expect(
      totals.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && k !== 'month' && k !== 'guild_id' ? Number(v) : v]),
        ),
      ),
    ).toEqual([
      { month: '2026-08', guild_id: '', reports: 1, upstream_requests: 2, posts_read: 5, user_reads: 1, cost_micro_usd: 35_000 },
      { month: '2026-08', guild_id: 'g1', reports: 2, upstream_requests: 4, posts_read: 30, user_reads: 2, cost_micro_usd: 170_000 },
      { month: '2026-09', guild_id: 'g1', reports: 1, upstream_requests: 2, posts_read: 7, user_reads: 1, cost_micro_usd: 45_000 },
    ]);
    expect(await engine.sql('select id from report_runs')).toHaveLength(3);
    // This month's budget reads what it read before.
    expect((await engine.stores.usage.postsReadSince(MONTH, 'g1')).postsRead).toBe(1000);

    // A later fold adds to the months it finds.
    await run('2026-09-01T00:00:00Z', 'g1', 3);
    expect(await runs().foldBefore(previousMonthStart(now))).toBe(1);
    const [september] = await engine.sql<{ posts_read: unknown }>("select posts_read from monthly_usage where month = '2026-09'");
    expect(Number(september?.posts_read)).toBe(10);
  });

  it('counts each run once when every replica folds at the same moment', async () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    const replicas = [engine.stores, await engine.replica(), await engine.replica()];
    let expected = 0;
    for (let round = 1; round <= 15; round++) {
      for (let i = 0; i < 20; i++) await run(`2026-08-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`, 'g1', round);
      expected += 20 * round;
      const folded = await Promise.all(replicas.map((r) => r.runs.foldBefore(previousMonthStart(now))));
      expect(folded.reduce((a, b) => a + b, 0)).toBe(20);
      const [august] = await engine.sql<{ posts_read: unknown; reports: unknown }>(
        "select posts_read, reports from monthly_usage where month = '2026-08'",
      );
      expect({ reports: Number(august?.reports), postsRead: Number(august?.posts_read) }).toEqual({
        reports: 20 * round,
        postsRead: expected,
      });
    }
  });
});

describe('the report queue', () => {
  it('never gives one report to two replicas claiming at the same moment', async () => {
    for (let i = 0; i < 40; i++) {
      const id = await runs().startRun({ ...newRun(`member-${i}`, T0), reservedPosts: 10, interactionTokenSealed: 'sealed', job: '{}' });
      await runs().markReady(id);
    }
    const other = await engine.replica();
    const claims = await Promise.all(
      Array.from({ length: 16 }, (_, i) => (i % 2 ? other.runs : runs()).claim(`replica-${i}`, T0, LEASE_MS, 5)),
    );
    const ids = claims.flat().map((r) => r.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });
});

describe('ReportRunStore.claim after a replica died', () => {
  it('hands the next replica what the run had read, the posts X had billed already that day included', async () => {
    const id = await runs().startRun({ ...newRun('ada', T0), reservedPosts: 10, interactionTokenSealed: 'sealed', job: '{}' });
    await runs().markReady(id);
    expect((await runs().claim('a', T0, LEASE_MS, 5)).map((r) => r.id)).toEqual([id]);
    // 'a' read 7 posts, 3 of them already billed today (another read stored them), and died.
    await runs().updateRunUsage(id, { requests: 3, postsRead: 7, postsRepeated: 3, userReads: 1 }, 4 * 5000 + 10_000);
    const [taken] = await runs().claim('b', T0 + LEASE_MS + 1, LEASE_MS, 5);
    // Without the 3, the takeover's cost line would count them as billed again.
    expect(taken).toMatchObject({ id, upstreamRequests: 3, postsRead: 7, postsRepeated: 3, userReads: 1 });
  });
});

describe('Admissions', () => {
  const BUDGET = 60;
  /** What ReportService.judge decides, reduced to the budget and the one-running rule. */
  const judge =
    (member: string, guildId: string | null) =>
    (facts: AdmissionFacts): Verdict => {
      if (facts.running) return { ok: false, message: 'busy' };
      const left = BUDGET - (facts.app?.postsRead ?? 0) - (facts.app?.reserved ?? 0);
      if (left < 5) return { ok: false, message: 'spent' };
      return { ok: true, run: { ...newRun(member, T0, guildId), reservedPosts: Math.min(left, 20) } };
    };
  const question = (member: string, guildId: string | null = null, appCapped = true) => ({
    discordUserId: member,
    guildId,
    runningSince: T0 - 600_000,
    monthStart: MONTH,
    appCapped,
  });

  it('never reserves more than the budget, however the admissions on two replicas interleave', async () => {
    const other = await engine.replica();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? other.admissions : engine.stores.admissions).admit(question(`member-${i}`), judge(`member-${i}`, null)),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect((await engine.stores.usage.postsReadSince(MONTH)).reserved).toBe(BUDGET);
  });

  it('admits one report per member when the same member asks on two replicas at once', async () => {
    const other = await engine.replica();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? other.admissions : engine.stores.admissions).admit(question('ada', 'g', false), judge('ada', 'g')),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.message))).toEqual(Array(5).fill('busy'));
  });

  it('records nothing of an admission whose transaction fails part way, and holds nothing after it', async () => {
    // A run the database refuses (days is not null): the transaction fails after its reads (and, on PostgreSQL, its locks).
    const refused = () => ({ ok: true as const, run: { ...newRun('ada', T0), days: null as unknown as number, reservedPosts: 10 } });
    await expect(engine.stores.admissions.admit(question('ada'), refused)).rejects.toThrow();
    expect(await engine.sql('select id from report_runs')).toEqual([]);
    // Nothing of it is held: the next admission of the same member is judged at once, on another replica too.
    const other = await engine.replica();
    expect(await other.admissions.admit(question('ada'), () => ({ ok: false, message: 'judged' }))).toEqual({
      ok: false,
      message: 'judged',
    });
  });
});
