// A stored post as a row of x_posts, in the order of POST_COLUMNS: how
// The SQLite post store writes and reads posts with prepared statements and no JSON.

import type { PrivateMetrics } from '../twitter/v2-types.js';
import type { PostKind, StoredPost } from './stored-post.js';

/** x_posts' columns for a StoredPost, in the order toRow and fromRow use. */
export const POST_COLUMNS = [
  'id',
  'created_at',
  'kind',
  'replied_to',
  'author_id',
  'text',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'bookmarks',
  'impressions',
  'has_private',
  'private_impressions',
  'profile_clicks',
  'link_clicks',
  'engagements',
  'hashtags',
  'mentions',
  'domains',
  'has_media',
] as const;
export const PRIVATE_COLUMNS = ['private_impressions', 'profile_clicks', 'link_clicks', 'engagements'] as const;
/** What a new read of a stored post replaces (private metrics aside). */
export const REFRESHED_COLUMNS = POST_COLUMNS.filter(
  (c) => c !== 'id' && c !== 'has_private' && !(PRIVATE_COLUMNS as readonly string[]).includes(c),
);

export type PostRow = [
  id: string,
  createdAt: number,
  kind: PostKind,
  repliedTo: string | null,
  authorId: string | null,
  text: string,
  likes: number,
  reposts: number,
  replies: number,
  quotes: number,
  bookmarks: number,
  impressions: number | null,
  hasPrivate: 0 | 1,
  privateImpressions: number | null,
  profileClicks: number | null,
  linkClicks: number | null,
  engagements: number | null,
  hashtags: string,
  mentions: string,
  domains: string,
  hasMedia: 0 | 1,
];

const words = (list: string): string[] => (list === '' ? [] : list.split(' '));

/** The private metrics a row carries, with the counts X left out still left out. */
function privateMetricsOf(r: PostRow): PrivateMetrics | null {
  if (!r[12]) return null;
  const m: PrivateMetrics = {};
  if (r[13] !== null) m.impression_count = r[13];
  if (r[14] !== null) m.user_profile_clicks = r[14];
  if (r[15] !== null) m.url_link_clicks = r[15];
  if (r[16] !== null) m.engagements = r[16];
  return m;
}

export function toRow(p: StoredPost): PostRow {
  const m = p.privateMetrics;
  return [
    p.id,
    p.createdAt,
    p.kind,
    p.repliedTo,
    p.authorId,
    p.text,
    p.likes,
    p.reposts,
    p.replies,
    p.quotes,
    p.bookmarks,
    p.impressions,
    m ? 1 : 0,
    m?.impression_count ?? null,
    m?.user_profile_clicks ?? null,
    m?.url_link_clicks ?? null,
    m?.engagements ?? null,
    p.hashtags.join(' '),
    p.mentions.join(' '),
    p.domains.join(' '),
    p.hasMedia ? 1 : 0,
  ];
}

export function fromRow(r: PostRow): StoredPost {
  return {
    id: r[0],
    createdAt: r[1],
    kind: r[2],
    repliedTo: r[3],
    authorId: r[4],
    text: r[5],
    likes: r[6],
    reposts: r[7],
    replies: r[8],
    quotes: r[9],
    bookmarks: r[10],
    impressions: r[11],
    privateMetrics: privateMetricsOf(r),
    hashtags: words(r[17]),
    mentions: words(r[18]),
    domains: words(r[19]),
    hasMedia: r[20] === 1,
  };
}
