// Persistence for pending links and linked accounts. Every state change is a
// single conditional UPDATE/DELETE (or one transaction), so two requests racing
// for the same link cannot both win.

import { and, eq, gt, lte, ne, sql } from 'drizzle-orm';
import type { Sync } from '../../db/async-store.js';
import type { Db } from '../../db/database.js';
import { type LinkedAccount, linkedAccounts, type PendingLink, pendingLinks, pendingRevocations } from '../../db/schema.js';
import {
  type AccountRecord,
  type Completion,
  EXCHANGE_OUTLIVES_LINK_MS,
  type LinkOwner,
  type LinkStore,
  type NewPendingLink,
  type RevocationRecord,
} from '../../linking/stores.js';
import { forgetConnection } from './forgotten-connection.js';
import { isLink } from './link-owner.js';

export class SqliteLinkStore implements Sync<LinkStore> {
  // Prepared once: /report and /link-twitter ask on the way to their acks.
  private readonly accountQuery;
  private readonly deleteMemberLinks;
  private readonly deleteExpiredLinks;
  private readonly insertLink;

  constructor(private readonly db: Db) {
    this.accountQuery = db
      .select()
      .from(linkedAccounts)
      .where(eq(linkedAccounts.discordUserId, sql.placeholder('user')))
      .prepare();
    this.deleteMemberLinks = db
      .delete(pendingLinks)
      .where(eq(pendingLinks.discordUserId, sql.placeholder('user')))
      .prepare();
    this.deleteExpiredLinks = db
      .delete(pendingLinks)
      .where(lte(pendingLinks.expiresAt, sql.placeholder('now')))
      .prepare();
    this.insertLink = db
      .insert(pendingLinks)
      .values({
        tokenHash: sql.placeholder('tokenHash'),
        discordUserId: sql.placeholder('discordUserId'),
        discordUserName: sql.placeholder('discordUserName'),
        discordUsername: sql.placeholder('discordUsername'),
        guildId: sql.placeholder('guildId'),
        locale: sql.placeholder('locale'),
        interactionTokenSealed: sql.placeholder('interactionTokenSealed'),
        createdAt: sql.placeholder('createdAt'),
        interactionExpiresAt: sql.placeholder('interactionExpiresAt'),
        expiresAt: sql.placeholder('expiresAt'),
      })
      .prepare();
  }

  /** Stores a new link, superseding the member's older ones and purging expired ones. */
  createPending(link: NewPendingLink): void {
    this.db.transaction(() => {
      this.deleteMemberLinks.run({ user: link.discordUserId });
      this.deleteExpiredLinks.run({ now: link.createdAt });
      this.insertLink.run({ ...link });
    });
  }

  findOpenable(tokenHash: string, now: number): PendingLink | undefined {
    return this.db
      .select()
      .from(pendingLinks)
      .where(and(eq(pendingLinks.tokenHash, tokenHash), eq(pendingLinks.state, 'pending'), gt(pendingLinks.expiresAt, now)))
      .get();
  }

  /** Moves a link from pending to authorizing; false if someone else got there first or it expired. */
  claimForAuthorization(
    id: number,
    claim: { requestToken: string; requestSecretSealed: string; browserHash: string },
    now: number,
    expiresAt: number,
  ): boolean {
    const result = this.db
      .update(pendingLinks)
      .set({ state: 'authorizing', ...claim, expiresAt })
      .where(and(eq(pendingLinks.id, id), eq(pendingLinks.state, 'pending'), gt(pendingLinks.expiresAt, now)))
      .run();
    return result.changes === 1;
  }

  findAuthorizing(requestToken: string, now: number): PendingLink | undefined {
    return this.db
      .select()
      .from(pendingLinks)
      .where(and(eq(pendingLinks.requestToken, requestToken), eq(pendingLinks.state, 'authorizing'), gt(pendingLinks.expiresAt, now)))
      .get();
  }

  /**
   * Moves an authorizing link to 'exchanging' while its verifier is traded at
   * X; false if another callback got there first. A link found in that state
   * at start-up was cut off by a crash.
   */
  beginExchange(id: number, now: number): boolean {
    return (
      this.db
        .update(pendingLinks)
        .set({ state: 'exchanging' })
        .where(and(eq(pendingLinks.id, id), eq(pendingLinks.state, 'authorizing'), gt(pendingLinks.expiresAt, now)))
        .run().changes === 1
    );
  }

  /** X refused the exchange: the link is as it was, so the member can try again. */
  abortExchange(id: number): void {
    this.db
      .update(pendingLinks)
      .set({ state: 'authorizing' })
      .where(and(eq(pendingLinks.id, id), eq(pendingLinks.state, 'exchanging')))
      .run();
  }

  /**
   * Links whose token exchange a crash cut off; they are removed as they are
   * returned. At start-up this process is the only one with the file, so every
   * exchange left is one it was making when it died; later, only those whose
   * link expired over a minute ago (no exchange outlives its link for long).
   */
  takeInterruptedExchanges(now: number, atStart: boolean): PendingLink[] {
    const dead = atStart ? undefined : lte(pendingLinks.expiresAt, now - EXCHANGE_OUTLIVES_LINK_MS);
    return this.db
      .delete(pendingLinks)
      .where(and(eq(pendingLinks.state, 'exchanging'), dead))
      .returning()
      .all();
  }

  /**
   * Consumes the link and stores the account in one transaction; null if the
   * link was already consumed. One X account belongs to one member: another
   * member holding it loses it (the caller tells them). Replaced tokens are
   * queued for revocation in the same transaction, chosen from the rows it
   * read, so no completion racing this one can slip a token past the queue.
   * A displaced member's Linked Roles connection is forgotten in it too, its
   * metadata clear queued (forgotten-connection.ts).
   */
  complete(
    linkId: number,
    account: AccountRecord,
    now: number,
    /** Given the member's current account and the X account's current holder, read in the transaction: the tokens to revoke. */
    replaced: (own: LinkedAccount | undefined, holder: LinkedAccount | undefined) => RevocationRecord[] = () => [],
  ): Completion | null {
    return this.db.transaction((tx) => {
      const consumed = tx
        .delete(pendingLinks)
        .where(and(eq(pendingLinks.id, linkId), eq(pendingLinks.state, 'exchanging')))
        .run();
      if (consumed.changes !== 1) return null;
      const previous = tx.select().from(linkedAccounts).where(eq(linkedAccounts.discordUserId, account.discordUserId)).get();
      const holder = tx.select().from(linkedAccounts).where(eq(linkedAccounts.xUserId, account.xUserId)).get();
      const revocations = replaced(previous, holder);
      const displaced = tx
        .delete(linkedAccounts)
        .where(and(eq(linkedAccounts.xUserId, account.xUserId), ne(linkedAccounts.discordUserId, account.discordUserId)))
        .returning()
        .get();
      if (displaced) forgetConnection(tx, displaced.discordUserId, now);
      tx.insert(linkedAccounts)
        .values({ ...account, status: 'active', linkedAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: linkedAccounts.discordUserId,
          set: { ...account, status: 'active', linkedAt: now, updatedAt: now },
        })
        .run();
      if (revocations.length > 0) tx.insert(pendingRevocations).values(revocations).run();
      return { replaced: previous && previous.xUserId !== account.xUserId ? previous : undefined, displaced };
    });
  }

  /** Removes one pending link, returning it if it was still there. */
  discard(id: number): PendingLink | undefined {
    return this.db.delete(pendingLinks).where(eq(pendingLinks.id, id)).returning().get();
  }

  getAccount(discordUserId: string): LinkedAccount | undefined {
    return this.accountQuery.get({ user: discordUserId });
  }

  accountForXUser(xUserId: string): LinkedAccount | undefined {
    return this.db.select().from(linkedAccounts).where(eq(linkedAccounts.xUserId, xUserId)).get();
  }

  /** Stores credentials re-sealed with the current key, over the sealed token they came from (linking/stores.ts). */
  reseal(
    stale: Pick<LinkedAccount, 'discordUserId' | 'accessTokenSealed'>,
    sealed: { accessTokenSealed: string; accessSecretSealed: string; keyId: string },
    now: number,
  ): void {
    this.db
      .update(linkedAccounts)
      .set({ ...sealed, updatedAt: now })
      .where(and(eq(linkedAccounts.discordUserId, stale.discordUserId), eq(linkedAccounts.accessTokenSealed, stale.accessTokenSealed)))
      .run();
  }

  markBroken(discordUserId: string, now: number): void {
    this.db.update(linkedAccounts).set({ status: 'broken', updatedAt: now }).where(eq(linkedAccounts.discordUserId, discordUserId)).run();
  }

  /**
   * Deletes the member's pending links and their account, if it is still the
   * one the caller read (same X user, same link time), and queues its token
   * for revocation in the same transaction, so a crash cannot forget a token
   * without also remembering to revoke it. Their Linked Roles connection goes
   * in it too, its metadata clear queued the same way.
   */
  forgetMember(account: LinkOwner, revocation: RevocationRecord | null, now: number): LinkedAccount | undefined {
    return this.db.transaction((tx) => {
      tx.delete(pendingLinks).where(eq(pendingLinks.discordUserId, account.discordUserId)).run();
      const removed = tx.delete(linkedAccounts).where(isLink(account)).returning().get();
      if (removed && revocation) tx.insert(pendingRevocations).values(revocation).run();
      if (removed) forgetConnection(tx, account.discordUserId, now);
      return removed;
    });
  }

  /**
   * A member with no X account unlinks: their pending links and their Linked
   * Roles connection (its clear queued) go in one transaction; true if there
   * was a connection to forget.
   */
  forgetUnlinkedMember(discordUserId: string, now: number): boolean {
    return this.db.transaction((tx) => {
      tx.delete(pendingLinks).where(eq(pendingLinks.discordUserId, discordUserId)).run();
      return forgetConnection(tx, discordUserId, now);
    });
  }

  /** An access token X issued that no link keeps (the link was superseded meanwhile): queued for revocation. */
  queueRevocation(revocation: RevocationRecord): void {
    this.db.insert(pendingRevocations).values(revocation).run();
  }

  /**
   * A link refused in the browser that called back: its request token can no
   * longer be completed from any browser. False if it was no longer waiting.
   */
  burnAuthorizing(id: number): boolean {
    return (
      this.db
        .delete(pendingLinks)
        .where(and(eq(pendingLinks.id, id), eq(pendingLinks.state, 'authorizing')))
        .run().changes === 1
    );
  }
}
