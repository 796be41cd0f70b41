// A small, hand-checked week of activity for @ada (id 1456789012345678901).

import { mention as xMention, post as xPost } from '../../src/local-x/posts.js';
import { toStoredPost } from '../../src/report/stored-post.js';

/** Posts as the store gives them back to a report. */
export const post = (...args: Parameters<typeof xPost>) => toStoredPost(xPost(...args));
export const mention = (...args: Parameters<typeof xMention>) => toStoredPost(xMention(...args));

export const SELF_ID = '1456789012345678901';
export const END = Date.parse('2026-11-23T12:00:00Z');
export const PERIOD = { start: END - 7 * 86_400_000, end: END, days: 7 };
export const PROFILE = { id: SELF_ID, name: 'Ada Lovelace', username: 'ada_codes', followers: 1200, following: 300 };

export const m1 = mention('2026-11-17T09:00:00.000Z', '555');
export const m2 = mention('2026-11-18T08:00:00.000Z', '556');
export const m3 = mention('2026-11-19T08:00:00.000Z', '557');
export const selfMention = mention('2026-11-19T09:00:00.000Z', SELF_ID);

export const posts = [
  post({
    at: '2026-11-17T09:15:00.000Z',
    text: 'Shipping a **TypeScript** bot today https://t.co/abc',
    likes: 10,
    reposts: 2,
    replies: 1,
    bookmarks: 1,
    impressions: 200,
    hashtags: ['TypeScript'],
    urls: ['https://www.github.com/ada/bot'],
    media: true,
  }),
  post({
    at: '2026-11-17T09:45:00.000Z',
    kind: 'reply',
    refId: m1.id,
    likes: 2,
    impressions: 50,
    mentions: ['bob'],
    inReplyToUserId: '555',
  }),
  post({
    at: '2026-11-18T14:00:00.000Z',
    kind: 'quote',
    likes: 30,
    reposts: 5,
    replies: 4,
    quotes: 1,
    impressions: 1000,
    hashtags: ['typescript', 'AI'],
  }),
  post({ at: '2026-11-18T09:05:00.000Z', kind: 'repost', likes: 999, reposts: 999, impressions: 99999 }),
  post({ at: '2026-11-20T20:30:00.000Z', urls: ['https://blog.example.com/p'] }),
  post({ at: '2026-11-18T11:00:00.000Z', kind: 'reply', refId: m2.id, likes: 1, impressions: 10 }),
];

export const previous = [post({ at: '2026-11-10T10:00:00.000Z', likes: 4 }), post({ at: '2026-11-12T10:00:00.000Z', likes: 6 })];

export const mentions = [m1, m2, m3, selfMention];
