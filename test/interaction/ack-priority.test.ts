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
