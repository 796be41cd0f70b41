// What the linking flow is asked with and answers: who asks for a link, who
// it will link to, and how each step of it ended (for the pages and replies
// the doors make of it).

import type { XApiError } from '../twitter/errors.js';

export interface LinkRequester {
  discordUserId: string;
  discordUserName: string;
  /** The unique @username, shown beside the display name anyone can imitate. */
  discordUsername: string;
  guildId: string | null;
  /** The member's Discord locale, for the pages and messages that follow. */
  locale: string | null;
  interactionToken: string;
}

/** A Discord member proven by Discord's OAuth2 sign-in. */
export interface VerifiedMember {
  discordUserId: string;
  discordUserName: string;
  discordUsername: string;
  locale: string | null;
}

/** Who a link will link to, for the confirmation page. */
export interface LinkPreview {
  discordUserName: string;
  discordUsername: string;
  locale: string | null;
  expiresAt: number;
}

/** A failure that found the member's link carries their locale, so its page is in their language. */
export type Failure<R> = R & { ok: false; locale?: string | null };

export type OpenResult =
  | { ok: true; redirectUrl: string }
  | Failure<{ reason: 'invalid' }>
  | Failure<{ reason: 'x-error'; error: XApiError }>;

export type CallbackResult =
  | { ok: true; screenName: string; discordUserName: string; discordUsername: string; locale: string | null }
  | Failure<{ reason: 'invalid' }>
  | Failure<{ reason: 'other-browser' }>
  | Failure<{ reason: 'x-error'; error: XApiError }>;

export type UnlinkResult =
  | { unlinked: true; screenName: string; revoked: boolean }
  /** No X account was linked (or it changed meanwhile); `rolesForgotten`: a Linked Roles connection was forgotten. */
  | { unlinked: false; rolesForgotten: boolean };

export type CancelOutcome = 'cancelled' | 'invalid' | 'other-browser';
/** What Cancel at X did, and the member's locale when their link was found. */
export interface CancelResult {
  outcome: CancelOutcome;
  locale: string | null;
}
