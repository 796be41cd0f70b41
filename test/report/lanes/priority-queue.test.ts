import { describe, expect, it } from 'vitest';
import { PriorityQueue } from '../../../src/report/lanes/priority-queue.js';

describe('PriorityQueue', () => {
  it('gives items back lowest priority first, first come first among equals, and lets any be taken out', () => {
    // Checked against a plain stable sort of the same items.
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const queue = new PriorityQueue<{ priority: number; name: number }>();
    const items = Array.from({ length: 300 }, (_, name) => ({ priority: Math.floor(random() * 20), name }));
    for (const item of items) queue.push(item);
    const removed = items.filter((_, i) => i % 7 === 3);
    for (const item of removed) expect(queue.remove(item)).toBe(true);
    expect(queue.remove({ priority: 1, name: -1 })).toBe(false);
    const expected = items.filter((item) => !removed.includes(item)).sort((a, b) => a.priority - b.priority || a.name - b.name);
    const got: number[] = [];
    for (let item = queue.pop(); item; item = queue.pop()) got.push(item.name);
    expect(got).toEqual(expected.map((item) => item.name));
    expect(queue.size).toBe(0);
  });
});
