// What a member asks for (a report) and what admission grants (a ticket):
// the two shapes a report has on its way through the pipeline, from the
// command through admission and the queue to its making.

import type { LinkedAccount } from '../db/schema.js';
import type { PlaceKind } from '../interaction/place.js';
import type { CountedRange } from './read/counted-pages.js';

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
  /**
   * Asked where the bot is not installed (a server without it, a group DM):
   * Discord allows only private answers there, and the report says so.
   */
  foreignPlace?: PlaceKind;
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
