// Admitting a report is one step: whether the member has one running, their
// cooldown, the budgets and what running reports hold are read, judged and
// the new run recorded (holding its reservation) in one transaction. Two
// /report commands, on one machine or on two, can then never both pass a
// check only one of them may pass.

import type { BudgetFacts } from '../budget/budget.js';
import { type MonthlyUsage, UsageStore } from '../budget/usage-store.js';
import type { Db } from '../db/database.js';
import { SettingsStore } from '../guilds/settings-store.js';
import { type ReportRun, ReportRunStore } from './run-store.js';

export interface AdmissionQuestion {
  discordUserId: string;
  guildId: string | null;
  /** Runs started before this were cut off: they no longer count as running. */
  runningSince: number;
  /** The month the budgets count. */
  monthStart: number;
  /** Whether the whole app has a cap (else its month is not summed). */
  appCapped: boolean;
}

export interface AdmissionFacts extends BudgetFacts {
  running: boolean;
  /** When the member's latest report was admitted. */
  lastStartedAt: number | undefined;
}

export type NewRun = Pick<
  ReportRun,
  'discordUserId' | 'guildId' | 'days' | 'locale' | 'startedAt' | 'reservedPosts' | 'interactionTokenSealed' | 'job'
>;
export type Verdict = { ok: false; message: string } | { ok: true; run: NewRun };
export type Admitted = { ok: false; message: string } | { ok: true; runId: number };

export class Admissions {
  /** The stores it reads and writes, on the same connection (their prepared statements are made once, there). */
  constructor(
    private readonly db: Db,
    private readonly runs: ReportRunStore = new ReportRunStore(db),
    private readonly usage: UsageStore = new UsageStore(db),
    private readonly settings: SettingsStore = new SettingsStore(db),
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
