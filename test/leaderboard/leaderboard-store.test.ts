// The leaderboard port's contract, on whichever engine this run tests (SQLite
// always; PostgreSQL too in the postgres project): joins are idempotent, a
// board is per server, and unlinking or the bot leaving removes places in the
// same transaction as the rest of what is forgotten.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { openStores } from '../../src/storage/open-stores.js';
import { freshPostgresDatabase, type TestStores, testPostgresUrl } from '../support/test-engine.js';

const T0 = Date.parse('2026-11-24T10:00:00Z');
let stores: TestStores;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'board-store-'));
  const pg = testPostgresUrl ? await freshPostgresDatabase(testPostgresUrl) : null;
  stores = (await openStores(
    { databaseUrl: pg?.url ?? null, databasePath: join(dir, 'bot.sqlite'), databasePoolSize: 2 },
    () => T0,
    silentLogger,
  )) as TestStores;
  cleanup = async () => {
    await stores.close();
    await pg?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
});
afterEach(() => cleanup());

it('joins once, per server, and lists members oldest first', async () => {
  const board = stores.leaderboard;
  expect(await board.join('g1', 'b', T0 + 1)).toBe(true);
  expect(await board.join('g1', 'a', T0 + 2)).toBe(true);
  expect(await board.join('g1', 'b', T0 + 3)).toBe(false);
  expect(await board.join('g2', 'a', T0)).toBe(true);
  expect(await board.members('g1')).toEqual([
    { discordUserId: 'b', joinedAt: T0 + 1 },
    { discordUserId: 'a', joinedAt: T0 + 2 },
  ]);
  expect(await board.isMember('g2', 'b')).toBe(false);
  expect(await board.leave('g1', 'b')).toBe(true);
  expect(await board.leave('g1', 'b')).toBe(false);
  expect((await board.members('g1')).map((m) => m.discordUserId)).toEqual(['a']);
});

it('takes an unlinked member off every board, and a left server’s board away, with the rest', async () => {
  const board = stores.leaderboard;
  await board.join('g1', 'a', T0);
  await board.join('g2', 'a', T0);
  await board.join('g2', 'c', T0);
  await stores.forgetMemberData({ discordUserId: 'a', xUserId: '1', linkedAt: T0 });
  expect(await board.members('g1')).toEqual([]);
  expect((await board.members('g2')).map((m) => m.discordUserId)).toEqual(['c']);
  await stores.forgetGuild('g2');
  expect(await board.members('g2')).toEqual([]);
});

it('lets two joins race to one place', async () => {
  const board = stores.leaderboard;
  const results = await Promise.all([board.join('g1', 'a', T0), board.join('g1', 'a', T0)]);
  expect(results.filter(Boolean)).toHaveLength(1);
  expect(await board.members('g1')).toHaveLength(1);
});
