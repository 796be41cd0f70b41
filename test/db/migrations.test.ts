// Upgrading a database made by an earlier version keeps what it knew: the
// timeline a full read had stored becomes the first span of coverage, and
// posts stored whole become the columns reports read.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { mention, post } from '../../src/local-x/posts.js';
import { toStoredPost } from '../../src/report/stored-post.js';
import { SqlitePostStore } from '../../src/storage/sqlite/post-store.js';
import type { XPost } from '../../src/twitter/v2-types.js';

const MIGRATIONS = join(import.meta.dirname, '../../drizzle/sqlite');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xbot-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as it was up to (and including) `tag`. */
function migrationsUpTo(tag: string): string {
  const folder = join(dir, 'drizzle');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  const upTo = journal.entries.findIndex((e) => e.tag === tag);
  journal.entries = journal.entries.slice(0, upTo + 1);
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify(journal));
  for (const entry of journal.entries) cpSync(join(MIGRATIONS, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  return folder;
}

it('turns the stored state of full reads into spans, and forgets a full read that never finished', () => {
  const path = join(dir, 'bot.sqlite');
  const old = new BetterSqlite3(path);
  migrate(drizzle(old), { migrationsFolder: migrationsUpTo('0006_post_retention') });
  const insert = old.prepare(
    'insert into x_fetch_state (x_user_id, source, covered_from, full_read_at, last_read_at, cut_reason) values (?, ?, ?, ?, ?, ?)',
  );
  insert.run('1', 'timeline', 1000, 5000, 6000, 'max-posts');
  insert.run('1', 'mentions', 2000, 5000, 5000, null);
  insert.run('2', 'timeline', 1000, 0, 6000, null); // a full read cut off by a crash
  old.close();

  const upgraded = openDatabase(path);
  expect(upgraded.sqlite.prepare('select * from x_coverage order by x_user_id, source').all()).toEqual([
    { x_user_id: '1', source: 'mentions', covered_from: 2000, covered_to: 5000, cut_reason: null },
    { x_user_id: '1', source: 'timeline', covered_from: 1000, covered_to: 6000, cut_reason: 'max-posts' },
  ]);
  expect(upgraded.sqlite.prepare("select refreshed_at from x_fetch_state where x_user_id = '1' and source = 'timeline'").get()).toEqual({
    refreshed_at: 5000,
  });
  upgraded.close();
});

it('turns posts stored as X sent them into the columns reports read, as a new read would store them', () => {
  const path = join(dir, 'bot.sqlite');
  const old = new BetterSqlite3(path);
  migrate(drizzle(old), { migrationsFolder: migrationsUpTo('0014_member_time_zones') });
  const at = '2026-11-20T10:00:00.000Z';
  const reply = post({
    at,
    kind: 'reply',
    refId: '1888000000000000001',
    likes: 4,
    reposts: 1,
    replies: 2,
    quotes: 3,
    bookmarks: 5,
    impressions: 90,
    hashtags: ['TypeScript', 'AI'],
    mentions: ['bob', 'Eve'],
    urls: ['https://www.GitHub.com/ada?tab=1', 'https://t.co/x', 'https://user@Blog.Example.com:8443/p#top', 'http://bare.example'],
    media: true,
  });
  const posts: XPost[] = [
    { ...reply, text: `${'ü'.repeat(300)}`, non_public_metrics: { impression_count: 120, url_link_clicks: 3 } },
    post({ at, kind: 'repost', likes: 999 }),
    post({ at, kind: 'quote' }),
    { ...mention(at, '555'), public_metrics: { impression_count: 0 } },
    { id: '1888000000000000009', text: 'nothing else', created_at: at },
  ];
  const insert = old.prepare('insert into x_posts (x_user_id, source, id, created_at, json, fetched_at) values (?, ?, ?, ?, ?, ?)');
  for (const [i, p] of posts.entries()) insert.run('1', 'timeline', `${p.id}${i}`, Date.parse(p.created_at), JSON.stringify(p), 5000);
  old.close();

  const upgraded = openDatabase(path);
  const cache = new SqlitePostStore(upgraded.db);
  const byId = new Map(cache.posts('1', 'timeline', 0, Date.parse(at)).map((p) => [p.id, p]));
  for (const [i, p] of posts.entries()) expect(byId.get(`${p.id}${i}`)).toEqual({ ...toStoredPost(p), id: `${p.id}${i}` });
  expect(upgraded.sqlite.prepare('select distinct fetched_at from x_posts').all()).toEqual([{ fetched_at: 5000 }]);
  upgraded.close();
});

it('leaves the database as it was when the conversion of stored posts fails part way, so no post is lost', () => {
  const path = join(dir, 'bot.sqlite');
  const old = new BetterSqlite3(path);
  migrate(drizzle(old), { migrationsFolder: migrationsUpTo('0014_member_time_zones') });
  const insert = old.prepare('insert into x_posts (x_user_id, source, id, created_at, json, fetched_at) values (?, ?, ?, ?, ?, ?)');
  const good = post({ at: '2026-11-20T10:00:00.000Z', likes: 3 });
  insert.run('1', 'timeline', good.id, Date.parse(good.created_at), JSON.stringify(good), 5000);
  insert.run('1', 'timeline', '2', 0, '{"id": "2", "text": ', 5000); // cut off: what a damaged file might hold
  old.close();

  expect(() => openDatabase(path)).toThrow(/JSON/i);
  const after = new BetterSqlite3(path);
  expect(after.prepare('select id, json from x_posts order by created_at').all()).toEqual([
    { id: '2', json: '{"id": "2", "text": ' },
    { id: good.id, json: JSON.stringify(good) },
  ]);
  after.close();
});
