// What linking keeps, as it needs it: pending links, linked accounts and the
// queue of tokens to revoke at X. Each engine (storage/sqlite, storage/postgres)
// implements these; every state change is one conditional write or one
// transaction, so two requests racing for the same link cannot both win.

import type { LinkedAccount, PendingLink, PendingRevocation, pendingRevocations } from '../db/schema.js';

/**
 * One link of a member to an X account, as later writes must find it again:
 * the same member, the same X account, linked at the same moment. A relink,
 * even to the same X account, is another link.
 */
export type LinkOwner = Pick<LinkedAccount, 'discordUserId' | 'xUserId' | 'linkedAt'>;

export interface NewPendingLink {
  tokenHash: string;
  discordUserId: string;
  discordUserName: string;
  discordUsername: string;
  guildId: string | null;
  locale: string | null;
  interactionTokenSealed: string;
  createdAt: number;
  interactionExpiresAt: number;
  expiresAt: number;
}

export type AccountRecord = Omit<LinkedAccount, 'status' | 'linkedAt' | 'updatedAt'>;

/** An access token to revoke at X, sealed for the revocation queue. */
export type RevocationRecord = typeof pendingRevocations.$inferInsert;

/** What completing a link changed besides storing the account. */
export interface Completion {
  /** The member's previous link, when it was to another X account. */
  replaced: LinkedAccount | undefined;
  /** Another member who had this X account linked; it is theirs no longer. */
  displaced: LinkedAccount | undefined;
}

/** An exchange is X's access-token request: past its link's expiry by this much, no process can still be making it. */
export const EXCHANGE_OUTLIVES_LINK_MS = 60_000;

/** Pending links and linked accounts. */
export interface LinkStore {
  /** Stores a new link, superseding the member's older ones and purging expired ones. */
  createPending(link: NewPendingLink): Promise<void>;
  findOpenable(tokenHash: string, now: number): Promise<PendingLink | undefined>;
  /** Moves a link from pending to authorizing; false if someone else got there first or it expired. */
  claimForAuthorization(
    id: number,
    claim: { requestToken: string; requestSecretSealed: string; browserHash: string },
    now: number,
    expiresAt: number,
  ): Promise<boolean>;
  findAuthorizing(requestToken: string, now: number): Promise<PendingLink | undefined>;
  /**
   * Moves an authorizing link to 'exchanging' while its verifier is traded at
   * X; false if another callback got there first. A link found in that state
   * at start-up was cut off by a crash.
   */
  beginExchange(id: number, now: number): Promise<boolean>;
  /** X refused the exchange: the link is as it was, so the member can try again. */
  abortExchange(id: number): Promise<void>;
  /**
   * Links whose token exchange a crash cut off; they are removed as they are
   * returned. At start-up this process is the only one with the file, so every
   * exchange left is one it was making when it died; later, only those whose
   * link expired over a minute ago (no exchange outlives its link for long).
   */
  takeInterruptedExchanges(now: number, atStart: boolean): Promise<PendingLink[]>;
  /**
   * Consumes the link and stores the account in one transaction; null if the
   * link was already consumed. One X account belongs to one member: another
   * member holding it loses it (the caller tells them). Replaced tokens are
   * queued for revocation in the same transaction, chosen from the rows it
   * read, so no completion racing this one can slip a token past the queue.
   * A displaced member's Linked Roles connection is forgotten in it too, its
   * metadata clear queued (storage/sqlite/forgotten-connection.ts).
   */
  complete(
    linkId: number,
    account: AccountRecord,
    now: number,
    replaced?: (own: LinkedAccount | undefined, holder: LinkedAccount | undefined) => RevocationRecord[],
  ): Promise<Completion | null>;
  /** Removes one pending link, returning it if it was still there. */
  discard(id: number): Promise<PendingLink | undefined>;
  getAccount(discordUserId: string): Promise<LinkedAccount | undefined>;
  accountForXUser(xUserId: string): Promise<LinkedAccount | undefined>;
  /**
   * Stores credentials re-sealed with the current key (key rotation), only over
   * the sealed token they were opened from: a member who relinked meanwhile
   * keeps the new link's token, not the old one re-sealed.
   */
  reseal(
    stale: Pick<LinkedAccount, 'discordUserId' | 'accessTokenSealed'>,
    sealed: { accessTokenSealed: string; accessSecretSealed: string; keyId: string },
    now: number,
  ): Promise<void>;
  markBroken(discordUserId: string, now: number): Promise<void>;
  /**
   * Deletes the member's pending links and their account, if it is still the
   * one the caller read (same X user, same link time), and queues its token
   * for revocation in the same transaction, so a crash cannot forget a token
   * without also remembering to revoke it. Their Linked Roles connection goes
   * in it too, its metadata clear queued the same way.
   */
  forgetMember(account: LinkOwner, revocation: RevocationRecord | null, now: number): Promise<LinkedAccount | undefined>;
  /**
   * A member with no X account unlinks: their pending links and their Linked
   * Roles connection (its clear queued) go in one transaction; true if there
   * was a connection to forget.
   */
  forgetUnlinkedMember(discordUserId: string, now: number): Promise<boolean>;
  /** An access token X issued that no link keeps (the link was superseded meanwhile): queued for revocation. */
  queueRevocation(revocation: RevocationRecord): Promise<void>;
  /**
   * A link refused in the browser that called back: its request token can no
   * longer be completed from any browser. False if it was no longer waiting.
   */
  burnAuthorizing(id: number): Promise<boolean>;
}

/** Access tokens queued for revocation at X. */
export interface RevocationStore {
  find(sealId: string): Promise<PendingRevocation | undefined>;
  /**
   * Takes the next attempt by moving its time on, if no one else took this
   * attempt first (the count is still `attempts`): a concurrent sweep, here
   * or on another machine, skips it.
   */
  takeAttempt(id: number, attempts: number, nextAttemptAt: number): Promise<boolean>;
  remove(id: number): Promise<void>;
  /** The seal ids of revocations due at `now` (every one, with null), soonest first. */
  due(now: number | null, limit: number): Promise<string[]>;
}
