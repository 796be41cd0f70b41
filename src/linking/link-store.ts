// Persistence for pending links and linked accounts. Every state change is a
// single conditional UPDATE/DELETE (or one transaction), so two requests racing
// for the same link cannot both win.

import { and, eq, gt, lte, ne } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { linkedAccounts, pendingLinks, type LinkedAccount, type PendingLink } from '../db/schema.js';

export interface NewPendingLink {
  tokenHash: string;
  discordUserId: string;
  discordUserName: string;
  guildId: string | null;
  interactionTokenSealed: string;
  createdAt: number;
  interactionExpiresAt: number;
  expiresAt: number;
}

export type AccountRecord = Omit<LinkedAccount, 'status' | 'linkedAt' | 'updatedAt'>;

export class LinkStore {
  constructor(private readonly db: Db) {}

  /** Stores a new link, superseding the member's older ones and purging expired ones. */
  createPending(link: NewPendingLink): void {
    this.db.transaction((tx) => {
      tx.delete(pendingLinks).where(eq(pendingLinks.discordUserId, link.discordUserId)).run();
      tx.delete(pendingLinks).where(lte(pendingLinks.expiresAt, link.createdAt)).run();
      tx.insert(pendingLinks).values(link).run();
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
  claimForAuthorization(id: number, requestToken: string, requestSecretSealed: string, now: number, expiresAt: number): boolean {
    const result = this.db
      .update(pendingLinks)
      .set({ state: 'authorizing', requestToken, requestSecretSealed, expiresAt })
      .where(and(eq(pendingLinks.id, id), eq(pendingLinks.state, 'pending'), gt(pendingLinks.expiresAt, now)))
      .run();
    return result.changes === 1;
  }

  findAuthorizing(requestToken: string, now: number): PendingLink | undefined {
    return this.db
      .select()
      .from(pendingLinks)
      .where(
        and(
          eq(pendingLinks.requestToken, requestToken),
          eq(pendingLinks.state, 'authorizing'),
          gt(pendingLinks.expiresAt, now),
        ),
      )
      .get();
  }

  /** Consumes the link and stores the account in one transaction; false if the link was already consumed. */
  complete(linkId: number, account: AccountRecord, now: number): boolean {
    return this.db.transaction((tx) => {
      const consumed = tx
        .delete(pendingLinks)
        .where(and(eq(pendingLinks.id, linkId), eq(pendingLinks.state, 'authorizing')))
        .run();
      if (consumed.changes !== 1) return false;
      tx.insert(linkedAccounts)
        .values({ ...account, status: 'active', linkedAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: linkedAccounts.discordUserId,
          set: { ...account, status: 'active', linkedAt: now, updatedAt: now },
        })
        .run();
      return true;
    });
  }

  /** Removes the authorizing link for a request token, returning it if there was one. */
  discardByRequestToken(requestToken: string): PendingLink | undefined {
    return this.db
      .delete(pendingLinks)
      .where(and(eq(pendingLinks.requestToken, requestToken), ne(pendingLinks.state, 'pending')))
      .returning()
      .get();
  }

  getAccount(discordUserId: string): LinkedAccount | undefined {
    return this.db.select().from(linkedAccounts).where(eq(linkedAccounts.discordUserId, discordUserId)).get();
  }

  /** Stores credentials re-sealed with the current key (key rotation). */
  reseal(discordUserId: string, sealed: { accessTokenSealed: string; accessSecretSealed: string; keyId: string }, now: number): void {
    this.db
      .update(linkedAccounts)
      .set({ ...sealed, updatedAt: now })
      .where(eq(linkedAccounts.discordUserId, discordUserId))
      .run();
  }

  markBroken(discordUserId: string, now: number): void {
    this.db
      .update(linkedAccounts)
      .set({ status: 'broken', updatedAt: now })
      .where(eq(linkedAccounts.discordUserId, discordUserId))
      .run();
  }

  /** Deletes everything stored about a member; returns the account that was removed, if any. */
  forgetMember(discordUserId: string): LinkedAccount | undefined {
    return this.db.transaction((tx) => {
      tx.delete(pendingLinks).where(eq(pendingLinks.discordUserId, discordUserId)).run();
      return tx.delete(linkedAccounts).where(eq(linkedAccounts.discordUserId, discordUserId)).returning().get();
    });
  }
}
