// Linked Roles states are signed, not stored, when a sign-in opens; the store
// records one only when Discord sends it back, to refuse a second use. A
// forgotten connection moves into the clear queue as it was.

import { expect, it } from 'vitest';
import { SqliteConnectionStore } from '../../src/storage/sqlite/connection-store.js';
import { forgetConnection } from '../../src/storage/sqlite/forgotten-connection.js';
import { useTempDatabase } from '../support/temp-database.js';

const db = useTempDatabase();
const NOW = Date.parse('2026-11-24T12:00:00Z');
const state = (n: number, expiresAt = NOW + 600_000) => ({ stateHash: `s${n}`, browserHash: `b${n}`, expiresAt });

it('records a used state once, and forgets it once it has expired anyway', () => {
  const store = new SqliteConnectionStore(db.current.db);
  expect(store.useState(state(1, NOW + 1000), NOW)).toBe(true);
  expect(store.useState(state(1, NOW + 1000), NOW)).toBe(false);
  expect(store.useState(state(2), NOW)).toBe(true);
  // s1 expired: purged on the next use, so the table holds only states that could still be replayed.
  expect(store.useState(state(3), NOW + 1000)).toBe(true);
  expect(db.current.sqlite.prepare('select state_hash from role_connection_states order by state_hash').pluck().all()).toEqual([
    's2',
    's3',
  ]);
});

it('moves a forgotten connection into the clear queue with its sealed tokens, and nothing for a member without one', () => {
  const store = new SqliteConnectionStore(db.current.db);
  store.save({ discordUserId: 'u1', accessTokenSealed: 'A', refreshTokenSealed: 'R', keyId: 'k', expiresAt: NOW + 5, updatedAt: NOW });
  expect(db.current.db.transaction((tx) => forgetConnection(tx, 'u1', NOW))).toBe(true);
  expect(store.get('u1')).toBeUndefined();
  expect(store.clearsFor('u1')).toHaveLength(1);
  expect(store.findClear(store.clearsFor('u1')[0]!)).toMatchObject({
    accessTokenSealed: 'A',
    refreshTokenSealed: 'R',
    expiresAt: NOW + 5,
    attempts: 0,
    nextAttemptAt: NOW,
  });
  expect(db.current.db.transaction((tx) => forgetConnection(tx, 'u2', NOW))).toBe(false);
  const [id] = store.clearsDue(NOW, 10);
  expect(store.takeClearAttempt(id!, 0, NOW + 60_000)).toBe(true);
  expect(store.takeClearAttempt(id!, 0, NOW + 60_000)).toBe(false); // taken already by another sweep
  expect(store.clearsDue(NOW, 10)).toEqual([]);
  expect(store.clearsDue(null, 10)).toEqual([id]);
});
