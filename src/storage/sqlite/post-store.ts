// What the bot keeps of what it read from X, so repeat reports read only
// what is new: posts, how much of each timeline is stored, and profiles.

import type { Statement } from 'better-sqlite3';
import { and, count, desc, eq, lt, sql } from 'drizzle-orm';
import { asAsync, type Sync } from '../../db/async-store.js';
import type { Db } from '../../db/database.js';
import { linkedAccounts, xCoverage, xFetchState, xFollowerSnapshots, xPosts, xProfiles } from '../../db/schema.js';
import type { LinkOwner } from '../../linking/stores.js';
import { addSpan, type Span } from '../../report/coverage.js';
import { utcDate } from '../../report/local-time.js';
import { fromRow, POST_COLUMNS, type PostRow, PRIVATE_COLUMNS, REFRESHED_COLUMNS, toRow } from '../../report/post-row.js';
import { type StoredPost, toStoredPost } from '../../report/stored-post.js';
import { LinkGoneError, type PostStore, type PostWindow, type SavedPage, type Source, savedPage } from '../../report/stores.js';
import type { XPost, XUserProfile } from '../../twitter/v2-types.js';
import { postsIn, postsNotServed } from '../queries/post-span.js';
import { isLink } from './link-owner.js';

/** The store of what was read from X, as reports use it: each call answered at once, seen through a promise. */
export function asyncPosts(cache: SqlitePostStore): PostStore {
  return { ...asAsync(cache), forLink: (owner) => asyncPosts(cache.forLink(owner)) };
}

/**
 * Statements every page of every report runs, prepared once per database and
 * shared by each report's view of the store (see forLink): building and
 * preparing them again for each page was a sixth of a burst's main-thread time.
 */
function coverageStatements(db: Db) {
  const placeholders = { xUserId: sql.placeholder('xUserId'), source: sql.placeholder('source') };
  const ofTimeline = and(eq(xCoverage.xUserId, placeholders.xUserId), eq(xCoverage.source, placeholders.source));
  return {
    spans: db
      .select({ from: xCoverage.coveredFrom, to: xCoverage.coveredTo, cutReason: xCoverage.cutReason })
      .from(xCoverage)
      .where(ofTimeline)
      .orderBy(xCoverage.coveredFrom)
      .prepare(),
    forget: db.delete(xCoverage).where(ofTimeline).prepare(),
    add: db
      .insert(xCoverage)
      .values({
        ...placeholders,
        coveredFrom: sql.placeholder('from'),
        coveredTo: sql.placeholder('to'),
        cutReason: sql.placeholder('cutReason'),
      })
      .prepare(),
  };
}

interface Prepared {
  coverage?: ReturnType<typeof coverageStatements>;
  upsertPost?: Statement;
  postsQuery?: Statement;
  lastFetched?: Statement;
  linkQuery?: { get(owner: LinkOwner): unknown };
}

export class SqlitePostStore implements Omit<Sync<PostStore>, 'forLink'> {
  constructor(
    private readonly db: Db,
    /** Set for a report's view of the store (see forLink). */
    private readonly owner?: LinkOwner,
    /** Shared with every view of the store made from this one. */
    private readonly prepared: Prepared = {},
  ) {}

  private get coverageSql(): ReturnType<typeof coverageStatements> {
    this.prepared.coverage ??= coverageStatements(this.db);
    return this.prepared.coverage;
  }

  /**
   * The same store for one report: each write first checks, in its own
   * transaction, that the link the report was admitted under still stands,
   * so an unlink racing a report cannot be undone by the report's writes.
   */
  forLink(owner: LinkOwner): SqlitePostStore {
    return new SqlitePostStore(this.db, owner, this.prepared);
  }

  /** Whether the link a report was admitted under still stands. Prepared once: every write of every page asks. */
  linkStands(owner: LinkOwner): boolean {
    this.prepared.linkQuery ??= this.db
      .select({ found: sql`1` })
      .from(linkedAccounts)
      .where(
        isLink({
          discordUserId: sql.placeholder('discordUserId'),
          xUserId: sql.placeholder('xUserId'),
          linkedAt: sql.placeholder('linkedAt'),
        }),
      )
      .prepare();
    return this.prepared.linkQuery.get(owner) !== undefined;
  }

  private write<T>(change: () => T): T {
    const owner = this.owner;
    if (!owner) return change();
    return this.db.$client.transaction(() => {
      if (!this.linkStands(owner)) throw new LinkGoneError();
      return change();
    })();
  }

  /** The spans of this timeline stored in full, oldest first. */
  coverage(xUserId: string, source: Source): Span[] {
    return this.coverageSql.spans.all({ xUserId, source });
  }

  /**
   * Records a span just read, merged with those stored, in one transaction:
   * the stored spans are read afresh, so a change made meanwhile (retention
   * trimming old spans) is kept rather than overwritten. Returns the spans now
   * stored, oldest first.
   */
  addCoverage(xUserId: string, source: Source, span: Span): Span[] {
    return this.write(() => this.db.$client.transaction(() => this.mergeCoverage(xUserId, source, span))());
  }

  /** Within a transaction: `span` merged with the stored spans. */
  private mergeCoverage(xUserId: string, source: Source, span: Span): Span[] {
    const spans = addSpan(this.coverage(xUserId, source), span);
    const { forget, add } = this.coverageSql;
    forget.run({ xUserId, source });
    for (const s of spans) add.run({ xUserId, source, from: s.from, to: s.to, cutReason: s.cutReason });
    return spans;
  }

  /** When the posts younger than the refresh horizon were last read again (0: never). */
  refreshedAt(xUserId: string, source: Source): number {
    return (
      this.db
        .select({ at: xFetchState.refreshedAt })
        .from(xFetchState)
        .where(and(eq(xFetchState.xUserId, xUserId), eq(xFetchState.source, source)))
        .get()?.at ?? 0
    );
  }

  markRefreshed(xUserId: string, source: Source, at: number): void {
    this.write(() =>
      this.db
        .insert(xFetchState)
        .values({ xUserId, source, refreshedAt: at })
        .onConflictDoUpdate({ target: [xFetchState.xUserId, xFetchState.source], set: { refreshedAt: at } })
        .run(),
    );
  }

  /**
   * The newest stored post id created from `from` to `to`: where a since_id
   * read continues. Ordered by time first (the time index serves it), then by
   * id as big numbers order: by length, then text.
   */
  newestId(xUserId: string, source: Source, from: number, to: number): string | undefined {
    return this.db
      .select({ id: xPosts.id })
      .from(xPosts)
      .where(postsIn(xPosts, xUserId, source, from, to))
      .orderBy(desc(xPosts.createdAt), desc(sql`length(${xPosts.id})`), desc(xPosts.id))
      .limit(1)
      .get()?.id;
  }

  /** The stored posts in a window. */
  postsIn(window: PostWindow): StoredPost[] {
    return this.posts(window.xUserId, window.source, window.from, window.to);
  }

  posts(xUserId: string, source: Source, from: number, to: number): StoredPost[] {
    // Prepared once and read as arrays: this loads every post of every report.
    this.prepared.postsQuery ??= this.db.$client
      .prepare(`select ${POST_COLUMNS.join(', ')} from x_posts where x_user_id = ? and source = ? and created_at >= ? and created_at <= ?`)
      .raw();
    return (this.prepared.postsQuery.all(xUserId, source, from, to) as PostRow[]).map(fromRow);
  }

  /** How many posts are stored from `from` on. */
  countFrom(xUserId: string, source: Source, from: number): number {
    return (
      this.db
        .select({ n: count() })
        .from(xPosts)
        .where(postsIn(xPosts, xUserId, source, from))
        .get()?.n ?? 0
    );
  }

  /** Deletes stored posts from `from` to `to` that X no longer served when that stretch was read again: deleted at X. */
  forgetMissing(xUserId: string, source: Source, from: number, to: number, served: readonly string[]): void {
    this.write(() =>
      this.db
        .delete(xPosts)
        .where(postsNotServed(xPosts, xUserId, source, from, to, served))
        .run(),
    );
  }

  /**
   * Inserts or refreshes posts, and says how many of them were already read
   * earlier the same UTC day (X bills a post once a day, so those cost nothing)
   * and how many this same read had stored already (a takeover's overlap).
   * Prepared statements rather than the query builder: this runs once per page
   * while the next page is on its way, and must stay well inside X's latency.
   */
  /**
   * `covered`, when given, is recorded in the same transaction: what a page
   * proves stored is never recorded without the page, nor the page without it.
   */
  savePosts(
    xUserId: string,
    source: Source,
    posts: XPost[],
    fetchedAt: number,
    covered?: Span,
    countedBefore?: ReadonlySet<string>,
  ): SavedPage {
    if (posts.length === 0) return { paidToday: 0, sameRead: 0 };
    const client = this.db.$client;
    this.prepared.upsertPost ??= client.prepare(
      `insert into x_posts (${POST_COLUMNS.join(', ')}, x_user_id, source, fetched_at) values (${POST_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?) ` +
        `on conflict (x_user_id, source, id) do update set fetched_at = excluded.fetched_at, ${REFRESHED_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, ` +
        // A read that could not ask for private metrics (the post is past X's 30 days for them) keeps those of the last read that did.
        `has_private = max(has_private, excluded.has_private), ${PRIVATE_COLUMNS.map((c) => `${c} = case when excluded.has_private then excluded.${c} else ${c} end`).join(', ')}`,
    );
    // One lookup per page (not per post) of when each post was last read.
    this.prepared.lastFetched ??= client.prepare(
      'select id, fetched_at as at from x_posts where x_user_id = ? and source = ? and id in (select value from json_each(?))',
    );
    const upsert = this.prepared.upsertPost;
    const lastFetched = this.prepared.lastFetched;
    const rows = posts.map((post) => {
      const row: unknown[] = toRow(toStoredPost(post));
      row.push(xUserId, source, fetchedAt); // not a spread: a second array per post, in every page of every report
      return row;
    });
    return this.write(() =>
      client.transaction(() => {
        const seen = lastFetched.all(xUserId, source, JSON.stringify(posts.map((p) => p.id))) as Array<{ id: string; at: number }>;
        for (const row of rows) upsert.run(row);
        const spans = covered && this.mergeCoverage(xUserId, source, covered);
        return { ...savedPage(seen, fetchedAt, countedBefore), ...(spans ? { spans } : {}) };
      })(),
    );
  }

  /**
   * The oldest stored post id created from `from` to `to`: where a read of the
   * stretch below continues (until_id), so a stretch cut off part way on is
   * read on from its last stored page, posts of that page's last second included.
   */
  oldestId(xUserId: string, source: Source, from: number, to: number): string | undefined {
    return this.db
      .select({ id: xPosts.id })
      .from(xPosts)
      .where(postsIn(xPosts, xUserId, source, from, to))
      .orderBy(xPosts.createdAt, sql`length(${xPosts.id})`, xPosts.id)
      .limit(1)
      .get()?.id;
  }

  profile(xUserId: string): { profile: XUserProfile; fetchedAt: number } | undefined {
    const row = this.db.select().from(xProfiles).where(eq(xProfiles.xUserId, xUserId)).get();
    return row && { profile: JSON.parse(row.json) as XUserProfile, fetchedAt: row.fetchedAt };
  }

  /** Stores the profile, and the day's follower count beside it (X keeps no history of it). */
  saveProfile(profile: XUserProfile, fetchedAt: number): void {
    const json = JSON.stringify(profile);
    const followers = profile.public_metrics?.followers_count;
    const day = utcDate(fetchedAt);
    this.write(() =>
      this.db.transaction((tx) => {
        tx.insert(xProfiles)
          .values({ xUserId: profile.id, json, fetchedAt })
          .onConflictDoUpdate({ target: xProfiles.xUserId, set: { json, fetchedAt } })
          .run();
        if (followers === undefined) return;
        tx.insert(xFollowerSnapshots)
          .values({ xUserId: profile.id, day, followers })
          .onConflictDoUpdate({ target: [xFollowerSnapshots.xUserId, xFollowerSnapshots.day], set: { followers } })
          .run();
      }),
    );
  }

  /** Followers per UTC day, oldest first. */
  followerSnapshots(xUserId: string): Array<{ day: string; followers: number }> {
    return this.db
      .select({ day: xFollowerSnapshots.day, followers: xFollowerSnapshots.followers })
      .from(xFollowerSnapshots)
      .where(eq(xFollowerSnapshots.xUserId, xUserId))
      .orderBy(xFollowerSnapshots.day)
      .all();
  }

  /**
   * Deletes posts older than `keepMs` before `now` across every account, and
   * moves the spans up to match, so what is stored stays exactly what the
   * spans claim. Returns how many posts went. Timeline by timeline, through
   * the time index: no index on age alone, which every stored post would pay for.
   */
  prune(now: number, keepMs: number): number {
    const cutoff = now - keepMs;
    return this.db.transaction((tx) => {
      let removed = 0;
      for (const t of this.storedTimelines()) {
        removed += tx
          .delete(xPosts)
          .where(and(eq(xPosts.xUserId, t.xUserId), eq(xPosts.source, t.source), lt(xPosts.createdAt, cutoff)))
          .run().changes;
      }
      tx.delete(xCoverage).where(lt(xCoverage.coveredTo, cutoff)).run();
      tx.delete(xFollowerSnapshots)
        .where(lt(xFollowerSnapshots.day, utcDate(cutoff)))
        .run();
      // Spans are disjoint, so at most one per timeline straddles the cutoff: no two land on the same key.
      tx.update(xCoverage).set({ coveredFrom: cutoff }).where(lt(xCoverage.coveredFrom, cutoff)).run();
      return removed;
    });
  }

  /** Every timeline with posts stored, by a skip scan of the primary key: one index seek each, however many posts. */
  private storedTimelines(): Array<{ xUserId: string; source: Source }> {
    const next = this.db.$client.prepare(
      'select x_user_id as xUserId, source from x_posts where (x_user_id, source) > (?, ?) order by x_user_id, source limit 1',
    );
    const found: Array<{ xUserId: string; source: Source }> = [];
    let last: { xUserId: string; source: string } = { xUserId: '', source: '' };
    for (;;) {
      const row = next.get(last.xUserId, last.source) as { xUserId: string; source: Source } | undefined;
      if (!row) return found;
      found.push(row);
      last = row;
    }
  }

  /**
   * Deletes what is stored for X accounts no member links any more: unlinking
   * deletes it at once, but a crash between the unlink and that deletion
   * would leave it. Returns how many accounts' data went.
   */
  forgetUnlinked(): number {
    const client = this.db.$client;
    return client.transaction(() => {
      const unlinked = 'x_user_id not in (select x_user_id from linked_accounts)';
      const linked = client.prepare('select 1 from linked_accounts where x_user_id = ?');
      const ids = new Set([
        ...this.storedTimelines()
          .map((t) => t.xUserId)
          .filter((id) => linked.get(id) === undefined),
        ...(client
          .prepare(
            `select x_user_id from x_coverage where ${unlinked} union select x_user_id from x_fetch_state where ${unlinked} ` +
              `union select x_user_id from x_profiles where ${unlinked} union select x_user_id from x_follower_snapshots where ${unlinked}`,
          )
          .pluck()
          .all() as string[]),
      ]);
      for (const id of ids) this.forgetXAccount(id);
      return ids.size;
    })();
  }

  /** Deletes the posts, coverage, fetch state, profile and follower counts stored for an X account. */
  forgetXAccount(xUserId: string): void {
    this.db.transaction((tx) => {
      tx.delete(xPosts).where(eq(xPosts.xUserId, xUserId)).run();
      tx.delete(xFetchState).where(eq(xFetchState.xUserId, xUserId)).run();
      tx.delete(xCoverage).where(eq(xCoverage.xUserId, xUserId)).run();
      tx.delete(xProfiles).where(eq(xProfiles.xUserId, xUserId)).run();
      tx.delete(xFollowerSnapshots).where(eq(xFollowerSnapshots.xUserId, xUserId)).run();
    });
  }
}
