// Which stored posts a query means, the same on every engine: one member's
// posts (or mentions) created in a span of time.

import { type AnyColumn, and, eq, gte, lte, notInArray, type SQL } from 'drizzle-orm';
import type { Source } from '../../report/stores.js';

interface PostColumns {
  id: AnyColumn;
  xUserId: AnyColumn;
  source: AnyColumn;
  createdAt: AnyColumn;
}

/** The member's posts of `source` created from `from` (to `to`, both included, when given). */
export function postsIn(posts: PostColumns, xUserId: string, source: Source, from: number, to?: number): SQL | undefined {
  return and(
    eq(posts.xUserId, xUserId),
    eq(posts.source, source),
    gte(posts.createdAt, from),
    to === undefined ? undefined : lte(posts.createdAt, to),
  );
}

/** Those of them X did not serve when the span was read again (`served`: the ids it did serve). */
export function postsNotServed(posts: PostColumns, xUserId: string, source: Source, from: number, to: number, served: readonly string[]) {
  return and(postsIn(posts, xUserId, source, from, to), served.length > 0 ? notInArray(posts.id, [...served]) : undefined);
}
