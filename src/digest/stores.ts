// Each server's weekly digest schedule, and one claim per server and
// scheduled moment: the port. Adapters live in storage/sqlite and
// storage/postgres.

import type { DigestTime } from './schedule.js';

export interface DigestSchedule extends DigestTime {
  guildId: string;
  channelId: string;
  /** The locale of the admin who set it: the digest's language. */
  locale: string | null;
  updatedAt: number;
}

export type DigestOutcome = 'claimed' | 'posted' | 'late' | 'skipped' | 'failed';

export interface DigestClaim {
  guildId: string;
  dueAt: number;
  claimedAt: number;
  outcome: DigestOutcome;
  costMicroUsd: number;
  postsRead: number;
  detail: string | null;
}

export interface DigestEnd {
  outcome: Exclude<DigestOutcome, 'claimed'>;
  costMicroUsd: number;
  postsRead: number;
  detail: string | null;
}

export interface DigestStore {
  set(schedule: DigestSchedule): Promise<void>;
  /** Turns the digest off; true when one was set. */
  off(guildId: string): Promise<boolean>;
  get(guildId: string): Promise<DigestSchedule | null>;
  all(): Promise<DigestSchedule[]>;
  /**
   * Claims the digest due at `dueAt`, in one statement or transaction: the
   * claim row is new, or one left 'claimed' since before `staleBefore` (its
   * replica died mid-post) is taken over. True when this caller now holds it,
   * as of `now` (which finish names).
   */
  claim(guildId: string, dueAt: number, now: number, staleBefore: number): Promise<boolean>;
  /**
   * Extends the claim this caller made (or last renewed) at `heldAt` to `now`,
   * in one statement. False when it is no longer this caller's: another took
   * it over as stale, or it was finished.
   */
  renew(guildId: string, dueAt: number, heldAt: number, now: number): Promise<boolean>;
  /** Records how it ended; only the holder of the claim made (or last renewed) at `claimedAt` may. */
  finish(guildId: string, dueAt: number, claimedAt: number, end: DigestEnd): Promise<boolean>;
  /** The latest claim of the server, if any. */
  last(guildId: string): Promise<DigestClaim | null>;
  forgetGuild(guildId: string): Promise<void>;
}
