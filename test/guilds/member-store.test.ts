// Members not seen for a year are forgotten; sightings are recorded daily.

import { expect, it } from 'vitest';
import { MEMBER_RETENTION_MS, SEEN_RESOLUTION_MS } from '../../src/guilds/stores.js';
import { SqliteMemberStore } from '../../src/storage/sqlite/member-store.js';
import { useTempDatabase } from '../support/temp-database.js';

const db = useTempDatabase();

it('forgets members not seen since the cutoff, keeping those seen after it', () => {
  const database = db.current;
  const members = new SqliteMemberStore(database.db);
  const now = Date.parse('2026-11-23T12:00:00Z');
  members.seen('g1', 'old', now - MEMBER_RETENTION_MS - 1);
  members.seen('g1', 'recent', now - 1000);
  members.seen('g2', 'old', now); // seen again elsewhere: only that record stays
  expect(members.forgetUnseenSince(now - MEMBER_RETENTION_MS)).toBe(1);
  expect(database.sqlite.prepare('select guild_id, discord_user_id from guild_members order by guild_id, discord_user_id').all()).toEqual([
    { guild_id: 'g1', discord_user_id: 'recent' },
    { guild_id: 'g2', discord_user_id: 'old' },
  ]);
});

it('records a member seen again only once a day has passed, so most commands write nothing', () => {
  const database = db.current;
  const members = new SqliteMemberStore(database.db);
  const now = Date.parse('2026-11-23T12:00:00Z');
  const seenAt = () => database.sqlite.prepare('select seen_at from guild_members').pluck().get();
  const changes = () => database.sqlite.prepare('select total_changes()').pluck().get() as number;
  members.seen('g1', 'm', now);
  const before = changes();
  members.seen('g1', 'm', now + SEEN_RESOLUTION_MS - 1);
  expect(changes()).toBe(before);
  expect(seenAt()).toBe(now);
  members.seen('g1', 'm', now + SEEN_RESOLUTION_MS);
  expect(seenAt()).toBe(now + SEEN_RESOLUTION_MS);
  // A clock that went back never moves the record back.
  members.seen('g1', 'm', now);
  expect(seenAt()).toBe(now + SEEN_RESOLUTION_MS);
});
