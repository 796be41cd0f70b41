// The leaderboard store's contract, on whichever engine runs (engine.ts):
// joins are idempotent and per server, members are read oldest first (ties by
// id, so a board lists them the same way on both engines), leaving says
// whether there was anything to leave, and unlinking or the bot leaving a
// server removes places in the same transaction as the rest of what is
// forgotten. Two replicas joining at once make one place.

import { expect, it } from 'vitest';
import { type Engine, useEngine } from './engine.js';

const engine: Engine = useEngine();
const board = () => engine.stores.leaderboard;
const T0 = Date.parse('2026-11-24T10:00:00Z');

it('joins once per server, and reads members oldest first, ties by id', async () => {
  expect(await board().join('g1', 'b', T0 + 1)).toBe(true);
  expect(await board().join('g1', 'c', T0 + 2)).toBe(true);
  expect(await board().join('g1', 'a', T0 + 2)).toBe(true);
  expect(await board().join('g1', 'b', T0 + 3)).toBe(false); // already on it: joined when first joined
  expect(await board().join('g2', 'a', T0)).toBe(true);
  expect(await board().members('g1')).toEqual([
    { discordUserId: 'b', joinedAt: T0 + 1 },
    { discordUserId: 'a', joinedAt: T0 + 2 },
    { discordUserId: 'c', joinedAt: T0 + 2 },
  ]);
  expect(await board().members('g2')).toEqual([{ discordUserId: 'a', joinedAt: T0 }]);
  expect(await board().members('g3')).toEqual([]);
  expect(await board().isMember('g1', 'b')).toBe(true);
  expect(await board().isMember('g2', 'b')).toBe(false);
});

it('leaves one server’s board, saying whether the member was on it', async () => {
  await board().join('g1', 'a', T0);
  await board().join('g2', 'a', T0);
  expect(await board().leave('g1', 'a')).toBe(true);
  expect(await board().leave('g1', 'a')).toBe(false);
  expect(await board().leave('g1', 'nobody')).toBe(false);
  expect(await board().isMember('g1', 'a')).toBe(false);
  expect(await board().isMember('g2', 'a')).toBe(true);
  // Joining again after leaving is a new place, from the new time.
  expect(await board().join('g1', 'a', T0 + 5)).toBe(true);
  expect(await board().members('g1')).toEqual([{ discordUserId: 'a', joinedAt: T0 + 5 }]);
});

it('takes an unlinked member off every board, and a left server’s board away, with the rest', async () => {
  await board().join('g1', 'a', T0);
  await board().join('g2', 'a', T0);
  await board().join('g2', 'c', T0);
  await engine.stores.forgetMemberData({ discordUserId: 'a', xUserId: '1', linkedAt: T0 });
  expect(await board().members('g1')).toEqual([]);
  expect((await board().members('g2')).map((m) => m.discordUserId)).toEqual(['c']);
  await engine.stores.forgetGuild('g2');
  expect(await board().members('g2')).toEqual([]);
  expect(await engine.sql('select * from leaderboard_members')).toEqual([]);
});

it('gives two replicas joining at once one place', async () => {
  const other = (await engine.replica()).leaderboard;
  const results = await Promise.all([board().join('g1', 'a', T0), other.join('g1', 'a', T0 + 1), board().join('g1', 'a', T0 + 2)]);
  expect(results.filter(Boolean)).toHaveLength(1);
  expect(await other.members('g1')).toHaveLength(1);
  expect(await Promise.all([board().leave('g1', 'a'), other.leave('g1', 'a')])).toEqual(expect.arrayContaining([true, false]));
});
