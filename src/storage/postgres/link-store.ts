// Pending links and linked accounts on PostgreSQL: as linking/link-store.ts,
// each state change one conditional statement or one transaction, so two
// requests racing for a link, on one replica or two, cannot both win.

import { and, eq, gt, lte, ne, sql } from 'drizzle-orm';
import type { PgDb } from '../../db/postgres.js';
import { type LinkedAccount, linkedAccounts, type PendingLink, pendingLinks, pendingRevocations } from '../../db/schema-pg.js';
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

const isLink = (owner: LinkOwner) =>
  and(
    eq(linkedAccounts.discordUserId, owner.discordUserId),
    eq(linkedAccounts.xUserId, owner.xUserId),
    eq(linkedAccounts.linkedAt, owner.linkedAt),
  );

export class PgLinkStore implements LinkStore {
  constructor(private readonly db: PgDb) {}

  async createPending(link: NewPendingLink): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(pendingLinks).where(eq(pendingLinks.discordUserId, link.discordUserId));
      await tx.delete(pendingLinks).where(lte(pendingLinks.expiresAt, link.createdAt));
      await tx.insert(pendingLinks).values(link);
    });
  }

  async findOpenable(tokenHash: string, now: number): Promise<PendingLink | undefined> {
    const [row] = await this.db
      .select()
      .from(pendingLinks)
      .where(and(eq(pendingLinks.tokenHash, tokenHash), eq(pendingLinks.state, 'pending'), gt(pendingLinks.expiresAt, now)));
    return row;
  }

  async claimForAuthorization(
    id: number,
    claim: { requestToken: string; requestSecretSealed: string; browserHash: string },
    now: number,
    expiresAt: number,
  ): Promise<boolean> {
    const claimed = await this.db
      .update(pendingLinks)
      .set({ state: 'authorizing', ...claim, expiresAt })
      .where(and(eq(pendingLinks.id, id), eq(pendingLinks.state, 'pending'), gt(pendingLinks.expiresAt, now)))
      .returning({ id: pendingLinks.id });
    return claimed.length === 1;
  }

  async findAuthorizing(requestToken: string, now: number): Promise<PendingLink | undefined> {
    const [row] = await this.db
      .select()
      .from(pendingLinks)
      .where(and(eq(pendingLinks.requestToken, requestToken), eq(pendingLinks.state, 'authorizing'), gt(pendingLinks.expiresAt, now)));
    return row;
  }

  async beginExchange(id: number, now: number): Promise<boolean> {
    const begun = await this.db
      .update(pendingLinks)
      .set({ state: 'exchanging' })
      .where(and(eq(pendingLinks.id, id), eq(pendingLinks.state, 'authorizing'), gt(pendingLinks.expiresAt, now)))
      .returning({ id: pendingLinks.id });
    return begun.length === 1;
  }

  async abortExchange(id: number): Promise<void> {
    await this.db
      .update(pendingLinks)
      .set({ state: 'authorizing' })
      .where(and(eq(pendingLinks.id, id), eq(pendingLinks.state, 'exchanging')));
  }

  /** Other replicas may be making an exchange at any moment: only those past their link's expiry are dead, even at start-up. */
  async takeInterruptedExchanges(now: number, _atStart: boolean): Promise<PendingLink[]> {
    return this.db
      .delete(pendingLinks)
      .where(and(eq(pendingLinks.state, 'exchanging'), lte(pendingLinks.expiresAt, now - EXCHANGE_OUTLIVES_LINK_MS)))
      .returning();
  }

  async complete(
    linkId: number,
    account: AccountRecord,
    now: number,
    replaced: (own: LinkedAccount | undefined, holder: LinkedAccount | undefined) => RevocationRecord[] = () => [],
  ): Promise<Completion | null> {
    return this.db.transaction(async (tx) => {
      const consumed = await tx
        .delete(pendingLinks)
        .where(and(eq(pendingLinks.id, linkId), eq(pendingLinks.state, 'exchanging')))
        .returning({ id: pendingLinks.id });
      if (consumed.length !== 1) return null;
      // Until this transaction ends, no other completion for this X account or this member runs (on any replica):
      // the second waits, then finds the rows the first wrote, and queues their token for revocation.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`link-x:${account.xUserId}`}))`);
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`link-member:${account.discordUserId}`}))`);
      const [previous] = await tx.select().from(linkedAccounts).where(eq(linkedAccounts.discordUserId, account.discordUserId));
      const [holder] = await tx.select().from(linkedAccounts).where(eq(linkedAccounts.xUserId, account.xUserId));
      const revocations = replaced(previous, holder);
      const [displaced] = await tx
        .delete(linkedAccounts)
        .where(and(eq(linkedAccounts.xUserId, account.xUserId), ne(linkedAccounts.discordUserId, account.discordUserId)))
        .returning();
      if (displaced) await forgetConnection(tx, displaced.discordUserId, now);
      const values = { ...account, status: 'active' as const, linkedAt: now, updatedAt: now };
      await tx.insert(linkedAccounts).values(values).onConflictDoUpdate({ target: linkedAccounts.discordUserId, set: values });
      if (revocations.length > 0) await tx.insert(pendingRevocations).values(revocations);
      return { replaced: previous && previous.xUserId !== account.xUserId ? previous : undefined, displaced };
    });
  }

  async discard(id: number): Promise<PendingLink | undefined> {
    const [row] = await this.db.delete(pendingLinks).where(eq(pendingLinks.id, id)).returning();
    return row;
  }

  async getAccount(discordUserId: string): Promise<LinkedAccount | undefined> {
    const [row] = await this.db.select().from(linkedAccounts).where(eq(linkedAccounts.discordUserId, discordUserId));
    return row;
  }

  async accountForXUser(xUserId: string): Promise<LinkedAccount | undefined> {
    const [row] = await this.db.select().from(linkedAccounts).where(eq(linkedAccounts.xUserId, xUserId));
    return row;
  }

  async reseal(
    stale: Pick<LinkedAccount, 'discordUserId' | 'accessTokenSealed'>,
    sealed: { accessTokenSealed: string; accessSecretSealed: string; keyId: string },
    now: number,
  ): Promise<void> {
    await this.db
      .update(linkedAccounts)
      .set({ ...sealed, updatedAt: now })
      .where(and(eq(linkedAccounts.discordUserId, stale.discordUserId), eq(linkedAccounts.accessTokenSealed, stale.accessTokenSealed)));
  }

  async markBroken(discordUserId: string, now: number): Promise<void> {
    await this.db.update(linkedAccounts).set({ status: 'broken', updatedAt: now }).where(eq(linkedAccounts.discordUserId, discordUserId));
  }

  async forgetMember(account: LinkOwner, revocation: RevocationRecord | null, now: number): Promise<LinkedAccount | undefined> {
    return this.db.transaction(async (tx) => {
      await tx.delete(pendingLinks).where(eq(pendingLinks.discordUserId, account.discordUserId));
      const [removed] = await tx.delete(linkedAccounts).where(isLink(account)).returning();
      if (removed && revocation) await tx.insert(pendingRevocations).values(revocation);
      if (removed) await forgetConnection(tx, account.discordUserId, now);
      return removed;
    });
  }

  async forgetUnlinkedMember(discordUserId: string, now: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.delete(pendingLinks).where(eq(pendingLinks.discordUserId, discordUserId));
      return forgetConnection(tx, discordUserId, now);
    });
  }

  async queueRevocation(revocation: RevocationRecord): Promise<void> {
    await this.db.insert(pendingRevocations).values(revocation);
  }

  async burnAuthorizing(id: number): Promise<boolean> {
    const burnt = await this.db
      .delete(pendingLinks)
      .where(and(eq(pendingLinks.id, id), eq(pendingLinks.state, 'authorizing')))
      .returning({ id: pendingLinks.id });
    return burnt.length === 1;
  }
}
