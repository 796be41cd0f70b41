// SQLite's replay ledger writes the ids asked about in one turn of the event
// loop in one transaction (each commit of its own was a fifth of an ack in a
// burst), and answers none before that has committed.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { openSqliteStores, type SqliteStores } from '../../../src/storage/sqlite/stores.js';

let dir = '';
let stores: SqliteStores;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xbot-ledger-'));
  stores = openSqliteStores(join(dir, 'bot.sqlite'), () => 1_000_000);
});
afterEach(async () => {
  if (stores.database.sqlite.open) await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

const id = (n: number) => String(1456789012345678901n + BigInt(n));

it('writes the ids asked about in one turn in one transaction, and those of the next turn in another', async () => {
  const transactions = vi.spyOn(stores.database.sqlite, 'transaction');
  const firstTurn = Array.from({ length: 30 }, (_, i) => stores.replays.firstSeen(id(i)));
  expect(await Promise.all(firstTurn)).toEqual(firstTurn.map(() => true));
  expect(transactions).toHaveBeenCalledTimes(1);
  const nextTurn = [stores.replays.firstSeen(id(0)), stores.replays.firstSeen(id(30))];
  expect(await Promise.all(nextTurn)).toEqual([false, true]);
  expect(transactions).toHaveBeenCalledTimes(2);
});

it('fails every id of a transaction that could not commit, and answers none of them as first', async () => {
  const asks = [id(1), id(2), id(3)].map((x) => stores.replays.firstSeen(x).catch((err: unknown) => err));
  stores.database.sqlite.close(); // before the turn ends: the write finds the database closed
  for (const answer of await Promise.all(asks)) expect(answer).toBeInstanceOf(Error);
});

it('stores and answers the ids asked about just before the stores close, rather than failing them', async () => {
  const asked = stores.replays.firstSeen(id(1));
  await stores.close();
  expect(await asked).toBe(true);
  stores = openSqliteStores(join(dir, 'bot.sqlite'), () => 1_000_000);
  expect(await stores.replays.firstSeen(id(1))).toBe(false);
});
