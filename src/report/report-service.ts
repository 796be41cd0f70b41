// Makes one member's report: reads what is needed from X (through the cache),
// summarises, renders, and records what it cost. X calls are made with the
// member's own token; the three reads run side by side so the wall time is
// that of the longest.

import type { BotMessage } from '../commands/types.js';
import type { ReportLimits } from '../config/env.js';
import type { LinkedAccount } from '../db/schema.js';
import type { LinkService } from '../linking/link-service.js';
import type { Logger } from '../log/logger.js';
import { XApiError } from '../twitter/errors.js';
import type { OAuthSigner } from '../twitter/oauth-signer.js';
import { XV2Client, type Usage } from '../twitter/v2-client.js';
import type { XUserProfile } from '../twitter/v2-types.js';
import { renderChart } from './chart.js';
import { reportEmbed } from './embed.js';
import { isValidTimeZone } from './local-time.js';
import type { PostStore } from './post-store.js';
import { nextMonthStart, type BudgetService } from '../guilds/budget.js';
import {
  badTimeZoneMessage,
  brokenLinkMessage,
  budgetSpentMessage,
  busyMessage,
  cooldownMessage,
  notLinkedMessage,
  xFailureMessage,
} from './report-messages.js';
import { summarise, type ReportProfile } from './summary.js';
import { readSource } from './timeline-reader.js';

const DAY = 86_400_000;
/** Discord's interaction token lives 15 minutes; give up well before. */
export const REPORT_DEADLINE_MS = 10 * 60 * 1000;

export interface ReportServiceDeps {
  store: PostStore;
  links: LinkService;
  signer: OAuthSigner;
  apiUrl: string;
  limits: ReportLimits;
  now: () => number;
  log: Logger;
  budget: BudgetService;
  /** Tests replace the backoff wait; production waits for real. */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

export interface ReportRequest {
  discordUserId: string;
  guildId: string | null;
  days: number;
  timeZone: string;
}

/** `allowance`: posts this report may read under the monthly budgets (null: no cap). */
export type Admission = { ok: true; account: LinkedAccount; allowance: number | null } | { ok: false; message: string };

export class ReportService {
  private readonly running = new Set<string>();

  constructor(private readonly deps: ReportServiceDeps) {}

  /** Quick checks made before deferring, so refusals can be private and instant. */
  admit(request: ReportRequest): Admission {
    if (!isValidTimeZone(request.timeZone)) return { ok: false, message: badTimeZoneMessage(request.timeZone) };
    const account = this.deps.links.account(request.discordUserId);
    if (!account) return { ok: false, message: notLinkedMessage };
    if (account.status === 'broken') return { ok: false, message: brokenLinkMessage };
    if (this.running.has(request.discordUserId)) return { ok: false, message: busyMessage };
    const last = this.deps.store.lastRunStartedAt(request.discordUserId);
    const readyAt = last === undefined ? 0 : last + this.deps.limits.cooldownSeconds * 1000;
    if (readyAt > this.deps.now()) return { ok: false, message: cooldownMessage(readyAt) };
    const budget = this.deps.budget.state(request.guildId);
    if (budget.remaining === 0) return { ok: false, message: budgetSpentMessage(budget.limitedBy!, nextMonthStart(this.deps.now())) };
    return { ok: true, account, allowance: budget.remaining };
  }

  /** Runs an admitted report; always resolves with what to show the member. */
  async run(request: ReportRequest, account: LinkedAccount, allowance: number | null = null): Promise<BotMessage> {
    const { discordUserId } = request;
    if (this.running.has(discordUserId)) return { content: busyMessage };
    this.running.add(discordUserId);
    const startedAt = this.deps.now();
    const started = performance.now();
    const usage: Usage = { requests: 0, postsRead: 0 };
    let outcome = 'ok';
    try {
      return await this.build(request, account, usage, startedAt, allowance);
    } catch (err) {
      outcome = err instanceof XApiError ? `x-${err.kind}` : 'error';
      return { content: await this.failure(err, account), embeds: [], files: [] };
    } finally {
      this.running.delete(discordUserId);
      this.deps.store.recordRun({
        discordUserId,
        guildId: request.guildId,
        days: request.days,
        startedAt,
        durationMs: Math.round(performance.now() - started),
        upstreamRequests: usage.requests,
        postsRead: usage.postsRead,
        outcome,
      });
      this.deps.log.info('report finished', { discordUserId, outcome, requests: usage.requests, postsRead: usage.postsRead, days: request.days });
    }
  }

  private async build(request: ReportRequest, account: LinkedAccount, usage: Usage, startedAt: number, allowance: number | null): Promise<BotMessage> {
    const { store, limits } = this.deps;
    const client = new XV2Client({
      apiUrl: this.deps.apiUrl,
      signer: this.deps.signer,
      token: this.deps.links.credentials(account),
      usage,
      sleep: this.deps.sleep,
      signal: AbortSignal.timeout(REPORT_DEADLINE_MS),
      fetch: this.deps.fetch,
    });
    const periodStart = startedAt - request.days * DAY;
    const common = { xUserId: account.xUserId, periodStart, now: startedAt, cacheMs: limits.cacheSeconds * 1000 };
    const share = splitAllowance(allowance, limits.maxPosts, limits.maxMentions);
    const profileRead = this.profile(client, account, startedAt);
    const lifetimePosts = profileRead.then((p) => p.tweetCount, () => undefined);
    const [timeline, mentions, profile] = await Promise.all([
      readSource(client, store, { ...common, source: 'timeline', maxPosts: share.posts, bound: share.postsBound, topUpWhenFresh: true, lifetimePosts }),
      share.mentions > 0
        ? readSource(client, store, { ...common, source: 'mentions', maxPosts: share.mentions, bound: share.mentionsBound, topUpWhenFresh: false })
        : null,
      profileRead,
    ]);
    const previousStart = periodStart - request.days * DAY;
    const summary = summarise({
      profile,
      posts: timeline.posts,
      mentions: mentions?.posts ?? null,
      previousPosts: timeline.coveredFrom <= previousStart ? timeline.posts : null,
      period: { start: periodStart, end: startedAt, days: request.days },
      timeZone: request.timeZone,
      cut: timeline.cut,
    });
    const chartFile = 'x-report.png';
    const png = renderChart(summary.activity.days, `Posts and likes per day, last ${request.days} days (${request.timeZone})`);
    return {
      content: '',
      embeds: [reportEmbed(summary, { dataAsOf: startedAt, postsRead: usage.postsRead, requests: usage.requests, chartFile })],
      files: [{ name: chartFile, data: png, contentType: 'image/png' }],
    };
  }

  /** The member's profile: stored while fresh, else one /2/users/me call. */
  private async profile(client: XV2Client, account: LinkedAccount, now: number): Promise<ReportProfile> {
    const cached = this.deps.store.profile(account.xUserId);
    let profile: XUserProfile;
    if (cached && now - cached.fetchedAt < this.deps.limits.cacheSeconds * 1000) {
      profile = cached.profile;
    } else {
      profile = await client.me();
      if (profile.id !== account.xUserId) throw new XApiError('bad-response', 'X returned another account');
      this.deps.store.saveProfile(profile, now);
    }
    return {
      id: profile.id,
      name: profile.name,
      username: profile.username,
      avatarUrl: profile.profile_image_url,
      followers: profile.public_metrics?.followers_count,
      following: profile.public_metrics?.following_count,
      tweetCount: profile.public_metrics?.tweet_count,
      protected: profile.protected,
    };
  }

  private async failure(err: unknown, account: LinkedAccount): Promise<string> {
    if (!(err instanceof XApiError)) {
      this.deps.log.error('report failed', { discordUserId: account.discordUserId, error: err });
      return 'Sorry, the report could not be made because of a problem on our side. Please try again in a minute.';
    }
    this.deps.log.warn('report failed at X', { discordUserId: account.discordUserId, kind: err.kind, status: err.status, code: err.code });
    if (err.kind === 'unauthorized') await this.deps.links.markBroken(account.discordUserId);
    return xFailureMessage(err, this.deps.now());
  }
}

/**
 * Splits what the monthly budgets still allow between the timeline and the
 * mentions read (run side by side, so each gets a fixed share); mentions get
 * at most a fifth when the budget is tight. X reads at least 5 posts a page.
 */
export function splitAllowance(allowance: number | null, maxPosts: number, maxMentions: number) {
  if (allowance === null || allowance >= maxPosts + maxMentions) {
    return { posts: maxPosts, mentions: maxMentions, postsBound: 'max-posts' as const, mentionsBound: 'max-posts' as const };
  }
  const mentions = maxMentions > 0 ? Math.min(maxMentions, Math.floor(allowance / 5)) : 0;
  const posts = Math.min(maxPosts, allowance - (mentions >= 5 ? mentions : 0));
  return {
    posts: Math.max(5, posts),
    mentions: mentions >= 5 ? mentions : 0,
    postsBound: posts < maxPosts ? ('budget' as const) : ('max-posts' as const),
    mentionsBound: 'budget' as const,
  };
}
