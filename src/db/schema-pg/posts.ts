// What the bot read from X: posts, how far each timeline was read, coverage spans, profiles and follower counts.
// PostgreSQL (the same tables as ../schema/posts.ts).

import { bigint, boolean, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** Posts read from X, kept so repeat reports read only what is new. */
export const xPosts = pgTable(
  'x_posts',
  {
    /** Whose timeline (or whose mentions) the post was read for. */
    xUserId: text('x_user_id').notNull(),
    source: text('source', { enum: ['timeline', 'mentions'] }).notNull(),
    id: text('id').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    fetchedAt: bigint('fetched_at', { mode: 'number' }).notNull(),
    // What reports use of the post, and nothing else (see report/stored-post.ts).
    kind: text('kind', { enum: ['original', 'reply', 'quote', 'repost'] }).notNull(),
    repliedTo: text('replied_to'),
    authorId: text('author_id'),
    text: text('text').notNull(),
    likes: bigint('likes', { mode: 'number' }).notNull(),
    reposts: bigint('reposts', { mode: 'number' }).notNull(),
    replies: bigint('replies', { mode: 'number' }).notNull(),
    quotes: bigint('quotes', { mode: 'number' }).notNull(),
    bookmarks: bigint('bookmarks', { mode: 'number' }).notNull(),
    impressions: bigint('impressions', { mode: 'number' }),
    /** Whether X sent non_public_metrics with the last read that asked for them (a later read that could not ask keeps them). */
    hasPrivate: boolean('has_private').notNull(),
    privateImpressions: bigint('private_impressions', { mode: 'number' }),
    profileClicks: bigint('profile_clicks', { mode: 'number' }),
    linkClicks: bigint('link_clicks', { mode: 'number' }),
    engagements: bigint('engagements', { mode: 'number' }),
    /** Space-separated: hashtags, usernames and hosts never contain one. */
    hashtags: text('hashtags').notNull(),
    mentions: text('mentions').notNull(),
    domains: text('domains').notNull(),
    hasMedia: boolean('has_media').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.xUserId, t.source, t.id] }),
    // Reports read by time; retention deletes by age timeline by timeline through it too.
    index('x_posts_time_idx').on(t.xUserId, t.source, t.createdAt),
  ],
);

/** How fresh the metrics of a timeline's stored posts are (what is stored: x_coverage). */
export const xFetchState = pgTable(
  'x_fetch_state',
  {
    xUserId: text('x_user_id').notNull(),
    source: text('source', { enum: ['timeline', 'mentions'] }).notNull(),
    /** When the posts younger than the refresh horizon were last read again for current metrics (0: never). */
    refreshedAt: bigint('refreshed_at', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.xUserId, t.source] })],
);

/**
 * Spans of time within which every post X served is stored. A report reads
 * only what no span covers, so no post is bought twice; spans that meet are
 * merged.
 */
export const xCoverage = pgTable(
  'x_coverage',
  {
    xUserId: text('x_user_id').notNull(),
    source: text('source', { enum: ['timeline', 'mentions'] }).notNull(),
    coveredFrom: bigint('covered_from', { mode: 'number' }).notNull(),
    coveredTo: bigint('covered_to', { mode: 'number' }).notNull(),
    /** Why the read that made this span stopped at coveredFrom though asked to go further back. */
    cutReason: text('cut_reason', { enum: ['max-posts', 'x-cap', 'budget'] }),
  },
  (t) => [primaryKey({ columns: [t.xUserId, t.source, t.coveredFrom] })],
);

/** The member's X profile, cached for reports. */
export const xProfiles = pgTable('x_profiles', {
  xUserId: text('x_user_id').primaryKey(),
  json: text('json').notNull(),
  fetchedAt: bigint('fetched_at', { mode: 'number' }).notNull(),
});

/**
 * Followers per X account per UTC day, from the profile reads the bot makes
 * anyway (X keeps no follower history): a report shows the change over its
 * period when the snapshots reach back that far.
 */
export const xFollowerSnapshots = pgTable(
  'x_follower_snapshots',
  {
    xUserId: text('x_user_id').notNull(),
    /** YYYY-MM-DD, UTC. */
    day: text('day').notNull(),
    followers: bigint('followers', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.xUserId, t.day] })],
);

export type FetchState = typeof xFetchState.$inferSelect;

/** Why a read stopped before the period start. */
export type CutReason = NonNullable<(typeof xCoverage.$inferSelect)['cutReason']>;
