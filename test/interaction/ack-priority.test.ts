// Background work waits for the acks in flight, but never for long.

import { describe, expect, it } from 'vitest';
import { AckPriority } from '../../src/interaction/ack-priority.js';

describe('AckPriority', () => {
  it('lets background work start once no interaction awaits its ack', async () => {
    const acks = new AckPriority();
    const order: string[] = [];
    acks.begin();
    acks.begin();
    const work = acks.whenIdle().then(() => order.push('work'));
    await new Promise((r) => setImmediate(r));
    acks.end();
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]); // one ack still in flight
    order.push('ack');
    acks.end();
    await work;
    expect(order).toEqual(['ack', 'work']);
  });

  it('starts the work anyway after a short wait, so a steady stream of interactions cannot starve it', async () => {
    const acks = new AckPriority();
    acks.begin(); // never ends
    const started = performance.now();
    await acks.whenIdle();
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });
});

describe('AckPriority lets waiting work go', () => {
  const turn = () => new Promise((r) => setImmediate(r));

  it('together, in the order it asked, once the acks are out; not while another interaction has arrived', async () => {
    const acks = new AckPriority(60_000);
    const gone: number[] = [];
    acks.begin();
    for (let i = 0; i < 4; i++) void acks.whenIdle().then(() => gone.push(i));
    acks.end();
    acks.begin(); // another arrives before the work's turn: it waits for that ack too
    await turn();
    await turn();
    expect(gone).toEqual([]);
    acks.end();
    await turn();
    expect(gone).toEqual([0, 1, 2, 3]);
  });

  it('past the wait, still one per turn while interactions keep arriving, so their requests are read between', async () => {
    const acks = new AckPriority(20);
    acks.begin(); // never ends
    const gone: number[] = [];
    const all = Array.from({ length: 5 }, (_, i) => acks.whenIdle().then(() => gone.push(i)));
    // How many have gone, seen at every turn until all have.
    const seen: number[] = [];
    const watch = () => {
      seen.push(gone.length);
      if (gone.length < 5) setImmediate(watch);
    };
    watch();
    await Promise.all(all);
    await turn();
    expect(gone).toEqual([0, 1, 2, 3, 4]);
    const steps = seen.slice(1).map((n, i) => n - seen[i]!);
    expect(Math.max(...steps)).toBe(1);
  });
});
