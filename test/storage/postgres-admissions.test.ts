// Admission on PostgreSQL with two connection pools, as two replicas would
// hold them: reports admitted side by side on both never reserve more than a
// budget allows, and a member never has two running.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdmissionFacts, Verdict } from '../../src/report/stores.js';
import { openPostgresStores, type PostgresStores } from '../../src/storage/postgres/stores.js';
import { freshPostgresDatabase, testPostgresUrl } from '../support/test-engine.js';

const T0 = Date.parse('2026-11-24T10:00:00Z');
const BUDGET = 60;

describe.skipIf(!testPostgresUrl)('admission across replicas (PostgreSQL)', () => {
  let database: { url: string; drop(): Promise<void> };
  let replicas: PostgresStores[];
  beforeEach(async () => {
    database = await freshPostgresDatabase(testPostgresUrl!);
    replicas = [await openPostgresStores(database.url, () => T0), await openPostgresStores(database.url, () => T0)];
  });
  afterEach(async () => {
    for (const r of replicas) await r.close();
    await database.drop();
  });

  /** What ReportService.judge decides, reduced to the budget and the one-running rule. */
  const judge =
    (member: string, guildId: string | null) =>
    (facts: AdmissionFacts): Verdict => {
      if (facts.running) return { ok: false, message: 'busy' };
      const used = (facts.app?.postsRead ?? 0) + (facts.app?.reserved ?? 0);
      const left = BUDGET - used;
      if (left < 5) return { ok: false, message: 'spent' };
      return {
        ok: true,
        run: {
          discordUserId: member,
          guildId,
          days: 30,
          locale: null,
          startedAt: T0,
          reservedPosts: Math.min(left, 20),
          interactionTokenSealed: null,
          job: null,
        },
      };
    };

  it('never reserves more than the budget, however the admissions interleave', async () => {
    const question = (member: string) => ({
      discordUserId: member,
      guildId: null,
      runningSince: T0 - 600_000,
      monthStart: Date.parse('2026-11-01T00:00:00Z'),
      appCapped: true,
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => replicas[i % 2]!.admissions.admit(question(`member-${i}`), judge(`member-${i}`, null))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    const usage = await replicas[0]!.usage.postsReadSince(Date.parse('2026-11-01T00:00:00Z'));
    expect(usage.reserved).toBe(BUDGET);
  });

  it('admits one report per member when the same member asks on two replicas at once', async () => {
    const question = {
      discordUserId: 'ada',
      guildId: 'g',
      runningSince: T0 - 600_000,
      monthStart: Date.parse('2026-11-01T00:00:00Z'),
      appCapped: false,
    };
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => replicas[i % 2]!.admissions.admit(question, judge('ada', 'g'))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.message))).toEqual(Array(5).fill('busy'));
  });
});
