// Makes one member's report: reads what is needed from X (through the cache),
// summarises, renders, and records what it cost. X calls are made with the
// member's own token; the three reads run side by side so the wall time is
// that of the longest.

import { randomBytes } from 'node:crypto';
import { type BudgetService, budgetState, monthStart, nextMonthStart, splitAllowance } from '../budget/budget.js';
import { costMicroUsd } from '../budget/pricing.js';
import type { Pricing, ReportLimits } from '../config/env.js';
import type { LinkedAccount } from '../db/schema.js';
import type { InteractionWebhooks } from '../discord-api/webhooks.js';
import { DeadlineError } from '../http/deadline.js';
import type { AckPriority } from '../interaction/ack-priority.js';
import { type AutocompleteChoice, type BotMessage, INTERACTION_TOKEN_LIFETIME_MS } from '../interaction/contract.js';
import type { LinkService } from '../linking/link-service.js';
import type { Logger } from '../log/logger.js';
import type { TokenCipher } from '../secrets/token-cipher.js';
import { type Catalog, textFor } from '../text/catalog.js';
import { XApiError } from '../twitter/errors.js';
import type { OAuthSigner } from '../twitter/oauth-signer.js';
import type { Usage } from '../twitter/v2-client.js';
import type { XUserProfile } from '../twitter/v2-types.js';
import { CountedPages, type CountedRange, decodeCounted } from './counted-pages.js';
import { CpuLane } from './cpu-lane.js';
import { deliverReport } from './delivery.js';
import { asLayout } from './layout/text-layout.js';
import { reportPeriod } from './local-time.js';
import { PageGate, requestsWaiting } from './page-gate.js';
import { ProfileReader } from './profile/profile-reader.js';
import { ReportProgress } from './progress.js';
import { type ClaimedRun, decodeJob, encodeJob } from './queue/report-job.js';
import { ReportWorker } from './queue/report-worker.js';
import { type MemberClientDeps, memberClient } from './read/member-client.js';
import { CHART_FILE, type RenderJob } from './render.js';
import type { RenderPool } from './render-pool.js';
import { settleAll } from './settle-all.js';
import type { AdmissionFacts, Admissions, NewRun, ReportRunStore, ReportViewStore, ZonePreferences } from './stores.js';
import { LinkGoneError, type PostStore } from './stores.js';
import { canonicalTimeZone, suggestTimeZones } from './time-zones.js';
import { type ReadResult, readSource } from './timeline-reader.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The periods a report may cover, in days. */
export const REPORT_PERIODS = [7, 30, 90] as const;
/**
 * Posts are kept for the longest period and the one before it (the trend),
 * whole days in any zone (up to 14 hours from UTC) included; older ones are deleted.
 */
export const POST_RETENTION_MS = (2 * Math.max(...REPORT_PERIODS) + 2) * DAY;
/** Discord's interaction token lives 15 minutes; give up well before. */
export const REPORT_DEADLINE_MS = 10 * 60 * 1000;
/** X returns at least 5 posts a page, so an allowance below that cannot be kept. */
const SMALLEST_READ = 5;
/** A run still not queued this long after admission lost its ack (the replica died before deferring): it is let go. */
const UNQUEUED_GRACE_MS = 60_000;

export interface ReportServiceDeps {
  store: PostStore;
  runs: ReportRunStore;
  /** Where reports are admitted, each in one transaction. */
  admissions: Admissions;
  links: LinkService;
  signer: OAuthSigner;
  cipher: TokenCipher;
  /** To tell a member whose report a restart cut off. */
  webhooks: InteractionWebhooks;
  apiUrl: string;
  limits: ReportLimits;
  pricing: Pricing;
  now: () => number;
  log: Logger;
  budget: BudgetService;
  /** Tests replace the backoff wait; production waits for real. */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  /** Per X request (connect, headers and body); default 15 s. */
  xRequestTimeoutMs?: number;
  /** A finished report whose reply Discord will not take goes to the member by direct message. */
  directMessage?: (discordUserId: string, message: BotMessage) => Promise<void>;
  /** Said before a private report when something else needs the member (Linked Roles to connect again). */
  notice?: (discordUserId: string, locale: string | null) => Promise<string | null>;
  /** Where the summary and chart are made, off the thread that answers Discord. */
  render: Pick<RenderPool, 'render'>;
  /** Storing pages waits for the acks in flight. */
  acks?: Pick<AckPriority, 'whenIdle'>;
  /** How long a report may take in all (default REPORT_DEADLINE_MS); tests shorten it. */
  deadlineMs?: number;
  /** Each member's last zone: their default, remembered when they name one. */
  zones: ZonePreferences;
  /** Told each report's profile of the member (Linked Roles push it to Discord). */
  onProfile?: (account: LinkedAccount, profile: XUserProfile) => void;
  /** Each rendered report is stored as a view its buttons name. */
  views: ReportViewStore;
}

export interface ReportRequest {
  discordUserId: string;
  guildId: string | null;
  days: number;
  timeZone: string;
  /** The member named the zone (rather than getting their default): it becomes their default. */
  rememberZone?: boolean;
  /** The member's Discord locale: the catalog the report and its messages come from. */
  locale: string | null;
  /** Sealed with the run while it lasts, so a restart can still answer the member. */
  interactionToken: string;
  /** The member asked to read their profile (followers) afresh, though it was read today. */
  refreshProfile?: boolean;
  /** Posted in the channel for all to see: the member's private X analytics stay out of it. */
  public?: boolean;
  /** A private report where the server allows public ones: it offers Share in channel. */
  shareable?: boolean;
}

/**
 * An admitted report: recorded as running, holding its allowance against the
 * budgets. Admission and reservation are one transaction (see Admissions), so
 * reports admitted side by side cannot together read more than a budget allows.
 */
export interface ReportTicket {
  runId: number;
  account: LinkedAccount;
  /** Posts this report may read under the monthly budgets (null: no cap). */
  allowance: number | null;
  startedAt: number;
  /** The zone the report is in, spelt as IANA spells it. */
  timeZone: string;
  /** Taken over: the pages earlier attempts counted and did not store (their posts count once). */
  counted?: CountedRange[];
}

export type Admission = { ok: true; ticket: ReportTicket } | { ok: false; message: string };

/** What a report's summary needs to know of a source's read. */
const sourceRead = (read: ReadResult) => ({ storedFrom: read.coveredFrom, cut: read.cut?.reason ?? null });

const runTokenContext = (discordUserId: string, startedAt: number) => `report-interaction:${discordUserId}:${startedAt}`;

const NOTHING_DONE = {
  durationMs: 0,
  usage: { requests: 0, postsRead: 0, postsRepeated: 0, userReads: 0 },
  costMicroUsd: 0,
  anonymous: false,
};

export class ReportService {
  /** Every report's pages are stored through this one lane: a page per turn of the event loop, after any waiting ack. */
  private readonly pageLane: CpuLane;
  /** Every report's pages are held within this gate, from reading their bodies until stored (memory). */
  private readonly pageGate: PageGate;
  /** Every report's requests waiting on X are within this gate (sockets). */
  private readonly askGate: PageGate;

  /** Takes reports from the shared queue and makes them. */
  readonly worker: ReportWorker;
  private readonly clients: MemberClientDeps;
  private readonly profiles: ProfileReader;

  constructor(private readonly deps: ReportServiceDeps) {
    const acks = deps.acks;
    this.pageLane = new CpuLane(acks && (() => acks.whenIdle()));
    this.pageGate = new PageGate(deps.limits.pagesInFlight);
    this.askGate = new PageGate(requestsWaiting(deps.limits.pagesInFlight));
    this.clients = {
      apiUrl: deps.apiUrl,
      signer: deps.signer,
      credentials: (account) => deps.links.credentials(account),
      sleep: deps.sleep,
      timeoutMs: deps.xRequestTimeoutMs,
      fetch: deps.fetch,
    };
    this.profiles = new ProfileReader({
      store: deps.store,
      client: this.clients,
      cacheSeconds: deps.limits.cacheSeconds,
      now: deps.now,
      onProfile: deps.onProfile,
    });
    this.worker = new ReportWorker({
      runs: deps.runs,
      make: (run) => this.makeClaimed(run),
      concurrency: deps.limits.concurrency,
      leaseMs: deps.limits.leaseSeconds * 1000,
      acks,
      now: deps.now,
      log: deps.log,
    });
  }

  private get deadlineMs(): number {
    return this.deps.deadlineMs ?? REPORT_DEADLINE_MS;
  }

  /**
   * The member's ack went out: the admitted report joins the queue, and this
   * replica looks for work at once. Returns how many reports are ahead of it
   * (0: it is being made already). Whichever replica makes it edits the
   * member's message with it.
   */
  async enqueue(ticket: ReportTicket): Promise<number> {
    await this.deps.runs.markReady(ticket.runId);
    await this.worker.pump();
    const queued = await this.deps.runs.queuedAhead(ticket.runId, this.deps.now());
    // Reports admitted first are served first: while X's pages are all taken, those being made ahead of it are ahead too.
    const saturated = this.pageGate.queued > 0 || this.askGate.queued > 0;
    return queued + (saturated ? this.worker.makingBefore(ticket.runId) : 0);
  }

  /** When a report with `ahead` reports before it is likely delivered, at the pace reports are finishing now; null: unknown. */
  readyAt(ahead: number): number | null {
    const pace = this.worker.pace();
    return pace === null ? null : this.deps.now() + (ahead + 1) * pace;
  }

  /** Makes a report taken from the queue and edits the member's message with it. */
  private async makeClaimed(claimed: ClaimedRun): Promise<void> {
    const { cipher, webhooks, log } = this.deps;
    const job = decodeJob(claimed.job);
    const discordUserId = claimed.discordUserId;
    if (!job || !discordUserId || !claimed.interactionTokenSealed) {
      // Nothing to make it from, or no one to give it to (they unlinked): let it go.
      await this.abandon(claimed.id);
      return;
    }
    let token: string;
    try {
      token = cipher.open(claimed.interactionTokenSealed, runTokenContext(discordUserId, claimed.startedAt));
    } catch (err) {
      // Sealed with a key this replica does not hold (TOKEN_ENCRYPTION_KEY differs between replicas?): no one can deliver it.
      log.error('could not open a queued report’s interaction token', { runId: claimed.id, error: err });
      await this.abandon(claimed.id);
      return;
    }
    const request: ReportRequest = {
      discordUserId,
      guildId: claimed.guildId,
      days: job.days,
      timeZone: job.timeZone,
      locale: claimed.locale,
      interactionToken: token,
      refreshProfile: job.refreshProfile,
      public: job.public,
      shareable: job.shareable,
    };
    const account = await this.deps.links.account(discordUserId);
    const usage: Usage = {
      requests: claimed.upstreamRequests,
      postsRead: claimed.postsRead,
      postsRepeated: 0,
      userReads: claimed.userReads,
    };
    const sameLink = account && account.xUserId === job.xUserId && account.linkedAt === job.linkedAt;
    const message = sameLink
      ? await this.run(
          request,
          {
            runId: claimed.id,
            account,
            allowance: job.allowance,
            startedAt: claimed.startedAt,
            timeZone: job.timeZone,
            counted: decodeCounted(claimed.countedUnstored),
          },
          usage,
        )
      : await this.discard(claimed.id, request, usage);
    const notice = !job.public && this.deps.notice ? await this.deps.notice(discordUserId, claimed.locale).catch(() => null) : null;
    const target = { runId: claimed.id, discordUserId, locale: claimed.locale, startedAt: claimed.startedAt, days: job.days };
    await deliverReport(
      { webhooks, directMessage: this.deps.directMessage, runs: this.deps.runs, now: this.deps.now, log },
      { ...target, interactionToken: token },
      asLayout(message, notice),
    ).catch((err: unknown) => log.error('could not deliver a report to the member', { discordUserId, runId: claimed.id, error: err }));
  }

  /** The member's report that reached them neither as a reply nor by direct message, taken so it is said once. */
  takeUndeliveredNote(discordUserId: string, locale: string | null): Promise<string | null> {
    return this.deps.runs
      .takeUndelivered(discordUserId)
      .then((found) => (found ? textFor(locale).report.undeliveredNote(found.days, found.startedAt) : null));
  }

  /** The member unlinked (or relinked) before their report was made: nothing is read. */
  private async discard(runId: number, request: ReportRequest, usage: Usage): Promise<BotMessage> {
    await this.deps.runs.finishRun(runId, { ...NOTHING_DONE, usage, outcome: 'unlinked', anonymous: true });
    return { content: textFor(request.locale).report.unlinkedMeanwhile, embeds: [], files: [] };
  }

  /** Quick checks made before deferring, so refusals can be private and instant; admits and reserves. */
  async admit(request: ReportRequest): Promise<Admission> {
    const { budget, now } = this.deps;
    const t = textFor(request.locale);
    const timeZone = canonicalTimeZone(request.timeZone);
    if (timeZone === null) return { ok: false, message: t.report.badTimeZone(request.timeZone) };
    const account = await this.deps.links.account(request.discordUserId);
    if (!account) return { ok: false, message: t.report.notLinked };
    if (account.status === 'broken') return { ok: false, message: t.report.brokenLink };
    const startedAt = now();
    const question = {
      discordUserId: request.discordUserId,
      guildId: request.guildId,
      runningSince: startedAt - this.deadlineMs,
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
  ): { ok: false; message: string } | { ok: true; run: NewRun; allowance: number | null } {
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
      interactionTokenSealed: cipher.seal(request.interactionToken, runTokenContext(request.discordUserId, startedAt)),
      job: encodeJob({
        days: request.days,
        timeZone,
        public: request.public ?? false,
        shareable: request.shareable ?? false,
        refreshProfile: request.refreshProfile ?? false,
        allowance,
        xUserId: account.xUserId,
        linkedAt: account.linkedAt,
      }),
    };
    return { ok: true, run, allowance };
  }

  /** The zone a member's report is in when they name none: the last one they named, else UTC. */
  async defaultTimeZone(discordUserId: string): Promise<string> {
    return (await this.deps.zones.get(discordUserId)) ?? 'UTC';
  }

  /** Autocomplete for the timezone option: what matches what they typed, their own zone first. */
  async suggestTimeZones(discordUserId: string, typed: string): Promise<AutocompleteChoice[]> {
    return suggestTimeZones(typed, await this.deps.zones.get(discordUserId), this.deps.now());
  }

  /** The admitted report will not run (Discord refused the defer): release what it held. */
  async abandon(runId: number): Promise<void> {
    await this.deps.runs.finishRun(runId, { ...NOTHING_DONE, outcome: 'abandoned' });
  }

  /** Runs an admitted report; always resolves with what to show the member. */
  async run(
    request: ReportRequest,
    ticket: ReportTicket,
    usage: Usage = { requests: 0, postsRead: 0, postsRepeated: 0, userReads: 0 },
  ): Promise<BotMessage> {
    const { store, runs, log } = this.deps;
    const { account, runId } = ticket;
    const t = textFor(request.locale);
    const started = performance.now();
    let outcome = 'ok';
    let linkGone = false;
    try {
      const message = await this.build(request, ticket, usage);
      // The member may have unlinked after the last write: do not deliver what they asked to forget.
      if (!(await store.linkStands(account))) throw new LinkGoneError();
      return message;
    } catch (err) {
      // An unlink mid-report shows up as whichever read noticed first; the link itself says what happened.
      if (err instanceof LinkGoneError || !(await store.linkStands(account).catch(() => true))) {
        linkGone = true;
        outcome = 'unlinked';
        // A view made before the unlink was noticed would outlive the forgetting: it goes too.
        await this.deps.views.forget(account.discordUserId).catch(() => undefined);
        log.info('report discarded: the member unlinked while it ran', { discordUserId: account.discordUserId });
        return { content: t.report.unlinkedMeanwhile, embeds: [], files: [] };
      }
      outcome = err instanceof XApiError ? `x-${err.kind}` : 'error';
      return { content: await this.failure(err, account, t), embeds: [], files: [] };
    } finally {
      await runs.finishRun(runId, {
        outcome,
        durationMs: Math.round(performance.now() - started),
        usage,
        costMicroUsd: costMicroUsd(usage, this.deps.pricing),
        anonymous: linkGone,
      });
      log.info('report finished', {
        discordUserId: account.discordUserId,
        outcome,
        requests: usage.requests,
        postsRead: usage.postsRead,
        days: request.days,
      });
    }
  }

  /**
   * At start-up: reports a crash cut off. Their reservations are released and
   * each member whose interaction token still works is told to ask again.
   */
  async recoverInterrupted(): Promise<number> {
    const { runs, cipher, webhooks, now, log } = this.deps;
    const at = now();
    const interrupted = await runs.takeInterruptedRuns({
      now: at,
      staleBefore: at - this.deadlineMs,
      unreadyBefore: at - UNQUEUED_GRACE_MS,
    });
    for (const run of interrupted) {
      log.warn('a report was cut off by a restart', { discordUserId: run.discordUserId, runId: run.id });
      if (!run.interactionTokenSealed || !run.discordUserId || now() >= run.startedAt + INTERACTION_TOKEN_LIFETIME_MS) continue;
      try {
        const token = cipher.open(run.interactionTokenSealed, runTokenContext(run.discordUserId, run.startedAt));
        await webhooks.editOriginal(token, asLayout({ content: textFor(run.locale).report.interrupted }));
      } catch (err) {
        log.warn('could not tell the member their report was cut off', { discordUserId: run.discordUserId, error: err });
      }
    }
    return interrupted.length;
  }

  private async build(request: ReportRequest, ticket: ReportTicket, usage: Usage): Promise<BotMessage> {
    const { limits } = this.deps;
    const { account, allowance, startedAt, runId } = ticket;
    // One controller ends every X request of this report: at its deadline, or as soon as one read fails.
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(new DeadlineError('timeout', 'report deadline reached')), this.deadlineMs);
    const store = this.deps.store.forLink(account);
    // Usage is recorded as it grows (a crash must not hide what was spent), once per turn at most:
    // a page changes it twice, and each record is a write.
    let recording: NodeJS.Immediate | undefined;
    // The pages counted and not yet stored are recorded with the usage, in the same write: see counted-pages.ts.
    const counted = new CountedPages(ticket.counted);
    const record = () => {
      recording = undefined;
      this.deps.runs.updateRunUsage(runId, usage, costMicroUsd(usage, this.deps.pricing), counted.encode()).catch((err: unknown) => {
        // In a turn of its own, so nothing above would catch it (the database closed at shutdown, say);
        // the run's end, or the next start-up's recovery, records the usage.
        this.deps.log.warn('could not record a running report’s usage', { runId, error: err });
      });
    };
    const progress = this.progressFor(request);
    const client = memberClient(this.clients, account, usage, {
      onUsage: () => {
        recording ??= setImmediate(record);
        progress.note(usage.postsRead);
      },
      onPosts: (kind, posts) => counted.arrived(kind === 'tweets' ? 'timeline' : 'mentions', posts),
      signal: controller.signal,
    });
    try {
      const { start: periodStart, previousStart } = reportPeriod(startedAt, request.days, ticket.timeZone);
      const common = {
        xUserId: account.xUserId,
        periodStart,
        now: startedAt,
        // In admission order (run ids grow with it): the first reports admitted get X's pages and the CPU first.
        inTurn: (work: () => Promise<void>) => this.pageLane.run(work, runId),
        gate: this.pageGate.for(runId),
        asking: this.askGate.for(runId),
        counted,
      };
      const share = splitAllowance(allowance, limits.maxPosts, limits.maxMentions);
      const profileRead = this.profiles.forReport(client, store, account, startedAt, request.refreshProfile ?? false);
      const lifetimePosts = profileRead.then(
        (p) => p.profile.tweetCount,
        () => undefined,
      );
      const reads = await settleAll(controller, [
        readSource(client, store, {
          ...common,
          source: 'timeline',
          // The trend compares with the previous period, when that is stored already; it never costs a read.
          keepFrom: previousStart,
          refresh: { horizonMs: limits.refreshHours * HOUR, everyMs: limits.cacheSeconds * 1000 },
          maxPosts: share.posts,
          bound: share.postsBound,
          lifetimePosts,
        }),
        share.mentions > 0
          ? readSource(client, store, { ...common, source: 'mentions', maxPosts: share.mentions, bound: share.mentionsBound })
          : Promise.resolve(null),
        profileRead,
      ] as const);
      const [timeline, mentions, profile] = reads;
      const usageNow = { ...usage };
      const viewId = randomBytes(16).toString('base64url');
      const job: RenderJob = {
        locale: request.locale,
        profile: profile.profile,
        timeline: timeline.window,
        mentions: mentions?.window ?? null,
        withPrevious: timeline.coveredFrom <= previousStart,
        period: { start: periodStart, end: startedAt, days: request.days },
        timeZone: ticket.timeZone,
        read: { posts: sourceRead(timeline), mentions: mentions && sourceRead(mentions) },
        mentionsOff: share.mentions > 0 ? undefined : limits.maxMentions === 0 ? 'off' : 'budget',
        limits: { maxPosts: limits.maxPosts, postMicroUsd: Math.round(this.deps.pricing.postUsd * 1_000_000), periods: REPORT_PERIODS },
        refreshHorizonHours: limits.refreshHours,
        showPrivate: !request.public,
        profileRefresh: profile.refresh,
        footer: {
          dataAsOf: startedAt,
          usage: usageNow,
          costMicroUsd: costMicroUsd(usageNow, this.deps.pricing),
          olderPosts: timeline.olderRead,
        },
        controls: {
          viewId,
          days: request.days,
          periods: REPORT_PERIODS,
          shareable: !request.public && (request.shareable ?? false),
          // Private reports made in a server that installed the bot: the board is that server's.
          joinable: !request.public && request.guildId !== null,
        },
      };
      // The report's deadline governs its rendering too.
      const { layout, png } = await this.deps.render.render(job, controller.signal, runId);
      await this.deps.views.create({
        id: viewId,
        discordUserId: account.discordUserId,
        xUserId: account.xUserId,
        linkedAt: account.linkedAt,
        guildId: request.guildId,
        days: request.days,
        timeZone: ticket.timeZone,
        public: request.public ?? false,
        render: JSON.stringify({ ...job, controls: null }),
        createdAt: startedAt,
      });
      return { layout, files: [{ name: CHART_FILE, data: Buffer.from(png), contentType: 'image/png' }] };
    } finally {
      clearTimeout(deadline);
      // The run's end records the final usage.
      if (recording) clearImmediate(recording);
      await progress.stop();
    }
  }

  private progressFor(request: ReportRequest): ReportProgress {
    const t = textFor(request.locale).reportView;
    return new ReportProgress({
      webhooks: this.deps.webhooks,
      interactionToken: request.interactionToken,
      everyMs: this.deps.limits.progressEveryMs,
      now: this.deps.now,
      text: (posts) => t.progress(request.days, posts),
    });
  }

  /** The member's profile for Linked Roles (see ProfileReader.current). */
  currentProfile(account: LinkedAccount): Promise<XUserProfile> {
    return this.profiles.current(account);
  }

  private async failure(err: unknown, account: LinkedAccount, t: Catalog): Promise<string> {
    if (!(err instanceof XApiError)) {
      this.deps.log.error('report failed', { discordUserId: account.discordUserId, error: err });
      return t.report.ourFailure;
    }
    this.deps.log.warn('report failed at X', { discordUserId: account.discordUserId, kind: err.kind, status: err.status, code: err.code });
    if (err.kind === 'unauthorized') await this.deps.links.markBroken(account.discordUserId);
    const resetAt = err.resetAt && err.resetAt * 1000 > this.deps.now() ? err.resetAt : null;
    return t.report.xFailure(err.kind, resetAt);
  }
}
