// The digest store's contract, on whichever engine runs (engine.ts): a claim
// is one caller's per server and week; a stale one is taken over; only the
// current holder may renew or finish it, so a holder whose claim was taken
// over learns it before posting.

import { expect, it } from 'vitest';
import { type Engine, useEngine } from './engine.js';

const engine: Engine = useEngine();
const digests = () => engine.stores.digests;
const DUE = Date.parse('2026-11-23T08:00:00Z');
const LEASE = 120_000;

it('gives the claim to one caller, and a stale one to the next', async () => {
  expect(await digests().claim('g1', DUE, DUE + 1, DUE + 1 - LEASE)).toBe(true);
  expect(await digests().claim('g1', DUE, DUE + 2, DUE + 2 - LEASE)).toBe(false);
  expect(await digests().claim('g2', DUE, DUE + 2, DUE + 2 - LEASE)).toBe(true); // another server's is its own
  const later = DUE + 1 + LEASE + 1;
  expect(await digests().claim('g1', DUE, later, later - LEASE)).toBe(true);
  expect(await digests().last('g1')).toMatchObject({ dueAt: DUE, claimedAt: later, outcome: 'claimed' });
});

it('renews only for the holder: one whose claim was taken over, or finished, is told so', async () => {
  await digests().claim('g1', DUE, DUE + 1, DUE + 1 - LEASE);
  expect(await digests().renew('g1', DUE, DUE + 1, DUE + 40_000)).toBe(true);
  // Renewed: a lease after the claim, it is not stale.
  expect(await digests().claim('g1', DUE, DUE + 1 + LEASE + 1, DUE + 1)).toBe(false);
  // Taken over once stale after the renewal: the first holder can neither renew nor finish.
  const taken = DUE + 40_000 + LEASE + 1;
  expect(await digests().claim('g1', DUE, taken, taken - LEASE)).toBe(true);
  expect(await digests().renew('g1', DUE, DUE + 40_000, taken + 1)).toBe(false);
  const end = { outcome: 'posted' as const, costMicroUsd: 0, postsRead: 0, detail: null };
  expect(await digests().finish('g1', DUE, DUE + 40_000, end)).toBe(false);
  expect(await digests().finish('g1', DUE, taken, { ...end, outcome: 'late' })).toBe(true);
  // Finished: nothing left to renew, even at the time it holds.
  expect(await digests().renew('g1', DUE, taken, taken + 2)).toBe(false);
  expect(await digests().last('g1')).toMatchObject({ claimedAt: taken, outcome: 'late' });
});

it('renews a claim at the time it already holds (a stopped clock)', async () => {
  await digests().claim('g1', DUE, DUE, DUE - LEASE);
  expect(await digests().renew('g1', DUE, DUE, DUE)).toBe(true);
});
