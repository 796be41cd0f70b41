// What a queued report is to make, stored with its run (report_runs.job) so
// that any replica can make it from the row alone, after the one that
// admitted it is gone. The schema is the one definition: the type is read
// off it, so what is written and what is accepted back cannot drift apart.

import { z } from 'zod';

const jobSchema = z.object({
  days: z.number().int().positive(),
  timeZone: z.string().min(1).max(64),
  public: z.boolean(),
  /** Offers Share in channel (see ReportRequest.shareable); absent in jobs queued before it existed. */
  shareable: z.boolean().optional(),
  /** Asked where the bot is not installed (see ReportRequest.foreignPlace); absent elsewhere and in older jobs. */
  foreignPlace: z.enum(['server', 'bot-dm', 'private-channel']).optional(),
  refreshProfile: z.boolean(),
  /** Posts it may read under the budgets (null: no cap), as reserved at admission. */
  allowance: z.number().int().nonnegative().nullable(),
  /** The link it was admitted under: a relink meanwhile is another link, whose data it must not touch. */
  xUserId: z.string().regex(/^\d{1,25}$/),
  linkedAt: z.number().int(),
});

export type ReportJob = z.infer<typeof jobSchema>;

export const encodeJob = (job: ReportJob): string => JSON.stringify(job);

/** The job of a stored run; null when it holds none (a run from before the queue) or not a valid one. */
export function decodeJob(json: string | null): ReportJob | null {
  if (json === null) return null;
  try {
    const parsed = jobSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A run a replica took from the queue: what it needs to make and deliver the report. */
export type ClaimedRun = {
  id: number;
  discordUserId: string | null;
  guildId: string | null;
  locale: string | null;
  startedAt: number;
  interactionTokenSealed: string | null;
  job: string | null;
  /** What earlier attempts read (a replica that died part way): counted on, not forgotten. */
  upstreamRequests: number;
  postsRead: number;
  /** Of postsRead, those X had billed already that day: without them a takeover's cost line would count them again. */
  postsRepeated: number;
  userReads: number;
  /** The pages of postsRead not yet stored when it was last recorded (see counted-pages.ts). */
  countedUnstored?: string | null;
};
