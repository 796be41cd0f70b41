// What the bot keeps of a post: only what reports use, in columns, rather
// than the post as X sent it (about a fifth of the bytes, and no JSON to write
// or parse for each of a report's posts). Pure.

import type { PrivateMetrics, XPost } from '../twitter/v2-types.js';

export type PostKind = 'original' | 'reply' | 'quote' | 'repost';

/** Enough of the text for a top post's excerpt; posts by X Premium members can run to 25,000 characters. */
export const STORED_TEXT_LENGTH = 280;

export interface StoredPost {
  id: string;
  /** When it was posted, in ms since the epoch. */
  createdAt: number;
  kind: PostKind;
  /** The post this one answers, when it answers one: how a reply to a mention is found. */
  repliedTo: string | null;
  /** Set for mentions (someone else's posts); the member's own posts are theirs. */
  authorId: string | null;
  text: string;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number;
  /** Null when X sent no view count (not the same as none). */
  impressions: number | null;
  /** X's non_public_metrics, when the read that stored the post asked for them. */
  privateMetrics: PrivateMetrics | null;
  hashtags: string[];
  /** Usernames mentioned, as written. */
  mentions: string[];
  /** Hosts of the links, without www. (X's own t.co left out). */
  domains: string[];
  hasMedia: boolean;
}

function postKind(post: Pick<XPost, 'referenced_tweets'>): PostKind {
  const refs = post.referenced_tweets ?? [];
  if (refs.some((r) => r.type === 'retweeted')) return 'repost';
  if (refs.some((r) => r.type === 'replied_to')) return 'reply';
  if (refs.some((r) => r.type === 'quoted')) return 'quote';
  return 'original';
}

function domainOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase();
  } catch {
    return null;
  }
}

/** The first `length` UTF-16 units of a text, never ending in half a surrogate pair. */
function head(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.charCodeAt(length - 1);
  return text.slice(0, cut >= 0xd800 && cut <= 0xdbff ? length - 1 : length);
}

export function toStoredPost(post: XPost): StoredPost {
  const m = post.public_metrics ?? {};
  const urls = post.entities?.urls ?? [];
  const domains: string[] = [];
  for (const u of urls) {
    if (u.media_key) continue;
    const domain = domainOf(u.expanded_url ?? u.url);
    if (domain && domain !== 't.co') domains.push(domain);
  }
  return {
    id: post.id,
    createdAt: Date.parse(post.created_at),
    kind: postKind(post),
    repliedTo: post.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null,
    authorId: post.author_id ?? null,
    text: head(post.text ?? '', STORED_TEXT_LENGTH),
    likes: m.like_count ?? 0,
    reposts: m.retweet_count ?? 0,
    replies: m.reply_count ?? 0,
    quotes: m.quote_count ?? 0,
    bookmarks: m.bookmark_count ?? 0,
    impressions: m.impression_count ?? null,
    privateMetrics: post.non_public_metrics ?? null,
    hashtags: (post.entities?.hashtags ?? []).map((h) => h.tag),
    mentions: (post.entities?.mentions ?? []).map((h) => h.username),
    domains,
    hasMedia: urls.some((u) => u.media_key),
  };
}
