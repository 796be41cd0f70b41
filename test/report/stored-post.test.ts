import { describe, expect, it } from 'vitest';
import { mention, post } from '../../src/local-x/posts.js';
import { STORED_TEXT_LENGTH, toStoredPost } from '../../src/report/stored-post.js';

describe('toStoredPost', () => {
  it('keeps what reports use: time, kind, the post a reply answers, metrics, hashtags, mentions, link hosts and media', () => {
    const reply = post({
      at: '2026-11-17T09:45:00.000Z',
      kind: 'reply',
      refId: '1888000000000000001',
      text: 'Agreed https://t.co/abc',
      likes: 2,
      reposts: 1,
      replies: 3,
      quotes: 4,
      bookmarks: 5,
      impressions: 50,
      hashtags: ['TypeScript'],
      mentions: ['Bob'],
      urls: ['https://www.GitHub.com/ada/bot?tab=1', 'https://t.co/inner', 'https://user@blog.example.com:8443/p#top'],
      media: true,
    });
    expect(toStoredPost(reply)).toEqual({
      id: reply.id,
      createdAt: Date.parse('2026-11-17T09:45:00.000Z'),
      kind: 'reply',
      repliedTo: '1888000000000000001',
      authorId: null,
      text: 'Agreed https://t.co/abc',
      likes: 2,
      reposts: 1,
      replies: 3,
      quotes: 4,
      bookmarks: 5,
      impressions: 50,
      privateMetrics: null,
      hashtags: ['TypeScript'],
      mentions: ['Bob'],
      // The media link is media, not a domain; X's own t.co is no destination.
      domains: ['github.com', 'blog.example.com'],
      hasMedia: true,
    });
  });

  it('tells kinds apart, a repost first, and keeps a mention’s author', () => {
    const kinds = (['original', 'reply', 'quote', 'repost'] as const).map(
      (kind) => toStoredPost(post({ at: '2026-11-17T09:00:00.000Z', kind })).kind,
    );
    expect(kinds).toEqual(['original', 'reply', 'quote', 'repost']);
    const both = post({ at: '2026-11-17T09:00:00.000Z', kind: 'reply', refId: '7' });
    both.referenced_tweets = [...(both.referenced_tweets ?? []), { type: 'retweeted', id: '8' }];
    expect(toStoredPost(both)).toMatchObject({ kind: 'repost', repliedTo: '7' });
    expect(toStoredPost(mention('2026-11-17T09:00:00.000Z', '555'))).toMatchObject({ authorId: '555', kind: 'original' });
  });

  it('tells “no view count” from zero views, and keeps private metrics as X sent them', () => {
    const bare = { id: '1', text: 'hi', created_at: '2026-11-17T09:00:00.000Z' };
    expect(toStoredPost(bare)).toMatchObject({
      likes: 0,
      impressions: null,
      privateMetrics: null,
      hashtags: [],
      domains: [],
      hasMedia: false,
    });
    const counted = { ...bare, public_metrics: { impression_count: 0 }, non_public_metrics: { impression_count: 9, url_link_clicks: 1 } };
    expect(toStoredPost(counted)).toMatchObject({ impressions: 0, privateMetrics: { impression_count: 9, url_link_clicks: 1 } });
  });

  it('keeps only the start of a long text, never half a character', () => {
    const long = toStoredPost(post({ at: '2026-11-17T09:00:00.000Z', text: 'a'.repeat(25_000) }));
    expect(long.text).toBe('a'.repeat(STORED_TEXT_LENGTH));
    // An emoji (two UTF-16 units) straddling the cut is dropped whole.
    const emoji = toStoredPost(post({ at: '2026-11-17T09:00:00.000Z', text: `${'a'.repeat(STORED_TEXT_LENGTH - 1)}😀 more` }));
    expect(emoji.text).toBe('a'.repeat(STORED_TEXT_LENGTH - 1));
  });
});
