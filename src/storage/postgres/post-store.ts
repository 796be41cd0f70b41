// What reports read from X, on PostgreSQL (see report/stores.ts, PostStore, for what
// each method keeps and why). Posts are written a page at a time in one
// statement, and a report's writes each check, in their transaction, that
// its link still stands, holding that row so an unlink waits for them.

import { and, count, desc, eq, lt, sql } from 'drizzle-orm';
import { allowMaintenanceTime, type PgDb, type PgRunner } from '../../db/postgres.js';
import { linkedAccounts, xCoverage, xFetchState, xFollowerSnapshots, xPosts, xProfiles } from '../../db/schema-pg.js';
import type { LinkOwner } from '../../linking/stores.js';
import { addSpan, type Span } from '../../report/coverage.js';
import { utcDate } from '../../report/local-time.js';
import { fromRow, POST_COLUMNS, type PostRow, PRIVATE_COLUMNS, REFRESHED_COLUMNS, toRow } from '../../report/post-row.js';
import { type StoredPost, toStoredPost } from '../../report/stored-post.js';
import { LinkGoneError, type PostStore, type PostWindow, type SavedPage, type Source, savedPage } from '../../report/stores.js';
import type { XPost, XUserProfile } from '../../twitter/v2-types.js';
import { postsIn, postsNotServed } from '../queries/post-span.js';

/** The columns as fromRow reads them: booleans as 0 and 1, as SQLite keeps them (bigints arrive as numbers, see db/postgres.ts). */
const SELECTED = POST_COLUMNS.map((c) => (c === 'has_private' || c === 'has_media' ? `${c}::int` : c)).join(', ');
const BOOLEAN_AT = [POST_COLUMNS.indexOf('has_private'), POST_COLUMNS.indexOf('has_media')];
/** A page of posts in one statement: the columns as arrays, unnest()ed into rows (no statement per post, no parameter per value). */
const UPSERT_HEAD = `insert into x_posts (x_user_id, source, fetched_at, ${POST_COLUMNS.join(', ')})`;
/** PostgreSQL's type of each of POST_COLUMNS, for its array. */
const COLUMN_TYPES = POST_COLUMNS.map((c) =>
  c === 'has_private' || c === 'has_media'
    ? 'boolean'
    : ['id', 'kind', 'replied_to', 'author_id', 'text', 'hashtags', 'mentions', 'domains'].includes(c)
      ? 'text'
      : 'bigint',
);
/**
 * Every timeline with posts stored, by a loose scan of the primary key (one
 * index probe each, however many posts): PostgreSQL has no skip scan of its own.
 */
const STORED_TIMELINES = `with recursive timelines(x_user_id, source) as (
  (select x_user_id, source from x_posts order by x_user_id, source limit 1)
  union all
  select n.x_user_id, n.source from timelines t, lateral (
    select x_user_id, source from x_posts where (x_user_id, source) > (t.x_user_id, t.source) order by x_user_id, source limit 1
  ) n
)`;
const UPSERT_TAIL =
  `on conflict (x_user_id, source, id) do update set fetched_at = excluded.fetched_at, ${REFRESHED_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, ` +
  `has_private = x_posts.has_private or excluded.has_private, ` +
  PRIVATE_COLUMNS.map((c) => `${c} = case when excluded.has_private then excluded.${c} else x_posts.${c} end`).join(', ');

export class PgPostStore implements PostStore {
  constructor(
    private readonly db: PgDb,
    private readonly owner?: LinkOwner,
  ) {}

  forLink(owner: LinkOwner): PostStore {
    return new PgPostStore(this.db, owner);
  }

  async linkStands(owner: LinkOwner): Promise<boolean> {
    return (await this.linkRow(this.db, owner, false)).length > 0;
  }

  private linkRow(db: PgRunner, owner: LinkOwner, hold: boolean) {
    const query = db
      .select({ found: sql`1` })
      .from(linkedAccounts)
      .where(
        and(
          eq(linkedAccounts.discordUserId, owner.discordUserId),
          eq(linkedAccounts.xUserId, owner.xUserId),
          eq(linkedAccounts.linkedAt, owner.linkedAt),
        ),
      );
    return hold ? query.for('share') : query;
  }

  /** Runs `change` in a transaction that first checks (and holds) the report's link, when this view has one. */
  private write<T>(change: (tx: PgRunner) => Promise<T>): Promise<T> {
    const owner = this.owner;
    return this.db.transaction(async (tx) => {
      if (owner && (await this.linkRow(tx, owner, true)).length === 0) throw new LinkGoneError();
      return change(tx);
    });
  }

  coverage(xUserId: string, source: Source): Promise<Span[]> {
    return this.coverageOn(this.db, xUserId, source);
  }

  private async coverageOn(db: PgRunner, xUserId: string, source: Source): Promise<Span[]> {
    return db
      .select({ from: xCoverage.coveredFrom, to: xCoverage.coveredTo, cutReason: xCoverage.cutReason })
      .from(xCoverage)
      .where(and(eq(xCoverage.xUserId, xUserId), eq(xCoverage.source, source)))
      .orderBy(xCoverage.coveredFrom);
  }

  addCoverage(xUserId: string, source: Source, span: Span): Promise<Span[]> {
    return this.write(async (tx) => {
      await lockTimeline(tx, xUserId, source);
      return this.mergeCoverage(tx, xUserId, source, span);
    });
  }

  /** Within a transaction holding the timeline's lock (see lockTimeline). */
  private async mergeCoverage(tx: PgRunner, xUserId: string, source: Source, span: Span): Promise<Span[]> {
    const spans = addSpan(await this.coverageOn(tx, xUserId, source), span);
    await tx.delete(xCoverage).where(and(eq(xCoverage.xUserId, xUserId), eq(xCoverage.source, source)));
    if (spans.length > 0) {
      await tx
        .insert(xCoverage)
        .values(spans.map((s) => ({ xUserId, source, coveredFrom: s.from, coveredTo: s.to, cutReason: s.cutReason })));
    }
    return spans;
  }

  async refreshedAt(xUserId: string, source: Source): Promise<number> {
    const [row] = await this.db
      .select({ at: xFetchState.refreshedAt })
      .from(xFetchState)
      .where(and(eq(xFetchState.xUserId, xUserId), eq(xFetchState.source, source)));
    return row?.at ?? 0;
  }

  async markRefreshed(xUserId: string, source: Source, at: number): Promise<void> {
    await this.write((tx) =>
      tx
        .insert(xFetchState)
        .values({ xUserId, source, refreshedAt: at })
        .onConflictDoUpdate({ target: [xFetchState.xUserId, xFetchState.source], set: { refreshedAt: at } }),
    );
  }

  async newestId(xUserId: string, source: Source, from: number, to: number): Promise<string | undefined> {
    const [row] = await this.db
      .select({ id: xPosts.id })
      .from(xPosts)
      .where(postsIn(xPosts, xUserId, source, from, to))
      .orderBy(desc(xPosts.createdAt), desc(sql`length(${xPosts.id})`), desc(xPosts.id))
      .limit(1);
    return row?.id;
  }

  async oldestId(xUserId: string, source: Source, from: number, to: number): Promise<string | undefined> {
    const [row] = await this.db
      .select({ id: xPosts.id })
      .from(xPosts)
      .where(postsIn(xPosts, xUserId, source, from, to))
      .orderBy(xPosts.createdAt, sql`length(${xPosts.id})`, xPosts.id)
      .limit(1);
    return row?.id;
  }

  postsIn(window: PostWindow): Promise<StoredPost[]> {
    return this.posts(window.xUserId, window.source, window.from, window.to);
  }

  async posts(xUserId: string, source: Source, from: number, to: number): Promise<StoredPost[]> {
    const result = await this.db.$client.query<PostRow>({
      text: `select ${SELECTED} from x_posts where x_user_id = $1 and source = $2 and created_at >= $3 and created_at <= $4`,
      values: [xUserId, source, from, to],
      rowMode: 'array',
    });
    return result.rows.map(fromRow);
  }

  async countFrom(xUserId: string, source: Source, from: number): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(xPosts)
      .where(postsIn(xPosts, xUserId, source, from));
    return row?.n ?? 0;
  }

  async forgetMissing(xUserId: string, source: Source, from: number, to: number, served: readonly string[]): Promise<void> {
    await this.write((tx) => tx.delete(xPosts).where(postsNotServed(xPosts, xUserId, source, from, to, served)));
  }

  async savePosts(
    xUserId: string,
    source: Source,
    posts: XPost[],
    fetchedAt: number,
    covered?: Span,
    countedBefore?: ReadonlySet<string>,
  ): Promise<SavedPage> {
    if (posts.length === 0) return { paidToday: 0, sameRead: 0 };
    // One row per id: a statement may not update the same row twice.
    const unique = [...new Map(posts.map((p) => [p.id, p])).values()];
    // Column by column, one array each: one statement with a few parameters, however many posts (see UPSERT).
    const rows = unique.map((post) => toRow(toStoredPost(post)));
    const columns = COLUMN_TYPES.map((type, c) => ({ type, values: rows.map((row) => (BOOLEAN_AT.includes(c) ? row[c] === 1 : row[c])) }));
    return this.write(async (tx) => {
      // Whichever of two saves of one timeline comes second sees the first's rows, so a post is counted as billed once.
      await lockTimeline(tx, xUserId, source);
      const seen = await tx
        .select({ id: xPosts.id, at: xPosts.fetchedAt })
        .from(xPosts)
        .where(
          and(
            eq(xPosts.xUserId, xUserId),
            eq(xPosts.source, source),
            sql`${xPosts.id} = any(${sql.param(unique.map((p) => p.id))}::text[])`,
          ),
        );
      await tx.execute(
        sql`${sql.raw(UPSERT_HEAD)} select ${xUserId}, ${source}, ${fetchedAt}, * from unnest(${sql.join(
          columns.map(({ type, values }) => sql`${sql.param(values)}::${sql.raw(type)}[]`),
          sql`, `,
        )}) ${sql.raw(UPSERT_TAIL)}`,
      );
      const spans = covered && (await this.mergeCoverage(tx, xUserId, source, covered));
      return { ...savedPage(seen, fetchedAt, countedBefore), ...(spans ? { spans } : {}) };
    });
  }

  async profile(xUserId: string): Promise<{ profile: XUserProfile; fetchedAt: number } | undefined> {
    const [row] = await this.db.select().from(xProfiles).where(eq(xProfiles.xUserId, xUserId));
    return row && { profile: JSON.parse(row.json) as XUserProfile, fetchedAt: row.fetchedAt };
  }

  async saveProfile(profile: XUserProfile, fetchedAt: number): Promise<void> {
    const json = JSON.stringify(profile);
    const followers = profile.public_metrics?.followers_count;
    const day = utcDate(fetchedAt);
    await this.write(async (tx) => {
      await tx
        .insert(xProfiles)
        .values({ xUserId: profile.id, json, fetchedAt })
        .onConflictDoUpdate({ target: xProfiles.xUserId, set: { json, fetchedAt } });
      if (followers === undefined) return;
      await tx
        .insert(xFollowerSnapshots)
        .values({ xUserId: profile.id, day, followers })
        .onConflictDoUpdate({ target: [xFollowerSnapshots.xUserId, xFollowerSnapshots.day], set: { followers } });
    });
  }

  async followerSnapshots(xUserId: string): Promise<Array<{ day: string; followers: number }>> {
    return this.db
      .select({ day: xFollowerSnapshots.day, followers: xFollowerSnapshots.followers })
      .from(xFollowerSnapshots)
      .where(eq(xFollowerSnapshots.xUserId, xUserId))
      .orderBy(xFollowerSnapshots.day);
  }

  async prune(now: number, keepMs: number): Promise<number> {
    const cutoff = now - keepMs;
    return this.db.transaction(async (tx) => {
      await allowMaintenanceTime(tx);
      const removed = await tx.execute(sql`${sql.raw(STORED_TIMELINES)}
        delete from x_posts p using timelines t
        where p.x_user_id = t.x_user_id and p.source = t.source and p.created_at < ${cutoff}`);
      await tx.delete(xCoverage).where(lt(xCoverage.coveredTo, cutoff));
      await tx.delete(xFollowerSnapshots).where(lt(xFollowerSnapshots.day, utcDate(cutoff)));
      await tx.update(xCoverage).set({ coveredFrom: cutoff }).where(lt(xCoverage.coveredFrom, cutoff));
      return removed.rowCount ?? 0;
    });
  }

  async forgetUnlinked(): Promise<number> {
    return this.db.transaction(async (tx) => {
      await allowMaintenanceTime(tx);
      const unlinked = 'x_user_id not in (select x_user_id from linked_accounts)';
      const found = await tx.execute<{ x_user_id: string }>(
        sql.raw(
          `${STORED_TIMELINES} select x_user_id from timelines where ${unlinked} ` +
            `union select x_user_id from x_coverage where ${unlinked} union select x_user_id from x_fetch_state where ${unlinked} ` +
            `union select x_user_id from x_profiles where ${unlinked} union select x_user_id from x_follower_snapshots where ${unlinked}`,
        ),
      );
      for (const { x_user_id } of found.rows) await forgetXAccount(tx, x_user_id);
      return found.rows.length;
    });
  }

  forgetXAccount(xUserId: string): Promise<void> {
    return this.db.transaction((tx) => forgetXAccount(tx, xUserId));
  }
}

/** Deletes the posts, coverage, fetch state, profile and follower counts stored for an X account. */
export async function forgetXAccount(tx: PgRunner, xUserId: string): Promise<void> {
  await tx.delete(xPosts).where(eq(xPosts.xUserId, xUserId));
  await tx.delete(xFetchState).where(eq(xFetchState.xUserId, xUserId));
  await tx.delete(xCoverage).where(eq(xCoverage.xUserId, xUserId));
  await tx.delete(xProfiles).where(eq(xProfiles.xUserId, xUserId));
  await tx.delete(xFollowerSnapshots).where(eq(xFollowerSnapshots.xUserId, xUserId));
}

/**
 * Saves and coverage merges of one timeline, one transaction at a time (held
 * until it ends): two reads of one timeline (two members' reports, two
 * replicas) merge their spans one after the other, and the second to save a
 * post sees the first's row.
 */
function lockTimeline(tx: PgRunner, xUserId: string, source: Source): Promise<unknown> {
  return tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`coverage:${xUserId}:${source}`}))`);
}
