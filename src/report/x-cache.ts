// What the bot keeps of what it read from X, so repeat reports read only
// what is new: posts, how much of each timeline is stored, and profiles.

import type { Statement } from 'better-sqlite3';
import { and, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { isLink, type LinkOwner } from '../db/link-owner.js';
import { type FetchState, linkedAccounts, xFetchState, xPosts, xProfiles } from '../db/schema.js';
import type { XPost, XUserProfile } from '../twitter/v2-types.js';

export type Source = 'timeline' | 'mentions';

export type { FetchState };

/** The member unlinked (or relinked) while a report was running: what it read is not kept. */
export class LinkGoneError extends Error {
  constructor() {
    super('the link this report was made for is gone');
    this.name = 'LinkGoneError';
  }
}

export class XCache {
  private upsertPost?: Statement;

  constructor(
    private readonly db: Db,
    /** Set for a report's view of the store (see forLink). */
    private readonly owner?: LinkOwner,
  ) {}

  /**
   * The same store for one report: each write first checks, in its own
   * transaction, that the link the report was admitted under still stands,
   * so an unlink racing a report cannot be undone by the report's writes.
   */
  forLink(owner: LinkOwner): XCache {
    return new XCache(this.db, owner);
  }

  /** Whether the link a report was admitted under still stands. */
  linkStands(owner: LinkOwner): boolean {
    return this.db.select({ id: linkedAccounts.discordUserId }).from(linkedAccounts).where(isLink(owner)).get() !== undefined;
  }

  private write<T>(change: () => T): T {
    const owner = this.owner;
    if (!owner) return change();
    return this.db.$client.transaction(() => {
      if (!this.linkStands(owner)) throw new LinkGoneError();
      return change();
    })();
  }

  state(xUserId: string, source: Source): FetchState | undefined {
    return this.db
      .select()
      .from(xFetchState)
      .where(and(eq(xFetchState.xUserId, xUserId), eq(xFetchState.source, source)))
      .get();
  }

  /** The newest stored post id; ids are ordered by length, then text, as big numbers are. */
  newestId(xUserId: string, source: Source): string | undefined {
    return this.db
      .select({ id: xPosts.id })
      .from(xPosts)
      .where(and(eq(xPosts.xUserId, xUserId), eq(xPosts.source, source)))
      .orderBy(desc(sql`length(${xPosts.id})`), desc(xPosts.id))
      .limit(1)
      .get()?.id;
  }

  posts(xUserId: string, source: Source, from: number, to: number): XPost[] {
    return this.db
      .select({ json: xPosts.json })
      .from(xPosts)
      .where(and(eq(xPosts.xUserId, xUserId), eq(xPosts.source, source), gte(xPosts.createdAt, from), lte(xPosts.createdAt, to)))
      .all()
      .map((row) => JSON.parse(row.json) as XPost);
  }

  /** Forgets posts stored from `from` on and marks the state stale, before a full read refills them. */
  beginFullRead(xUserId: string, source: Source, from: number): void {
    this.write(() =>
      this.db.transaction((tx) => {
        tx.delete(xPosts)
          .where(and(eq(xPosts.xUserId, xUserId), eq(xPosts.source, source), gte(xPosts.createdAt, from)))
          .run();
        tx.update(xFetchState)
          .set({ fullReadAt: 0 })
          .where(and(eq(xFetchState.xUserId, xUserId), eq(xFetchState.source, source)))
          .run();
      }),
    );
  }

  /**
   * Inserts or refreshes posts. A prepared statement rather than a query
   * builder: this runs once per page while the next page is on its way, and
   * must stay well inside X's latency.
   */
  savePosts(xUserId: string, source: Source, posts: XPost[], fetchedAt: number): void {
    if (posts.length === 0) return;
    const client = this.db.$client;
    this.upsertPost ??= client.prepare(
      'insert into x_posts (x_user_id, source, id, created_at, json, fetched_at) values (?, ?, ?, ?, ?, ?) ' +
        'on conflict (x_user_id, source, id) do update set json = excluded.json, fetched_at = excluded.fetched_at',
    );
    const upsert = this.upsertPost;
    this.write(() =>
      client.transaction(() => {
        for (const post of posts) upsert.run(xUserId, source, post.id, Date.parse(post.created_at), JSON.stringify(post), fetchedAt);
      })(),
    );
  }

  saveState(xUserId: string, source: Source, state: Omit<FetchState, 'xUserId' | 'source'>): void {
    this.write(() =>
      this.db
        .insert(xFetchState)
        .values({ xUserId, source, ...state })
        .onConflictDoUpdate({ target: [xFetchState.xUserId, xFetchState.source], set: state })
        .run(),
    );
  }

  profile(xUserId: string): { profile: XUserProfile; fetchedAt: number } | undefined {
    const row = this.db.select().from(xProfiles).where(eq(xProfiles.xUserId, xUserId)).get();
    return row && { profile: JSON.parse(row.json) as XUserProfile, fetchedAt: row.fetchedAt };
  }

  saveProfile(profile: XUserProfile, fetchedAt: number): void {
    const json = JSON.stringify(profile);
    this.write(() =>
      this.db
        .insert(xProfiles)
        .values({ xUserId: profile.id, json, fetchedAt })
        .onConflictDoUpdate({ target: xProfiles.xUserId, set: { json, fetchedAt } })
        .run(),
    );
  }

  /**
   * Deletes posts older than `keepMs` before `now` across every account, and
   * moves each fetch state's coverage up to match, so what is stored stays
   * exactly what the state claims. Returns how many posts went.
   */
  prune(now: number, keepMs: number): number {
    const cutoff = now - keepMs;
    return this.db.transaction((tx) => {
      const removed = tx.delete(xPosts).where(lt(xPosts.createdAt, cutoff)).run().changes;
      tx.update(xFetchState).set({ coveredFrom: cutoff }).where(lt(xFetchState.coveredFrom, cutoff)).run();
      return removed;
    });
  }

  /** Deletes the posts, fetch state and profile stored for an X account. */
  forgetXAccount(xUserId: string): void {
    this.db.transaction((tx) => {
      tx.delete(xPosts).where(eq(xPosts.xUserId, xUserId)).run();
      tx.delete(xFetchState).where(eq(xFetchState.xUserId, xUserId)).run();
      tx.delete(xProfiles).where(eq(xProfiles.xUserId, xUserId)).run();
    });
  }
}
