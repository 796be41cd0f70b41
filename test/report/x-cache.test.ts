// Retention of posts read from X: kept for the longest report and the period
// before it (the trend), deleted after, with the fetch state kept truthful.

import { beforeEach, describe, expect, it } from 'vitest';
import { post } from '../../src/local-x/posts.js';
import { POST_RETENTION_MS } from '../../src/report/report-service.js';
import { toStoredPost } from '../../src/report/stored-post.js';
import { SqlitePostStore } from '../../src/storage/sqlite/post-store.js';
import { useTempDatabase } from '../support/temp-database.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T12:00:00Z');
const db = useTempDatabase();
let cache: SqlitePostStore;

beforeEach(() => {
  cache = new SqlitePostStore(db.current.db);
});

describe('SqlitePostStore.prune', () => {
  it('keeps 182 days of posts for every account, deletes older ones, and moves coverage up to match', () => {
    expect(POST_RETENTION_MS).toBe(182 * DAY); // 2 × 90 whole days, in any zone
    const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();
    for (const user of ['1', '2']) {
      cache.savePosts(user, 'timeline', [post({ at: at(10) }), post({ at: at(181) }), post({ at: at(183) }), post({ at: at(400) })], NOW);
      cache.addCoverage(user, 'timeline', { from: NOW - 500 * DAY, to: NOW - 300 * DAY, cutReason: null });
      cache.addCoverage(user, 'timeline', { from: NOW - 250 * DAY, to: NOW, cutReason: 'budget' });
    }
    cache.addCoverage('3', 'mentions', { from: NOW - 5 * DAY, to: NOW, cutReason: null });
    // Mentions, and posts a crash left without coverage, are found too.
    cache.savePosts('2', 'mentions', [post({ at: at(1) }), post({ at: at(200) })], NOW);
    cache.savePosts('4', 'timeline', [post({ at: at(300) })], NOW);

    expect(cache.prune(NOW, POST_RETENTION_MS)).toBe(6);
    expect(cache.posts('2', 'mentions', 0, NOW)).toHaveLength(1);
    expect(cache.posts('4', 'timeline', 0, NOW)).toHaveLength(0);
    for (const user of ['1', '2']) {
      expect(cache.posts(user, 'timeline', 0, NOW)).toHaveLength(2);
      expect(cache.coverage(user, 'timeline')).toEqual([{ from: NOW - 182 * DAY, to: NOW, cutReason: 'budget' }]);
    }
    expect(cache.coverage('3', 'mentions')).toEqual([{ from: NOW - 5 * DAY, to: NOW, cutReason: null }]); // newer coverage untouched
    expect(cache.prune(NOW, POST_RETENTION_MS)).toBe(0);
  });
});

describe('SqlitePostStore.savePosts', () => {
  it('says how many posts were already read earlier the same UTC day, which X does not bill again', () => {
    const posts = [post({ at: new Date(NOW - DAY).toISOString() }), post({ at: new Date(NOW - 2 * DAY).toISOString() })];
    expect(cache.savePosts('1', 'timeline', posts, NOW)).toEqual({ paidToday: 0, sameRead: 0 });
    expect(cache.savePosts('1', 'timeline', posts, NOW + 3_600_000)).toEqual({ paidToday: 2, sameRead: 0 });
    // The same read storing them again (a report taken over after a crash): counted once, not as paid earlier.
    expect(cache.savePosts('1', 'timeline', posts.slice(1), NOW + 3_600_000)).toEqual({ paidToday: 0, sameRead: 1 });
    // The next UTC day X bills them again.
    const tomorrow = Date.parse('2026-11-24T00:00:01Z');
    expect(cache.savePosts('1', 'timeline', posts, tomorrow)).toEqual({ paidToday: 0, sameRead: 0 });
    // Another account's stored copy is its own.
    expect(cache.savePosts('2', 'timeline', posts, tomorrow)).toEqual({ paidToday: 0, sameRead: 0 });
  });
});

describe('SqlitePostStore follower snapshots', () => {
  it('keeps one follower count per UTC day from each profile read, and forgets them with the account or with age', () => {
    const profile = (followers: number) => ({ id: '1', name: 'a', username: 'a', public_metrics: { followers_count: followers } });
    cache.saveProfile(profile(100), NOW - 3 * DAY);
    cache.saveProfile(profile(110), NOW - 1000);
    cache.saveProfile(profile(120), NOW); // the same UTC day: the later count stands
    cache.saveProfile({ id: '1', name: 'a', username: 'a' }, NOW + 1000); // no count: nothing to keep
    expect(cache.followerSnapshots('1')).toEqual([
      { day: '2026-11-20', followers: 100 },
      { day: '2026-11-23', followers: 120 },
    ]);
    expect(cache.prune(NOW + 182 * DAY, POST_RETENTION_MS)).toBe(0);
    expect(cache.followerSnapshots('1')).toEqual([{ day: '2026-11-23', followers: 120 }]);
    cache.forgetXAccount('1');
    expect(cache.followerSnapshots('1')).toEqual([]);
  });
});

describe('SqlitePostStore.forgetUnlinked', () => {
  it('deletes what is stored for X accounts no member links, and keeps the linked ones', () => {
    db.current.sqlite
      .prepare(
        "insert into linked_accounts (discord_user_id, x_user_id, x_screen_name, access_token_sealed, access_secret_sealed, key_id, linked_at, updated_at) values ('300', '1', 'ada', 's', 's', 'k', 0, 0)",
      )
      .run();
    for (const user of ['1', '2']) {
      cache.savePosts(user, 'timeline', [post({ at: new Date(NOW - DAY).toISOString() })], NOW);
      cache.addCoverage(user, 'timeline', { from: NOW - 2 * DAY, to: NOW, cutReason: null });
      cache.markRefreshed(user, 'timeline', NOW);
      cache.saveProfile({ id: user, name: user, username: user }, NOW);
    }
    cache.savePosts('5', 'mentions', [post({ at: new Date(NOW - DAY).toISOString() })], NOW); // posts alone
    expect(cache.forgetUnlinked()).toBe(2);
    for (const table of ['x_posts', 'x_coverage', 'x_fetch_state', 'x_profiles']) {
      expect(db.current.sqlite.prepare(`select distinct x_user_id as id from ${table}`).all()).toEqual([{ id: '1' }]);
    }
    expect(cache.forgetUnlinked()).toBe(0);
  });
});

describe('SqlitePostStore stored posts', () => {
  const at = '2026-11-20T10:00:00.000Z';
  const full = post({
    at,
    kind: 'reply',
    refId: '1888000000000000001',
    likes: 4,
    impressions: 90,
    hashtags: ['a', 'B'],
    mentions: ['bob'],
    urls: ['https://example.com/x'],
    media: true,
  });

  it('gives back what toStoredPost keeps of each post, and nothing of the rest', () => {
    const bare = { id: '1888000000000000002', text: 'no metrics at all', created_at: at };
    cache.savePosts('1', 'timeline', [full, bare], NOW);
    const back = cache.posts('1', 'timeline', 0, NOW);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(back.sort(byId)).toEqual([toStoredPost(full), toStoredPost(bare)].sort(byId));
    const columns = db.current.sqlite.prepare('select * from x_posts limit 1').get() as Record<string, unknown>;
    expect(Object.keys(columns)).not.toContain('json');
  });

  it('keeps private metrics through a read that could not ask for them, and takes new ones from a read that did', () => {
    const withPrivate = (n: number) => ({ ...full, non_public_metrics: { impression_count: n, user_profile_clicks: 2, engagements: 7 } });
    const likes = (n: number) => ({ ...full, public_metrics: { ...full.public_metrics, like_count: n } });
    cache.savePosts('1', 'timeline', [withPrivate(100)], NOW);
    cache.savePosts('1', 'timeline', [likes(9)], NOW + 1);
    expect(cache.posts('1', 'timeline', 0, NOW)[0]).toMatchObject({
      likes: 9,
      privateMetrics: { impression_count: 100, user_profile_clicks: 2, engagements: 7 },
    });
    expect(cache.posts('1', 'timeline', 0, NOW)[0]?.privateMetrics).not.toHaveProperty('url_link_clicks');
    cache.savePosts('1', 'timeline', [{ ...withPrivate(300), non_public_metrics: { impression_count: 300 } }], NOW + 2);
    expect(cache.posts('1', 'timeline', 0, NOW)[0]?.privateMetrics).toEqual({ impression_count: 300 });
  });
});
