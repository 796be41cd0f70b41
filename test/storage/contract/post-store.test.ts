// The post store's contract, on whichever engine runs (engine.ts). Retention of posts read from X: kept for the longest report and the period
// before it (the trend), deleted after, with the fetch state kept truthful.

import { describe, expect, it } from 'vitest';
import { post } from '../../../src/local-x/posts.js';
import { POST_RETENTION_MS } from '../../../src/report/report-service.js';
import { toStoredPost } from '../../../src/report/stored-post.js';
import { type Engine, useEngine } from './engine.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T12:00:00Z');
const engine: Engine = useEngine();
const cache = () => engine.stores.posts;

describe('PostStore.prune', () => {
  it('keeps 182 days of posts for every account, deletes older ones, and moves coverage up to match', async () => {
    expect(POST_RETENTION_MS).toBe(182 * DAY); // 2 × 90 whole days, in any zone
    const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();
    for (const user of ['1', '2']) {
      await cache().savePosts(
        user,
        'timeline',
        [post({ at: at(10) }), post({ at: at(181) }), post({ at: at(183) }), post({ at: at(400) })],
        NOW,
      );
      await cache().addCoverage(user, 'timeline', { from: NOW - 500 * DAY, to: NOW - 300 * DAY, cutReason: null });
      await cache().addCoverage(user, 'timeline', { from: NOW - 250 * DAY, to: NOW, cutReason: 'budget' });
    }
    await cache().addCoverage('3', 'mentions', { from: NOW - 5 * DAY, to: NOW, cutReason: null });
    // Mentions, and posts a crash left without coverage, are found too.
    await cache().savePosts('2', 'mentions', [post({ at: at(1) }), post({ at: at(200) })], NOW);
    await cache().savePosts('4', 'timeline', [post({ at: at(300) })], NOW);

    expect(await cache().prune(NOW, POST_RETENTION_MS)).toBe(6);
    expect(await cache().posts('2', 'mentions', 0, NOW)).toHaveLength(1);
    expect(await cache().posts('4', 'timeline', 0, NOW)).toHaveLength(0);
    for (const user of ['1', '2']) {
      expect(await cache().posts(user, 'timeline', 0, NOW)).toHaveLength(2);
      expect(await cache().coverage(user, 'timeline')).toEqual([{ from: NOW - 182 * DAY, to: NOW, cutReason: 'budget' }]);
    }
    expect(await cache().coverage('3', 'mentions')).toEqual([{ from: NOW - 5 * DAY, to: NOW, cutReason: null }]); // newer coverage untouched
    expect(await cache().prune(NOW, POST_RETENTION_MS)).toBe(0);
  });
});

describe('PostStore.savePosts', () => {
  it('says how many posts were already read earlier the same UTC day, which X does not bill again', async () => {
    const posts = [post({ at: new Date(NOW - DAY).toISOString() }), post({ at: new Date(NOW - 2 * DAY).toISOString() })];
    expect(await cache().savePosts('1', 'timeline', posts, NOW)).toEqual({ paidToday: 0, sameRead: 0 });
    expect(await cache().savePosts('1', 'timeline', posts, NOW + 3_600_000)).toEqual({ paidToday: 2, sameRead: 0 });
    // The same read storing them again (a report taken over after a crash): counted once, not as paid earlier.
    expect(await cache().savePosts('1', 'timeline', posts.slice(1), NOW + 3_600_000)).toEqual({ paidToday: 0, sameRead: 1 });
    // The next UTC day X bills them again.
    const tomorrow = Date.parse('2026-11-24T00:00:01Z');
    expect(await cache().savePosts('1', 'timeline', posts, tomorrow)).toEqual({ paidToday: 0, sameRead: 0 });
    // Another account's stored copy is its own.
    expect(await cache().savePosts('2', 'timeline', posts, tomorrow)).toEqual({ paidToday: 0, sameRead: 0 });
    // A read that began later but stored first was billed for them: the earlier read storing them after is not.
    const later = [post({ at: new Date(NOW - 3 * DAY).toISOString() })];
    expect(await cache().savePosts('3', 'timeline', later, NOW + 60_000)).toEqual({ paidToday: 0, sameRead: 0 });
    expect(await cache().savePosts('3', 'timeline', later, NOW)).toEqual({ paidToday: 1, sameRead: 0 });
  });

  it('counts a post X bills once as billed once when two replicas store it at the same moment', async () => {
    const other = await engine.replica();
    const rounds = 20;
    let billed = 0;
    for (let round = 0; round < rounds; round++) {
      const posts = Array.from({ length: 50 }, (_, i) => post({ at: new Date(NOW - (round * 50 + i + 1) * 60_000).toISOString() }));
      // Two reads of one timeline (two members' reports, on two replicas), each with its own read time.
      const saved = await Promise.all([
        cache().savePosts('1', 'timeline', posts, NOW + round * 10),
        other.posts.savePosts('1', 'timeline', posts, NOW + round * 10 + 1),
      ]);
      billed += saved.reduce((sum, page) => sum + posts.length - page.paidToday - page.sameRead, 0);
    }
    // Each post once: whichever stored it second found it paid for earlier the same UTC day.
    expect(billed).toBe(rounds * 50);
  });
});

describe('PostStore follower snapshots', () => {
  it('keeps one follower count per UTC day from each profile read, and forgets them with the account or with age', async () => {
    const profile = (followers: number) => ({ id: '1', name: 'a', username: 'a', public_metrics: { followers_count: followers } });
    await cache().saveProfile(profile(100), NOW - 3 * DAY);
    await cache().saveProfile(profile(110), NOW - 1000);
    await cache().saveProfile(profile(120), NOW); // the same UTC day: the later count stands
    await cache().saveProfile({ id: '1', name: 'a', username: 'a' }, NOW + 1000); // no count: nothing to keep
    expect(await cache().followerSnapshots('1')).toEqual([
      { day: '2026-11-20', followers: 100 },
      { day: '2026-11-23', followers: 120 },
    ]);
    expect(await cache().prune(NOW + 182 * DAY, POST_RETENTION_MS)).toBe(0);
    expect(await cache().followerSnapshots('1')).toEqual([{ day: '2026-11-23', followers: 120 }]);
    await cache().forgetXAccount('1');
    expect(await cache().followerSnapshots('1')).toEqual([]);
  });
});

describe('PostStore.forgetUnlinked', () => {
  it('deletes what is stored for X accounts no member links, and keeps the linked ones', async () => {
    await engine.sql(
      "insert into linked_accounts (discord_user_id, x_user_id, x_screen_name, access_token_sealed, access_secret_sealed, key_id, linked_at, updated_at) values ('300', '1', 'ada', 's', 's', 'k', 0, 0)",
    );
    for (const user of ['1', '2']) {
      await cache().savePosts(user, 'timeline', [post({ at: new Date(NOW - DAY).toISOString() })], NOW);
      await cache().addCoverage(user, 'timeline', { from: NOW - 2 * DAY, to: NOW, cutReason: null });
      await cache().markRefreshed(user, 'timeline', NOW);
      await cache().saveProfile({ id: user, name: user, username: user }, NOW);
    }
    await cache().savePosts('5', 'mentions', [post({ at: new Date(NOW - DAY).toISOString() })], NOW); // posts alone
    expect(await cache().forgetUnlinked()).toBe(2);
    for (const table of ['x_posts', 'x_coverage', 'x_fetch_state', 'x_profiles']) {
      expect(await engine.sql(`select distinct x_user_id as id from ${table}`)).toEqual([{ id: '1' }]);
    }
    expect(await cache().forgetUnlinked()).toBe(0);
  });
});

describe('PostStore stored posts', () => {
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

  it('gives back what toStoredPost keeps of each post, and nothing of the rest', async () => {
    const bare = { id: '1888000000000000002', text: 'no metrics at all', created_at: at };
    await cache().savePosts('1', 'timeline', [full, bare], NOW);
    const back = await cache().posts('1', 'timeline', 0, NOW);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...back].sort(byId)).toEqual([toStoredPost(full), toStoredPost(bare)].sort(byId));
    const columns = await engine.one('select * from x_posts limit 1');
    expect(Object.keys(columns)).not.toContain('json');
  });

  it('keeps private metrics through a read that could not ask for them, and takes new ones from a read that did', async () => {
    const withPrivate = (n: number) => ({ ...full, non_public_metrics: { impression_count: n, user_profile_clicks: 2, engagements: 7 } });
    const likes = (n: number) => ({ ...full, public_metrics: { ...full.public_metrics, like_count: n } });
    await cache().savePosts('1', 'timeline', [withPrivate(100)], NOW);
    await cache().savePosts('1', 'timeline', [likes(9)], NOW + 1);
    expect((await cache().posts('1', 'timeline', 0, NOW))[0]).toMatchObject({
      likes: 9,
      privateMetrics: { impression_count: 100, user_profile_clicks: 2, engagements: 7 },
    });
    expect((await cache().posts('1', 'timeline', 0, NOW))[0]?.privateMetrics).not.toHaveProperty('url_link_clicks');
    await cache().savePosts('1', 'timeline', [{ ...withPrivate(300), non_public_metrics: { impression_count: 300 } }], NOW + 2);
    expect((await cache().posts('1', 'timeline', 0, NOW))[0]?.privateMetrics).toEqual({ impression_count: 300 });
  });
});

describe('PostStore.savePosts across a run taken over', () => {
  it('counts a post X billed once as billed once when another read stores it between two attempts of one run', async () => {
    const posts = [post({ at: new Date(NOW - 3_600_000).toISOString() })];
    const counted = new Set([posts[0]!.id]);
    const runRead = NOW; // a run's read time, kept by every attempt
    const laterRead = NOW + 60_000; // another member's report of the same timeline, begun a minute later
    // Billed as a reader counts it: +1 as it arrives, -1 if its run counted it before, less sameRead and paidToday.
    const billedBy = (page: { sameRead: number; paidToday: number }, countedBefore: boolean) =>
      1 - (countedBefore ? 1 : 0) - page.sameRead - page.paidToday;
    // The run's first attempt counted the post as it arrived and died before storing it.
    let billed = 1;
    // Its second attempt reads it again (counted before) and stores it.
    billed += billedBy(await cache().savePosts('1', 'timeline', posts, runRead, undefined, counted), true);
    // The other read stores it too: X billed it once already today.
    billed += billedBy(await cache().savePosts('1', 'timeline', posts, laterRead), false);
    // A third attempt (the second died as well) reads it again, still within what the first counted.
    billed += billedBy(await cache().savePosts('1', 'timeline', posts, runRead, undefined, counted), true);
    expect(billed).toBe(1);
  });
});
