// The member store's contract, on whichever engine runs (engine.ts): members
// not seen for a year are forgotten; sightings are recorded daily.

import { expect, it } from 'vitest';
import { MEMBER_RETENTION_MS, SEEN_RESOLUTION_MS } from '../../../src/guilds/stores.js';
import { type Engine, useEngine } from './engine.js';

const engine: Engine = useEngine();
const members = () => engine.stores.members;
const now = Date.parse('2026-11-23T12:00:00Z');

it('forgets members not seen since the cutoff, keeping those seen after it', async () => {
  await members().seen('g1', 'old', now - MEMBER_RETENTION_MS - 1);
  await members().seen('g1', 'recent', now - 1000);
  await members().seen('g2', 'old', now); // seen again elsewhere: only that record stays
  expect(await members().forgetUnseenSince(now - MEMBER_RETENTION_MS)).toBe(1);
  expect(await engine.sql('select guild_id, discord_user_id from guild_members order by guild_id, discord_user_id')).toEqual([
    { guild_id: 'g1', discord_user_id: 'recent' },
    { guild_id: 'g2', discord_user_id: 'old' },
  ]);
});

it('records a member seen again only once a day has passed, so most commands write nothing', async () => {
  const seenAt = async () => Number((await engine.one<{ seen_at: unknown }>('select seen_at from guild_members')).seen_at);
  // A row's version: SQLite's count of changes on the connection, PostgreSQL's row version (xmin).
  const version = async () =>
    engine.name === 'sqlite'
      ? (await engine.one('select total_changes() as v')).v
      : (await engine.one('select xmin::text as v from guild_members')).v;
  await members().seen('g1', 'm', now);
  const before = await version();
  await members().seen('g1', 'm', now + SEEN_RESOLUTION_MS - 1);
  expect(await version()).toBe(before);
  expect(await seenAt()).toBe(now);
  await members().seen('g1', 'm', now + SEEN_RESOLUTION_MS);
  expect(await seenAt()).toBe(now + SEEN_RESOLUTION_MS);
  // A clock that went back never moves the record back.
  await members().seen('g1', 'm', now);
  expect(await seenAt()).toBe(now + SEEN_RESOLUTION_MS);
});
