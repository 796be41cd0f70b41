// Deterministic X v2 post objects shaped like real API responses.

import type { XPost } from '../twitter/v2-types.js';

let seq = 0n;
/** Snowflake-like ids above 2^53 that grow with time, as X's do. */
export function postId(createdAt: string): string {
  seq++;
  return ((BigInt(Date.parse(createdAt)) - 1288834974657n) * 4194304n + seq).toString();
}

export interface PostSpec {
  at: string;
  text?: string;
  kind?: 'original' | 'reply' | 'quote' | 'repost';
  refId?: string;
  likes?: number;
  reposts?: number;
  replies?: number;
  quotes?: number;
  bookmarks?: number;
  impressions?: number;
  hashtags?: string[];
  mentions?: string[];
  urls?: string[];
  media?: boolean;
  inReplyToUserId?: string;
}

export function post(spec: PostSpec): XPost {
  const id = postId(spec.at);
  const kind = spec.kind ?? 'original';
  const refType = { reply: 'replied_to', quote: 'quoted', repost: 'retweeted' } as const;
  const urls = (spec.urls ?? []).map((u, i) => ({
    start: 0,
    end: 23,
    url: `https://t.co/u${i}`,
    expanded_url: u,
    display_url: u.replace(/^https?:\/\//, ''),
  }));
  if (spec.media)
    urls.push({
      start: 24,
      end: 47,
      url: 'https://t.co/m',
      expanded_url: `https://x.com/u/status/${id}/photo/1`,
      display_url: 'pic.x.com/m',
      media_key: `3_${id}`,
    } as never);
  const result: XPost = {
    id,
    text: spec.text ?? `post at ${spec.at}`,
    created_at: spec.at,
    conversation_id: id,
    lang: 'en',
    edit_history_tweet_ids: [id],
    public_metrics: {
      retweet_count: spec.reposts ?? 0,
      reply_count: spec.replies ?? 0,
      like_count: spec.likes ?? 0,
      quote_count: spec.quotes ?? 0,
      bookmark_count: spec.bookmarks ?? 0,
      impression_count: spec.impressions ?? 0,
    },
    entities: {
      hashtags: (spec.hashtags ?? []).map((tag) => ({ start: 0, end: tag.length + 1, tag })),
      mentions: (spec.mentions ?? []).map((username) => ({ start: 0, end: username.length + 1, username, id: '12' })),
      urls,
    },
  } as XPost;
  if (kind !== 'original') result.referenced_tweets = [{ type: refType[kind], id: spec.refId ?? '1000000000000000001' }];
  if (spec.inReplyToUserId) result.in_reply_to_user_id = spec.inReplyToUserId;
  return result;
}

export function mention(at: string, authorId: string, text = 'hey @ada'): XPost {
  const id = postId(at);
  return { id, text, created_at: at, author_id: authorId, conversation_id: id };
}

/** A busy timeline: `count` posts spread evenly back from `end`, a mix of kinds and metrics. */
export function syntheticTimeline(count: number, end: number, spanDays: number): XPost[] {
  const step = (spanDays * 86_400_000) / count;
  const kinds = ['original', 'original', 'reply', 'quote', 'repost'] as const;
  return Array.from({ length: count }, (_, i) =>
    post({
      at: new Date(end - Math.round((i + 0.5) * step)).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
      kind: kinds[i % kinds.length],
      likes: (i * 7) % 50,
      reposts: i % 5,
      replies: i % 3,
      impressions: 100 + (i % 400),
      hashtags: i % 4 === 0 ? ['buildinpublic'] : i % 6 === 0 ? ['TypeScript'] : [],
      mentions: i % 9 === 0 ? ['xdevelopers'] : [],
      urls: i % 10 === 0 ? ['https://www.example.com/a'] : [],
      media: i % 8 === 0,
      text: `Post number ${i} about things https://t.co/abc`,
    }),
  ).sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
}
