// Admission: the checks whose refusal the member reads privately (not
// linked, a broken link, an unknown zone, one report at a time, the
// cooldown, the budgets; made after a private report's ack, before a public
// one's), and the reservation of what an admitted report may read. Checks
// and reservation are one transaction (see Admissions), so reports admitted
// side by side cannot together read more than a budget allows. An admitted
// report is a run with its job (queue/report-job.ts), ready for the queue
// once the ack is out.

import { type BudgetService, budgetState, monthStart, nextMonthStart } from '../../budget/budget.js';
import type { ReportLimits } from '../../config/env.js';
import type { LinkedAccount } from '../../db/schema.js';
import type { TokenCipher } from '../../secrets/token-cipher.js';
import { type Catalog, textFor } from '../../text/catalog.js';
import { encodeJob } from '../queue/report-job.js';
import { sealRunToken } from '../queue/run-token.js';
import type { Admission, ReportRequest } from '../report-request.js';
import type { AdmissionFacts, Admissions, NewRun, ZonePreferences } from '../stores.js';
import { canonicalTimeZone } from '../time-zones.js';

/** X returns at least 5 posts a page, so an allowance below that cannot be kept. */
const SMALLEST_READ = 5;

export interface AdmissionDeps {
  /** Where reports are admitted, each in one transaction. */
  admissions: Admissions;
  /** The member's link (LinkService.account). */
  account: (discordUserId: string) => Promise<LinkedAccount | undefined>;
  zones: ZonePreferences;
  budget: BudgetService;
  cipher: TokenCipher;
  limits: ReportLimits;
  /** How long a report may take in all: a run older than this no longer counts as running. */
  deadlineMs: number;
  now: () => number;
}

type Verdict = { ok: false; message: string } | { ok: true; run: NewRun; allowance: number | null };

export class ReportAdmission {
  constructor(private readonly deps: AdmissionDeps) {}

  /** Admits and reserves, or says why not. */
  async admit(request: ReportRequest): Promise<Admission> {
    const { budget, now } = this.deps;
    const t = textFor(request.locale);
    const timeZone = canonicalTimeZone(request.timeZone);
    if (timeZone === null) return { ok: false, message: t.report.badTimeZone(request.timeZone) };
    const account = await this.deps.account(request.discordUserId);
    if (!account) return { ok: false, message: t.report.notLinked };
    if (account.status === 'broken') return { ok: false, message: t.report.brokenLink };
    const startedAt = now();
    const question = {
      discordUserId: request.discordUserId,
      guildId: request.guildId,
      runningSince: startedAt - this.deps.deadlineMs,
      monthStart: monthStart(startedAt),
      appCapped: budget.appCap !== null,
    };
    let allowance: number | null = null;
    const admitted = await this.deps.admissions.admit(question, (facts) => {
      const verdict = this.judge(request, { account, timeZone, startedAt }, facts, t);
      if (verdict.ok) allowance = verdict.allowance;
      return verdict;
    });
    if (!admitted.ok) return admitted;
    // Only for a member the bot holds data for already: unlinking forgets it with the rest.
    if (request.rememberZone) await this.deps.zones.remember(request.discordUserId, timeZone, startedAt);
    return { ok: true, ticket: { runId: admitted.runId, account, allowance, startedAt, timeZone } };
  }

  /** Whether a report may start, from facts read in the admission's transaction; if so, the run to record. */
  private judge(
    request: ReportRequest,
    { account, timeZone, startedAt }: { account: LinkedAccount; timeZone: string; startedAt: number },
    facts: AdmissionFacts,
    t: Catalog,
  ): Verdict {
    const { limits, budget, cipher } = this.deps;
    if (facts.running) return { ok: false, message: t.report.busy };
    const readyAt = facts.lastStartedAt === undefined ? 0 : facts.lastStartedAt + limits.cooldownSeconds * 1000;
    if (readyAt > startedAt) return { ok: false, message: t.report.cooldown(readyAt) };
    const state = budgetState(facts, budget.appCap);
    if (state.remaining !== null && state.remaining < SMALLEST_READ) {
      return {
        ok: false,
        message: state.heldByRunning
          ? t.report.budgetHeld(state.limitedBy ?? 'app')
          : state.limitedBy === 'server'
            ? t.report.budgetSpent('server', nextMonthStart(startedAt), state.guildCap ?? 0, state.guild?.postsRead ?? 0)
            : t.report.budgetSpent('app', nextMonthStart(startedAt), state.appCap ?? 0, state.app.postsRead),
      };
    }
    const most = limits.maxPosts + limits.maxMentions;
    const allowance = state.remaining === null ? null : Math.min(state.remaining, most);
    const run: NewRun = {
      discordUserId: request.discordUserId,
      guildId: request.guildId,
      days: request.days,
      locale: request.locale,
      startedAt,
      reservedPosts: allowance ?? most,
      interactionTokenSealed: sealRunToken(cipher, request.interactionToken, request.discordUserId, startedAt),
      job: encodeJob({
        days: request.days,
        timeZone,
        public: request.public ?? false,
        shareable: request.shareable ?? false,
        ...(request.foreignPlace ? { foreignPlace: request.foreignPlace } : {}),
        refreshProfile: request.refreshProfile ?? false,
        allowance,
        xUserId: account.xUserId,
        linkedAt: account.linkedAt,
      }),
    };
    return { ok: true, run, allowance };
  }
}
