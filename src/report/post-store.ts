// SQLite storage for posts read from X, how much of each timeline is stored,
// cached profiles, and the record of every report run.

import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database.js';
import { reportRuns, xFetchState, xPosts, xProfiles } from '../db/schema.js';
import type { XPost, XUserProfile } from '../twitter/v2-types.js';

export type Source = 'timeline' | 'mentions';

export type FetchState = typeof xFetchState.$inferSelect;
export type ReportRun = typeof reportRuns.$inferInsert;

export class PostStore {
  private upsertPost?: Statement;

  constructor(private readonly db: Db) {}

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
    this.db.transaction((tx) => {
      tx.delete(xPosts)
        .where(and(eq(xPosts.xUserId, xUserId), eq(xPosts.source, source), gte(xPosts.createdAt, from)))
        .run();
      tx.update(xFetchState)
        .set({ fullReadAt: 0 })
        .where(and(eq(xFetchState.xUserId, xUserId), eq(xFetchState.source, source)))
        .run();
    });
  }

  /**
   * Inserts or refreshes posts. A prepared statement rather than a query
   * builder: this runs once per page while the next page is on its way, and
   * must stay well inside X's latency.
   */
  savePosts(xUserId: string, source: Source, posts: XPost[], fetchedAt: number): void {
    if (posts.length === 0) return;
    const client = this.db.$client;
    const upsert = (this.upsertPost ??= client.prepare(
      'insert into x_posts (x_user_id, source, id, created_at, json, fetched_at) values (?, ?, ?, ?, ?, ?) ' +
        'on conflict (x_user_id, source, id) do update set json = excluded.json, fetched_at = excluded.fetched_at',
    ));
    client.transaction(() => {
      for (const post of posts) upsert.run(xUserId, source, post.id, Date.parse(post.created_at), JSON.stringify(post), fetchedAt);
    })();
  }

  saveState(xUserId: string, source: Source, state: Omit<FetchState, 'xUserId' | 'source'>): void {
    this.db
      .insert(xFetchState)
      .values({ xUserId, source, ...state })
      .onConflictDoUpdate({ target: [xFetchState.xUserId, xFetchState.source], set: state })
      .run();
  }

  profile(xUserId: string): { profile: XUserProfile; fetchedAt: number } | undefined {
    const row = this.db.select().from(xProfiles).where(eq(xProfiles.xUserId, xUserId)).get();
    return row && { profile: JSON.parse(row.json) as XUserProfile, fetchedAt: row.fetchedAt };
  }

  saveProfile(profile: XUserProfile, fetchedAt: number): void {
    const json = JSON.stringify(profile);
    this.db
      .insert(xProfiles)
      .values({ xUserId: profile.id, json, fetchedAt })
      .onConflictDoUpdate({ target: xProfiles.xUserId, set: { json, fetchedAt } })
      .run();
  }

  recordRun(run: ReportRun): void {
    this.db.insert(reportRuns).values(run).run();
  }

  lastRunStartedAt(discordUserId: string): number | undefined {
    return this.db
      .select({ startedAt: reportRuns.startedAt })
      .from(reportRuns)
      .where(eq(reportRuns.discordUserId, discordUserId))
      .orderBy(desc(reportRuns.startedAt))
      .limit(1)
      .get()?.startedAt;
  }

  /** Requests and posts read for reports since `from`, in one server or (no guildId) the whole app. */
  postsReadSince(from: number, guildId?: string): { requests: number; postsRead: number } {
    const filters = [gte(reportRuns.startedAt, from)];
    if (guildId !== undefined) filters.push(eq(reportRuns.guildId, guildId));
    const row = this.db
      .select({
        requests: sql<number>`coalesce(sum(${reportRuns.upstreamRequests}), 0)`,
        postsRead: sql<number>`coalesce(sum(${reportRuns.postsRead}), 0)`,
      })
      .from(reportRuns)
      .where(and(...filters))
      .get();
    return { requests: Number(row?.requests ?? 0), postsRead: Number(row?.postsRead ?? 0) };
  }

  /** Deletes what is stored about an X account and anonymises its member's report records. */
  forget(xUserId: string, discordUserId: string): void {
    this.db.transaction((tx) => {
      this.forgetXAccount(xUserId);
      tx.update(reportRuns).set({ discordUserId: null }).where(eq(reportRuns.discordUserId, discordUserId)).run();
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

