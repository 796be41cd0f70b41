// The weekly digest: at the time an admin set, the week's board and its
// highlights are posted in the server's channel, exactly once, whatever
// restarts, replicas or outages do. Every replica ticks; before posting, a
// claim row keyed by server and scheduled moment is inserted (one statement
// or transaction), so only one replica posts. A replica that dies holding a
// claim lets it go stale; another takes it over and posts with the same
// Discord nonce (enforce_nonce), so a post that did reach Discord before the
// crash is not posted again. A live replica renews its claim while it works
// and checks it once more before posting (held-claim.ts), so one that was
// merely slow never posts after another took its claim over. A digest found late is posted once, saying so;
// one more than a day late is skipped. X reads go through the board, within
// the server's budget; without room, the stored figures are used and their
// age is said.

import type { BudgetService } from '../budget/budget.js';
import { costMicroUsd } from '../budget/pricing.js';
import type { Pricing } from '../config/env.js';
import type { ChannelCheck } from '../guilds/channel-check.js';
import type { BotMessage } from '../interaction/contract.js';
import type { BoardService } from '../leaderboard/board-service.js';
import type { Logger } from '../log/logger.js';
import { textFor } from '../text/catalog.js';
import { digestLayout } from './digest-layout.js';
import { HeldClaim } from './held-claim.js';
import { latestDue, nextDue } from './schedule.js';
import type { DigestClaim, DigestSchedule, DigestStore } from './stores.js';

const DAY = 86_400_000;
/** A claim not finished in this long is taken to be its replica's death; Discord keeps a nonce longer than this. */
export const DIGEST_LEASE_MS = 2 * 60_000;
/** Later than this after its moment, a digest says it is late. */
export const ON_TIME_MS = 60_000;
/** Later than this, a missed digest is skipped: last week's news is no digest. */
export const SKIP_AFTER_MS = DAY;
/** How often each replica looks for a due digest: well within the minute a digest may take. */
export const DIGEST_TICK_MS = 20_000;
/** How often a replica renews the claims it holds: thrice per lease, so one late renewal does not lose it. */
export const DIGEST_RENEW_MS = DIGEST_LEASE_MS / 3;

export interface DigestDeps {
  store: DigestStore;
  boards: Pick<BoardService, 'board' | 'highlights'>;
  post(channelId: string, message: BotMessage, nonce: string): Promise<void>;
  canPost(guildId: string, channelId: string): Promise<ChannelCheck>;
  budget: Pick<BudgetService, 'state'>;
  pricing: Pricing;
  /** Most posts a member's read may take. */
  maxPosts: number;
  now: () => number;
  log: Logger;
}

/** Discord's nonce: at most 25 characters, the same for every attempt at one digest. */
export function digestNonce(guildId: string, dueAt: number): string {
  return `d${(BigInt(guildId) % 10n ** 12n).toString(36)}${Math.floor(dueAt / 60_000).toString(36)}`.slice(0, 25);
}

export interface DigestOutlook {
  schedule: DigestSchedule | null;
  next: number | null;
  last: DigestClaim | null;
  /** What the next digest may read at most, and cost: every board member's read, within what the budget leaves. */
  nextPosts: number;
  nextCostMicroUsd: number;
}

export class DigestService {
  /** The claims this process is making a digest for: renewed until posted. */
  private readonly held = new Set<HeldClaim>();

  constructor(private readonly deps: DigestDeps) {}

  /** Looks for due digests and posts them; each replica calls it every DIGEST_TICK_MS. */
  async tick(): Promise<number> {
    let posted = 0;
    for (const schedule of await this.deps.store.all()) {
      try {
        if (await this.maybePost(schedule)) posted++;
      } catch (err) {
        this.deps.log.error('a digest could not be handled', { guildId: schedule.guildId, error: err });
      }
    }
    return posted;
  }

  /** Starts ticking, and renewing the claims being worked on; returns the stop. */
  start(): () => void {
    const run = () => void this.tick().catch((err: unknown) => this.deps.log.error('digest tick failed', { error: err }));
    run();
    const timer = setInterval(run, DIGEST_TICK_MS);
    const renewal = setInterval(() => void this.renewHeld(), DIGEST_RENEW_MS);
    timer.unref();
    renewal.unref();
    return () => {
      clearInterval(timer);
      clearInterval(renewal);
    };
  }

  /** Renews every claim this process is making a digest for (start() calls it every DIGEST_RENEW_MS). */
  async renewHeld(): Promise<void> {
    await Promise.all(
      [...this.held].map((claim) =>
        claim.renew().catch((err: unknown) => this.deps.log.warn('renewing a digest claim failed', { guildId: claim.guildId, error: err })),
      ),
    );
  }

  private async maybePost(s: DigestSchedule): Promise<boolean> {
    const { store, now } = this.deps;
    const at = now();
    const due = latestDue(s, at);
    // Set after this week's moment had passed: the first digest is the next one.
    if (due < s.updatedAt) return false;
    if (!(await store.claim(s.guildId, due, at, at - DIGEST_LEASE_MS))) return false;
    const claim = new HeldClaim(store, s.guildId, due, at, now);
    this.held.add(claim);
    try {
      return await this.postClaimed(s, claim, at - due);
    } finally {
      this.held.delete(claim);
    }
  }

  private async postClaimed(s: DigestSchedule, claim: HeldClaim, late: number): Promise<boolean> {
    const { log } = this.deps;
    const due = claim.dueAt;
    const finish = (outcome: 'posted' | 'late' | 'skipped' | 'failed', costMicro = 0, postsRead = 0, detail: string | null = null) =>
      claim.finish({ outcome, costMicroUsd: costMicro, postsRead, detail });
    if (late > SKIP_AFTER_MS) {
      log.warn('a digest was missed by more than a day; skipped', { guildId: s.guildId, dueAt: due });
      await finish('skipped', 0, 0, 'more than a day late');
      return false;
    }
    const check = await this.deps.canPost(s.guildId, s.channelId);
    if (!check.ok) {
      log.warn('cannot post the digest in its channel', { guildId: s.guildId, channelId: s.channelId, check });
      await finish('failed', 0, 0, JSON.stringify(check));
      return false;
    }
    const t = textFor(s.locale);
    const answer = await this.deps.boards.board({ guildId: s.guildId, days: 7, metric: 'engagement', callerId: null, read: true });
    const highlights = await this.deps.boards.highlights(s.guildId, answer);
    const message = digestLayout(t, { answer, highlights, dueAt: due, lateMs: late > ON_TIME_MS ? late : null, timeZone: s.timeZone });
    // Made slowly enough for another replica to take the claim over: that one posts it, this one must not.
    if (!(await claim.renew())) {
      log.warn('the digest’s claim was taken over while it was being made; the replica that took it posts it', {
        guildId: s.guildId,
        dueAt: due,
      });
      return false;
    }
    try {
      await this.deps.post(s.channelId, message, digestNonce(s.guildId, due));
    } catch (err) {
      // Left claimed: once stale, the next tick (here or on another replica) tries again with the same nonce.
      log.error('posting the digest failed; it is tried again', { guildId: s.guildId, error: err });
      return false;
    }
    await finish(late > ON_TIME_MS ? 'late' : 'posted', answer.reads.costMicroUsd, answer.reads.postsRead);
    log.info('digest posted', { guildId: s.guildId, dueAt: due, lateMs: late, costMicroUsd: answer.reads.costMicroUsd });
    return true;
  }

  set(schedule: DigestSchedule): Promise<void> {
    return this.deps.store.set(schedule);
  }

  off(guildId: string): Promise<boolean> {
    return this.deps.store.off(guildId);
  }

  canPost(guildId: string, channelId: string): Promise<ChannelCheck> {
    return this.deps.canPost(guildId, channelId);
  }

  /** For /twitter-admin status: when the next digest is, what the last one cost and what the next may. */
  async outlook(guildId: string, members: number): Promise<DigestOutlook> {
    const [schedule, last, budget] = await Promise.all([
      this.deps.store.get(guildId),
      this.deps.store.last(guildId),
      this.deps.budget.state(guildId),
    ]);
    const most = members * this.deps.maxPosts;
    const nextPosts = budget.remaining === null ? most : Math.min(most, budget.remaining);
    return {
      schedule,
      next: schedule ? nextDue(schedule, this.deps.now()) : null,
      last,
      nextPosts,
      nextCostMicroUsd: costMicroUsd({ postsRead: nextPosts, userReads: members }, this.deps.pricing),
    };
  }
}
