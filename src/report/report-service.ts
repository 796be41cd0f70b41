// The report pipeline, put together: admission (admission/), the queue
// (queue/: enqueue, claim, recover, deliver), the making of a report
// (build/: reading X, summarising and rendering) and the profile reader
// (profile/). This class only builds them from one set of dependencies and
// hands each call to the step it belongs to; the steps know nothing of each
// other beyond the shapes they pass on (report-request.ts, queue/report-job.ts).

import type { BudgetService } from '../budget/budget.js';
import type { Pricing, ReportLimits } from '../config/env.js';
import type { LinkedAccount } from '../db/schema.js';
import type { InteractionWebhooks } from '../discord-api/webhooks.js';
import type { HttpGet } from '../http/http-get.js';
import type { AckPriority } from '../interaction/ack-priority.js';
import type { AutocompleteChoice, BotMessage } from '../interaction/contract.js';
import type { LinkService } from '../linking/link-service.js';
import type { Logger } from '../log/logger.js';
import type { TokenCipher } from '../secrets/token-cipher.js';
import { textFor } from '../text/catalog.js';
import type { OAuthSigner } from '../twitter/oauth-signer.js';
import type { Usage } from '../twitter/v2-client.js';
import type { XUserProfile } from '../twitter/v2-types.js';
import { ReportAdmission } from './admission/admission.js';
import { ReportMaker } from './build/report-maker.js';
import { READS_ASKING_X, type ReadLanes } from './build/report-reads.js';
import { CpuLane } from './lanes/cpu-lane.js';
import { PageGate } from './lanes/page-gate.js';
import { REPORT_DEADLINE_MS } from './periods.js';
import { ProfileReader } from './profile/profile-reader.js';
import { ClaimedReports } from './queue/claimed-report.js';
import { recoverInterrupted } from './queue/recovery.js';
import { ReportQueue } from './queue/report-queue.js';
import type { ReportWorker } from './queue/report-worker.js';
import { type MemberClientDeps, noUsage } from './read/member-client.js';
import type { RenderPool } from './render/render-pool.js';
import type { Admission, ReportRequest, ReportTicket } from './report-request.js';
import type { Admissions, PostStore, ReportRunStore, ReportViewStore, ZonePreferences } from './stores.js';
import { suggestTimeZones } from './time-zones.js';

// Where the rest of the bot has always found them.
export { POST_RETENTION_MS, REPORT_DEADLINE_MS, REPORT_PERIODS } from './periods.js';
export type { Admission, ReportRequest, ReportTicket } from './report-request.js';

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
  /** How X is asked (default node:http); tests count what is read. */
  xGet?: HttpGet;
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

export class ReportService {
  /** Takes reports from the shared queue and makes them. */
  readonly worker: ReportWorker;
  private readonly admission: ReportAdmission;
  private readonly queue: ReportQueue;
  private readonly maker: ReportMaker;
  private readonly profiles: ProfileReader;
  private readonly deadlineMs: number;

  constructor(private readonly deps: ReportServiceDeps) {
    const { limits, now, log } = deps;
    this.deadlineMs = deps.deadlineMs ?? REPORT_DEADLINE_MS;
    const acks = deps.acks;
    const lanes: ReadLanes = {
      pageLane: new CpuLane(acks && (() => acks.whenIdle())),
      pageGate: new PageGate(limits.pagesInFlight),
      askGate: new PageGate(limits.requestsInFlight),
    };
    const clients: MemberClientDeps = {
      apiUrl: deps.apiUrl,
      signer: deps.signer,
      credentials: (account) => deps.links.credentials(account),
      sleep: deps.sleep,
      timeoutMs: deps.xRequestTimeoutMs,
      get: deps.xGet,
    };
    this.profiles = new ProfileReader({
      store: deps.store,
      client: clients,
      cacheSeconds: limits.cacheSeconds,
      now,
      onProfile: deps.onProfile,
    });
    const account = (discordUserId: string) => deps.links.account(discordUserId);
    this.admission = new ReportAdmission({ ...deps, account, deadlineMs: this.deadlineMs });
    this.maker = new ReportMaker({
      ...deps,
      clients,
      profiles: this.profiles,
      lanes,
      markBroken: (discordUserId) => deps.links.markBroken(discordUserId),
      // The queue is made below; a report is made only once it has been claimed from it.
      placeOf: (runId) => this.queue.placeOf(runId),
      deadlineMs: this.deadlineMs,
    });
    const claimed = new ClaimedReports({ ...deps, account, make: (request, ticket, usage) => this.maker.run(request, ticket, usage) });
    this.queue = new ReportQueue({
      runs: deps.runs,
      // Started in admission order: each keeps places among requests asking X from here, one for each of its
      // reads (timeline and mentions), however long the steps before its first request take (see PageGate.reserve).
      make: (run) => {
        lanes.askGate.reserve(run.id, READS_ASKING_X);
        return claimed.make(run).finally(() => lanes.askGate.unreserve(run.id));
      },
      concurrency: limits.concurrency,
      leaseMs: limits.leaseSeconds * 1000,
      acks,
      saturated: () => lanes.pageGate.queued > 0 || lanes.askGate.queued > 0,
      waiting: (runId) => lanes.pageGate.waits(runId) || lanes.askGate.waits(runId),
      now,
      log,
    });
    this.worker = this.queue.worker;
  }

  /** Resolves once no interaction waits for its ack (at once without acks to wait for): admissions go behind them. */
  afterAcks(): Promise<void> {
    return this.deps.acks?.whenIdle() ?? Promise.resolve();
  }

  /** The checks a report must pass (its refusal said privately) and the reservation of what it may read. */
  admit(request: ReportRequest): Promise<Admission> {
    return this.admission.admit(request);
  }

  /** The member's ack went out: the report joins the queue. Returns how many reports are ahead of it (see ReportQueue.enqueue). */
  enqueue(ticket: ReportTicket): Promise<number> {
    return this.queue.enqueue(ticket.runId);
  }

  /** When a report with `ahead` reports before it is likely delivered, at the pace reports are finishing now; null: unknown. */
  readyAt(ahead: number): number | null {
    return this.queue.readyAt(ahead);
  }

  /** The admitted report will not run (Discord refused the defer): release what it held. */
  abandon(runId: number): Promise<void> {
    return this.queue.abandon(runId);
  }

  /** Runs an admitted report here and now, outside the queue (benchmarks); always resolves with what to show the member. */
  run(request: ReportRequest, ticket: ReportTicket, usage: Usage = noUsage()): Promise<BotMessage> {
    return this.maker.run(request, ticket, usage);
  }

  /** At start-up: reports a crash cut off (see queue/recovery.ts). */
  recoverInterrupted(): Promise<number> {
    return recoverInterrupted({ ...this.deps, deadlineMs: this.deadlineMs });
  }

  /** The member's profile for Linked Roles (see ProfileReader.current). */
  currentProfile(account: LinkedAccount): Promise<XUserProfile> {
    return this.profiles.current(account);
  }

  /** The member's report that reached them neither as a reply nor by direct message, taken so it is said once. */
  takeUndeliveredNote(discordUserId: string, locale: string | null): Promise<string | null> {
    return this.deps.runs
      .takeUndelivered(discordUserId)
      .then((found) => (found ? textFor(locale).report.undeliveredNote(found.days, found.startedAt) : null));
  }

  /** The zone a member's report is in when they name none: the last one they named, else UTC. */
  async defaultTimeZone(discordUserId: string): Promise<string> {
    return (await this.deps.zones.get(discordUserId)) ?? 'UTC';
  }

  /** Autocomplete for the timezone option: what matches what they typed, their own zone first. */
  async suggestTimeZones(discordUserId: string, typed: string): Promise<AutocompleteChoice[]> {
    return suggestTimeZones(typed, await this.deps.zones.get(discordUserId), this.deps.now());
  }
}
