import { describe, expect, it } from 'vitest';
import { PageGate } from '../../src/report/page-gate.js';

describe('PageGate', () => {
  it('lets `size` pages in, queues the rest in order, and hands room straight to the first in line', async () => {
    const gate = new PageGate(2);
    const a = await gate.acquire();
    const b = await gate.acquire();
    const order: string[] = [];
    const c = gate.acquire().then((release) => {
      order.push('c');
      return release;
    });
    const d = gate.acquire().then((release) => {
      order.push('d');
      return release;
    });
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    expect(gate.held).toBe(2);
    a();
    a(); // a second release of the same room gives nothing back
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['c']);
    expect(gate.held).toBe(2);
    b();
    (await c)();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect(gate.held).toBe(0);
  });

  it('refuses a gate without room', () => {
    expect(() => new PageGate(0)).toThrow(RangeError);
  });
});
