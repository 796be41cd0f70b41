// Admitting a report is one step: whether the member has one running, their
// cooldown, the budgets and what running reports hold are read, judged and
// the new run recorded (holding its reservation) in one transaction. Two
// /report commands, on one machine or on two, can then never both pass a
// check only one of them may pass.

import type { MonthlyUsage } from '../../budget/stores.js';
import type { Sync } from '../../db/async-store.js';
import type { Db } from '../../db/database.js';
import type { AdmissionFacts, AdmissionQuestion, Admissions, Admitted, Verdict } from '../../report/stores.js';
import { SqliteRunStore } from './run-store.js';
import { SqliteSettingsStore } from './settings-store.js';
import { SqliteUsageStore } from './usage-store.js';

export class SqliteAdmissions implements Sync<Admissions> {
  /** The stores it reads and writes, on the same connection (their prepared statements are made once, there). */
  constructor(
    private readonly db: Db,
    private readonly runs: SqliteRunStore = new SqliteRunStore(db),
    private readonly usage: SqliteUsageStore = new SqliteUsageStore(db),
    private readonly settings: SqliteSettingsStore = new SqliteSettingsStore(db),
  ) {}

  /** Reads the facts, asks `decide` (pure, synchronous) and records the run it admits, all in one transaction. */
  admit(question: AdmissionQuestion, decide: (facts: AdmissionFacts) => Verdict): Admitted {
    return this.db.$client.transaction((): Admitted => {
      const verdict = decide(this.facts(question));
      return verdict.ok ? { ok: true, runId: this.runs.startRun(verdict.run) } : verdict;
    })();
  }

  private facts(q: AdmissionQuestion): AdmissionFacts {
    const guildCap = q.guildId ? this.settings.get(q.guildId).monthlyPostBudget : null;
    // Only where a cap applies is a month summed: with none set, admission reads nothing more.
    const app: MonthlyUsage | null = q.appCapped ? this.usage.postsReadSince(q.monthStart) : null;
    const guild = q.guildId && guildCap !== null ? this.usage.postsReadSince(q.monthStart, q.guildId) : null;
    return {
      running: this.runs.hasRunningRun(q.discordUserId, q.runningSince),
      lastStartedAt: this.runs.lastRunStartedAt(q.discordUserId),
      guildCap,
      app,
      guild,
    };
  }
}
