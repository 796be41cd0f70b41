// Reads what a board or digest lacks of a member's timeline from X: only the
// posts newer than the newest stored one, and the older part of the period
// not stored yet (readSource never buys a stored post again), plus the
// profile at most once per UTC day. Each member's read is admitted as a run
// of its own, in the same transaction that checks the server's and the app's
// budgets and holds its reservation, so board reads count in /twitter-admin
// status and can never overspend a cap that reports also draw on.

import { budgetState, monthStart } from '../../budget/budget.js';
import { billingDay, costMicroUsd } from '../../budget/pricing.js';
import type { Pricing } from '../../config/env.js';
import type { LinkedAccount } from '../../db/schema.js';
import type { LinkService } from '../../linking/link-service.js';
import type { Logger } from '../../log/logger.js';
import type { OAuthSigner } from '../../twitter/oauth-signer.js';
import { type Usage, XV2Client } from '../../twitter/v2-client.js';
import type { Admissions, PostStore, ReportRunStore } from '../stores.js';
import { readSource } from './timeline-reader.js';

/** X returns at least 5 posts a page. */
const SMALLEST_READ = 5;

export interface TopUpDeps {
  store: PostStore;
  runs: ReportRunStore;
  admissions: Admissions;
  links: Pick<LinkService, 'credentials'>;
  signer: OAuthSigner;
  apiUrl: string;
  pricing: Pricing;
  appCap: number | null;
  /** Most posts one member's read may take (REPORT_MAX_POSTS). */
  maxPosts: number;
  now: () => number;
  log: Logger;
  sleep?: (ms: number) => Promise<void>;
  xRequestTimeoutMs?: number;
}

export interface TopUpResult {
  usage: Usage;
  costMicroUsd: number;
  /** False when the budget left no room: what is stored is all there is. */
  read: boolean;
}

export class TimelineTopUp {
  constructor(private readonly deps: TopUpDeps) {}

  /**
   * Reads the member's timeline from `periodStart` to now, what is not stored
   * yet, up to `maxPosts` (and what the budgets allow), billed to `guildId`.
   */
  async read(account: LinkedAccount, guildId: string | null, periodStart: number, maxPosts: number, days: number): Promise<TopUpResult> {
    const { now, runs, pricing } = this.deps;
    const startedAt = now();
    const want = Math.min(maxPosts, this.deps.maxPosts);
    let allowance = 0;
    const admitted = await this.deps.admissions.admit(
      {
        discordUserId: account.discordUserId,
        guildId,
        runningSince: 0,
        monthStart: monthStart(startedAt),
        appCapped: this.deps.appCap !== null,
      },
      (facts) => {
        // A board read is not the member's report: their own report's one-at-a-time rule and cooldown do not apply.
        const state = budgetState(facts, this.deps.appCap);
        allowance = state.remaining === null ? want : Math.min(want, state.remaining);
        if (allowance < SMALLEST_READ) return { ok: false, message: 'budget' };
        // No member named: the run is the server's, and never counts as the member's report running or cooling down.
        const run = {
          discordUserId: null,
          guildId,
          days,
          locale: null,
          startedAt,
          reservedPosts: allowance,
          interactionTokenSealed: null,
          job: null,
        };
        return { ok: true, run };
      },
    );
    const usage: Usage = { requests: 0, postsRead: 0, postsRepeated: 0, userReads: 0 };
    if (!admitted.ok) return { usage, costMicroUsd: 0, read: false };
    let outcome = 'board';
    try {
      const client = new XV2Client({
        apiUrl: this.deps.apiUrl,
        signer: this.deps.signer,
        token: this.deps.links.credentials(account),
        usage,
        sleep: this.deps.sleep,
        timeoutMs: this.deps.xRequestTimeoutMs,
      });
      const store = this.deps.store.forLink(account);
      const profile = await store.profile(account.xUserId);
      if (!profile || billingDay(profile.fetchedAt) !== billingDay(startedAt)) {
        const me = await client.me();
        if (me.id === account.xUserId) await store.saveProfile(me, startedAt);
      }
      await readSource(client, store, {
        xUserId: account.xUserId,
        source: 'timeline',
        periodStart,
        now: startedAt,
        maxPosts: allowance,
        bound: 'budget',
      });
      return { usage, costMicroUsd: costMicroUsd(usage, pricing), read: true };
    } catch (err) {
      outcome = 'board-failed';
      this.deps.log.warn('a board read from X failed; the board uses what is stored', { discordUserId: account.discordUserId, error: err });
      return { usage, costMicroUsd: costMicroUsd(usage, pricing), read: false };
    } finally {
      await runs
        .finishRun(admitted.runId, {
          outcome,
          durationMs: now() - startedAt,
          usage,
          costMicroUsd: costMicroUsd(usage, pricing),
          anonymous: true,
        })
        .catch((err: unknown) => this.deps.log.error('could not record a board read', { error: err }));
    }
  }
}
