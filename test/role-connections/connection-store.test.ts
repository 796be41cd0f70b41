// Linked Roles states: single use, expiring, and bounded in number, since
// anyone may open /linked-role.

import { expect, it } from 'vitest';
import { ConnectionStore } from '../../src/role-connections/connection-store.js';
import { useTempDatabase } from '../support/temp-database.js';

const db = useTempDatabase();
const NOW = Date.parse('2026-11-24T12:00:00Z');
const state = (n: number, expiresAt = NOW + 600_000) => ({ stateHash: `s${n}`, browserHash: `b${n}`, expiresAt });

it('uses a state up once, and never after it expired', () => {
  const store = new ConnectionStore(db.current.db);
  store.addState(state(1), NOW, 10);
  store.addState(state(2, NOW + 1000), NOW, 10);
  expect(store.stateBrowser('s1', NOW)).toBe('b1');
  expect(store.consumeState('s1', NOW)).toBe(true);
  expect(store.consumeState('s1', NOW)).toBe(false);
  expect(store.stateBrowser('s2', NOW + 1000)).toBeUndefined();
  expect(store.consumeState('s2', NOW + 1000)).toBe(false);
});

it('refuses a new state while the most allowed are live, and takes one again once some expired', () => {
  const store = new ConnectionStore(db.current.db);
  expect(store.addState(state(1, NOW + 1000), NOW, 2)).toBe(true);
  expect(store.addState(state(2), NOW, 2)).toBe(true);
  expect(store.addState(state(3), NOW, 2)).toBe(false);
  expect(store.stateBrowser('s3', NOW)).toBeUndefined();
  // The first expired: it is purged and the new one fits.
  expect(store.addState(state(4), NOW + 1000, 2)).toBe(true);
  expect(db.current.sqlite.prepare('select state_hash from role_connection_states order by state_hash').pluck().all()).toEqual([
    's2',
    's4',
  ]);
});
