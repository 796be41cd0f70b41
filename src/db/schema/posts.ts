// What the bot read from X: posts, how far each timeline was read, coverage spans, profiles and follower counts.
// SQLite (the same tables as ../schema-pg/posts.ts).

import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Posts read from X, kept so repeat reports read only what is new. */
export const xPosts = sqliteTable(
  'x_posts',
  {
    /** Whose timeline (or whose mentions) the post was read for. */
    xUserId: text('x_user_id').notNull(),
    source: text('source', { enum: ['timeline', 'mentions'] }).notNull(),
    id: text('id').notNull(),
    createdAt: integer('created_at').notNull(),
    fetchedAt: integer('fetched_at').notNull(),
    // What reports use of the post, and nothing else (see report/stored-post.ts).
    kind: text('kind', { enum: ['original', 'reply', 'quote', 'repost'] }).notNull(),
    repliedTo: text('replied_to'),
    authorId: text('author_id'),
    text: text('text').notNull(),
    likes: integer('likes').notNull(),
    reposts: integer('reposts').notNull(),
    replies: integer('replies').notNull(),
    quotes: integer('quotes').notNull(),
    bookmarks: integer('bookmarks').notNull(),
    impressions: integer('impressions'),
    /** Whether X sent non_public_metrics with the last read that asked for them (a later read that could not ask keeps them). */
    hasPrivate: integer('has_private', { mode: 'boolean' }).notNull(),
    privateImpressions: integer('private_impressions'),
    profileClicks: integer('profile_clicks'),
    linkClicks: integer('link_clicks'),
    engagements: integer('engagements'),
    /** Space-separated: hashtags, usernames and hosts never contain one. */
    hashtags: text('hashtags').notNull(),
    mentions: text('mentions').notNull(),
    domains: text('domains').notNull(),
    hasMedia: integer('has_media', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.xUserId, t.source, t.id] }),
    // Reports read by time; retention deletes by age timeline by timeline through it too.
    index('x_posts_time_idx').on(t.xUserId, t.source, t.createdAt),
  ],
);

/** How fresh the metrics of a timeline's stored posts are (what is stored: x_coverage). */
export const xFetchState = sqliteTable(
  'x_fetch_state',
  {
    xUserId: text('x_user_id').notNull(),
    source: text('source', { enum: ['timeline', 'mentions'] }).notNull(),
    /** When the posts younger than the refresh horizon were last read again for current metrics (0: never). */
    refreshedAt: integer('refreshed_at').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.xUserId, t.source] })],
);

/**
 * Spans of time within which every post X served is stored. A report reads
 * only what no span covers, so no post is bought twice; spans that meet are
 * merged.
 */
export const xCoverage = sqliteTable(
  'x_coverage',
  {
    xUserId: text('x_user_id').notNull(),
    source: text('source', { enum: ['timeline', 'mentions'] }).notNull(),
    coveredFrom: integer('covered_from').notNull(),
    coveredTo: integer('covered_to').notNull(),
    /** Why the read that made this span stopped at coveredFrom though asked to go further back. */
    cutReason: text('cut_reason', { enum: ['max-posts', 'x-cap', 'budget'] }),
  },
  (t) => [primaryKey({ columns: [t.xUserId, t.source, t.coveredFrom] })],
);

/** The member's X profile, cached for reports. */
export const xProfiles = sqliteTable('x_profiles', {
  xUserId: text('x_user_id').primaryKey(),
  json: text('json').notNull(),
  fetchedAt: integer('fetched_at').notNull(),
});

/**
 * Followers per X account per UTC day, from the profile reads the bot makes
 * anyway (X keeps no follower history): a report shows the change over its
 * period when the snapshots reach back that far.
 */
export const xFollowerSnapshots = sqliteTable(
  'x_follower_snapshots',
  {
    xUserId: text('x_user_id').notNull(),
    /** YYYY-MM-DD, UTC. */
    day: text('day').notNull(),
    followers: integer('followers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.xUserId, t.day] })],
);

export type FetchState = typeof xFetchState.$inferSelect;

/** Why a read stopped before the period start. */
export type CutReason = NonNullable<(typeof xCoverage.$inferSelect)['cutReason']>;
