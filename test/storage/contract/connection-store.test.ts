// The Linked Roles store's contract, on whichever engine runs (engine.ts).
// States are signed, not stored, when a sign-in opens; the store records one
// only when Discord sends it back, to refuse a second use. A forgotten
// connection moves into the clear queue as it was.

import { expect, it } from 'vitest';
import { type Engine, useEngine } from './engine.js';

const engine: Engine = useEngine();
const NOW = Date.parse('2026-11-24T12:00:00Z');
const state = (n: number, expiresAt = NOW + 600_000) => ({ stateHash: `s${n}`, browserHash: `b${n}`, expiresAt });
const store = () => engine.stores.connections;

it('records a used state once, and forgets it once it has expired anyway', async () => {
  expect(await store().useState(state(1, NOW + 1000), NOW)).toBe(true);
  expect(await store().useState(state(1, NOW + 1000), NOW)).toBe(false);
  expect(await store().useState(state(2), NOW)).toBe(true);
  // s1 expired: purged on the next use, so the table holds only states that could still be replayed.
  expect(await store().useState(state(3), NOW + 1000)).toBe(true);
  expect(await engine.sql('select state_hash from role_connection_states order by state_hash')).toEqual([
    { state_hash: 's2' },
    { state_hash: 's3' },
  ]);
});

it('records a state once when two replicas race to use it', async () => {
  const other = await engine.replica();
  const uses = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? other.connections : store()).useState(state(1), NOW)));
  expect(uses.filter(Boolean)).toHaveLength(1);
});

it('moves a forgotten connection into the clear queue with its sealed tokens, and nothing for a member without one', async () => {
  await store().save({
    discordUserId: 'u1',
    accessTokenSealed: 'A',
    refreshTokenSealed: 'R',
    keyId: 'k',
    expiresAt: NOW + 5,
    updatedAt: NOW,
  });
  expect(await engine.stores.links.forgetUnlinkedMember('u1', NOW)).toBe(true);
  expect(await store().get('u1')).toBeUndefined();
  const clears = await store().clearsFor('u1');
  expect(clears).toHaveLength(1);
  expect(await store().findClear(clears[0]!)).toMatchObject({
    accessTokenSealed: 'A',
    refreshTokenSealed: 'R',
    expiresAt: NOW + 5,
    attempts: 0,
    nextAttemptAt: NOW,
  });
  expect(await engine.stores.links.forgetUnlinkedMember('u2', NOW)).toBe(false);
  const [id] = await store().clearsDue(NOW, 10);
  const other = await engine.replica();
  // Two sweeps, on two replicas, take the same attempt: one wins.
  const taken = await Promise.all([
    store().takeClearAttempt(id!, 0, NOW + 60_000),
    other.connections.takeClearAttempt(id!, 0, NOW + 60_000),
  ]);
  expect(taken.filter(Boolean)).toHaveLength(1);
  expect(await store().clearsDue(NOW, 10)).toEqual([]);
  expect(await store().clearsDue(null, 10)).toEqual([id]);
});
