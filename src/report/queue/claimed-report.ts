// Making a report a worker claimed from the queue, on whichever replica:
// everything is read back from its run (the job, the sealed interaction
// token, what earlier attempts read), the report is made if the member's link
// is still the one it was admitted under, and the result is delivered.

import type { LinkedAccount } from '../../db/schema.js';
import type { InteractionWebhooks } from '../../discord-api/webhooks.js';
import type { BotMessage } from '../../interaction/contract.js';
import type { Logger } from '../../log/logger.js';
import type { TokenCipher } from '../../secrets/token-cipher.js';
import { textFor } from '../../text/catalog.js';
import type { Usage } from '../../twitter/v2-client.js';
import { asLayout, layoutText, withPlaceNote } from '../layout/text-layout.js';
import { decodeCounted } from '../read/counted-pages.js';
import type { ReportRequest, ReportTicket } from '../report-request.js';
import type { ReportRunStore } from '../stores.js';
import { deliverReport } from './delivery.js';
import { type ClaimedRun, decodeJob, type ReportJob } from './report-job.js';
import { NOTHING_DONE } from './report-queue.js';
import { openRunToken } from './run-token.js';

export interface ClaimedReportDeps {
  runs: ReportRunStore;
  cipher: TokenCipher;
  /** The member's link now (LinkService.account). */
  account: (discordUserId: string) => Promise<LinkedAccount | undefined>;
  /** Makes the report; always resolves with what to show the member. */
  make: (request: ReportRequest, ticket: ReportTicket, usage: Usage) => Promise<BotMessage>;
  webhooks: InteractionWebhooks;
  /** A finished report whose reply Discord will not take goes to the member by direct message. */
  directMessage?: (discordUserId: string, message: BotMessage) => Promise<void>;
  /** Said before a private report when something else needs the member (Linked Roles to connect again). */
  notice?: (discordUserId: string, locale: string | null) => Promise<string | null>;
  now: () => number;
  log: Logger;
}

/** A claimed run with what it takes to make it: its job, and the token to answer the member with. */
type Openable = { job: ReportJob; discordUserId: string; token: string };

export class ClaimedReports {
  constructor(private readonly deps: ClaimedReportDeps) {}

  /** Makes a report taken from the queue and edits the member's message with it. */
  async make(claimed: ClaimedRun): Promise<void> {
    const opened = this.open(claimed);
    if (!opened) {
      // Nothing to make it from, or no one to give it to (they unlinked), or no key to open its token: let it go.
      await this.deps.runs.finishRun(claimed.id, { ...NOTHING_DONE, outcome: 'abandoned' });
      return;
    }
    const { job, discordUserId, token } = opened;
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
      foreignPlace: job.foreignPlace,
    };
    // What earlier attempts read is counted on (a replica that died part way), not forgotten.
    const usage: Usage = {
      requests: claimed.upstreamRequests,
      postsRead: claimed.postsRead,
      postsRepeated: claimed.postsRepeated,
      userReads: claimed.userReads,
    };
    const account = await this.deps.account(discordUserId);
    const sameLink = account && account.xUserId === job.xUserId && account.linkedAt === job.linkedAt;
    const message = sameLink
      ? await this.deps.make(request, this.ticket(claimed, job, account), usage)
      : await this.discard(claimed.id, request, usage);
    await this.deliver(claimed, opened, message);
  }

  private open(claimed: ClaimedRun): Openable | null {
    const job = decodeJob(claimed.job);
    const discordUserId = claimed.discordUserId;
    if (!job || !discordUserId || !claimed.interactionTokenSealed) return null;
    try {
      return {
        job,
        discordUserId,
        token: openRunToken(this.deps.cipher, claimed.interactionTokenSealed, discordUserId, claimed.startedAt),
      };
    } catch (err) {
      // Sealed with a key this replica does not hold (TOKEN_ENCRYPTION_KEY differs between replicas?): no one can deliver it.
      this.deps.log.error('could not open a queued report’s interaction token', { runId: claimed.id, error: err });
      return null;
    }
  }

  private ticket(claimed: ClaimedRun, job: ReportJob, account: LinkedAccount): ReportTicket {
    return {
      runId: claimed.id,
      account,
      allowance: job.allowance,
      startedAt: claimed.startedAt,
      timeZone: job.timeZone,
      counted: decodeCounted(claimed.countedUnstored),
    };
  }

  /** The member unlinked (or relinked) before their report was made: nothing is read. */
  private async discard(runId: number, request: ReportRequest, usage: Usage): Promise<BotMessage> {
    await this.deps.runs.finishRun(runId, { ...NOTHING_DONE, usage, outcome: 'unlinked', anonymous: true });
    return { content: textFor(request.locale).report.unlinkedMeanwhile, embeds: [], files: [] };
  }

  private async deliver(claimed: ClaimedRun, { job, discordUserId, token }: Openable, message: BotMessage): Promise<void> {
    const { webhooks, directMessage, runs, now, log } = this.deps;
    const notice = !job.public && this.deps.notice ? await this.deps.notice(discordUserId, claimed.locale).catch(() => null) : null;
    const target = { runId: claimed.id, discordUserId, locale: claimed.locale, startedAt: claimed.startedAt, days: job.days };
    await deliverReport(
      { webhooks, directMessage, runs, now, log },
      { ...target, interactionToken: token },
      withPlaceNoteOnce(asLayout(message, notice), job.foreignPlace ? textFor(claimed.locale).place.privateHere(job.foreignPlace) : null),
    ).catch((err: unknown) => log.error('could not deliver a report to the member', { discordUserId, runId: claimed.id, error: err }));
  }
}

/**
 * Where the bot is not installed, every answer says why it is private: a
 * report says it in its own layout (within Discord's limits), and any other
 * answer made here (unlinked meanwhile, X failing) gets the note added.
 */
function withPlaceNoteOnce(message: BotMessage, note: string | null): BotMessage {
  if (!note || layoutText(message.layout ?? []).includes(note)) return message;
  return withPlaceNote(message, note);
}
