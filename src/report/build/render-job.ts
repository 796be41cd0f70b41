// What the render pool is given to summarise and draw: the windows of stored
// posts the reads left, what each read covered and why it stopped, the
// limits and prices the report explains itself with, and its buttons.

import { costMicroUsd } from '../../budget/pricing.js';
import type { Pricing, ReportLimits } from '../../config/env.js';
import type { Usage } from '../../twitter/v2-client.js';
import { REPORT_PERIODS } from '../periods.js';
import type { ReadResult } from '../read/timeline-reader.js';
import type { RenderJob } from '../render/job.js';
import type { ReportRequest, ReportTicket } from '../report-request.js';
import type { ReportReads } from './report-reads.js';

/** What a report's summary needs to know of a source's read. */
const sourceRead = (read: ReadResult) => ({ storedFrom: read.coveredFrom, cut: read.cut?.reason ?? null });

export function renderJobFor(
  reads: ReportReads,
  report: { request: ReportRequest; ticket: ReportTicket; usage: Usage; viewId: string },
  config: { limits: ReportLimits; pricing: Pricing },
): RenderJob {
  const { timeline, mentions, profile, share, periodStart, previousStart } = reads;
  const { request, ticket, viewId } = report;
  const { limits, pricing } = config;
  const usage = { ...report.usage };
  return {
    locale: request.locale,
    profile: profile.profile,
    timeline: timeline.window,
    mentions: mentions?.window ?? null,
    withPrevious: timeline.coveredFrom <= previousStart,
    period: { start: periodStart, end: ticket.startedAt, days: request.days },
    timeZone: ticket.timeZone,
    read: { posts: sourceRead(timeline), mentions: mentions && sourceRead(mentions) },
    mentionsOff: share.mentions > 0 ? undefined : limits.maxMentions === 0 ? 'off' : 'budget',
    limits: { maxPosts: limits.maxPosts, postMicroUsd: Math.round(pricing.postUsd * 1_000_000), periods: REPORT_PERIODS },
    refreshHorizonHours: limits.refreshHours,
    showPrivate: !request.public,
    privateHere: request.foreignPlace,
    profileRefresh: profile.refresh,
    footer: {
      dataAsOf: ticket.startedAt,
      usage,
      costMicroUsd: costMicroUsd(usage, pricing),
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
}
