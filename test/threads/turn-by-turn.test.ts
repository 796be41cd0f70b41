import { expect, it } from 'vitest';
import { turnByTurn } from '../../src/threads/turn-by-turn.js';

it('handles a burst one message per turn, so what each leaves for a later turn runs before the next starts', async () => {
  const events: string[] = [];
  const handle = turnByTurn((n: number) => {
    events.push(`handle ${n}`);
    setImmediate(() => events.push(`after ${n}`)); // as Node frees native memory: in a later turn
  });
  for (const n of [1, 2, 3]) handle(n);
  expect(events).toEqual([]); // not in the caller's turn
  await new Promise((r) => setTimeout(r, 20));
  expect(events).toEqual(['handle 1', 'after 1', 'handle 2', 'after 2', 'handle 3', 'after 3']);
  handle(4); // a quiet queue starts again
  await new Promise((r) => setTimeout(r, 20));
  expect(events.slice(-2)).toEqual(['handle 4', 'after 4']);
});

it('goes on with the next message when one throws', async () => {
  const seen: number[] = [];
  const errors: unknown[] = [];
  const onError = (err: unknown) => errors.push(err);
  process.on('uncaughtException', onError);
  try {
    const handle = turnByTurn((n: number) => {
      seen.push(n);
      if (n === 1) throw new Error('boom');
    });
    handle(1);
    handle(2);
    await new Promise((r) => setTimeout(r, 20));
  } finally {
    process.off('uncaughtException', onError);
  }
  expect(seen).toEqual([1, 2]);
});
