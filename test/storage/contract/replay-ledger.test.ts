// The replay ledger's contract, on whichever engine runs (engine.ts): an
// interaction id is first seen once, whoever asks and however many ask at
// once, until its token has expired.

import { expect, it } from 'vitest';
import { INTERACTION_TOKEN_LIFETIME_MS } from '../../../src/interaction/contract.js';
import { queryStores } from '../../support/test-engine.js';
import { type Engine, useEngine } from './engine.js';

const engine: Engine = useEngine();
const replays = () => engine.stores.replays;
const id = (n: number) => String(1456789012345678901n + BigInt(n));

it('answers that an id is first seen once, on this connection or another', async () => {
  const other = await engine.replica();
  expect(await replays().firstSeen(id(1))).toBe(true);
  expect(await replays().firstSeen(id(1))).toBe(false);
  expect(await other.replays.firstSeen(id(1))).toBe(false);
  expect(await other.replays.firstSeen(id(2))).toBe(true);
});

it('of the same id asked many times at once, on two connections, answers exactly one as first', async () => {
  const other = await engine.replica();
  const asks = Array.from({ length: 20 }, (_, i) => (i % 2 ? other : engine.stores).replays.firstSeen(id(7)));
  const answers = await Promise.all(asks);
  expect(answers.filter(Boolean)).toHaveLength(1);
});

it('answers each of many ids asked at once, with a duplicate among them, and has stored every one by then', async () => {
  const other = await engine.replica();
  const ids = [...Array.from({ length: 50 }, (_, i) => id(i)), id(3)];
  const answers = await Promise.all(ids.map((x) => replays().firstSeen(x)));
  expect(answers).toEqual([...ids.slice(0, 50).map(() => true), false]);
  // Read on another connection: what was answered has been committed.
  const stored = await queryStores<{ n: unknown }>(other, 'select count(*) as n from handled_interactions', []);
  expect(Number(stored[0]?.n)).toBe(50);
});

it('forgets ids whose token has expired, so the ledger does not grow without end', async () => {
  engine.clock.now = 1_000_000;
  expect(await replays().firstSeen(id(1))).toBe(true);
  engine.clock.now += INTERACTION_TOKEN_LIFETIME_MS + 60_001;
  expect(await replays().firstSeen(id(2))).toBe(true);
  expect(await engine.sql('select id from handled_interactions')).toEqual([{ id: id(2) }]);
});
