import { describe, expect, it } from 'vitest';
import { PageGate } from '../../../src/report/lanes/page-gate.js';

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

describe('PageGate in admission order', () => {
  it('gives freed room to the earliest-admitted report waiting, whoever asked first', async () => {
    const gate = new PageGate(1);
    const first = await gate.acquire();
    const order: number[] = [];
    const wait = (runId: number) =>
      gate
        .for(runId)
        .acquire()
        .then((release) => {
          order.push(runId);
          release();
        });
    // Later reports ask first: run 9, then 7, then 3, then 7 again.
    const all = Promise.all([wait(9), wait(7), wait(3), wait(7)]);
    first();
    await all;
    expect(order).toEqual([3, 7, 7, 9]);
    expect(gate.held).toBe(0);
  });

  it('takes a waiter out of line when its report gives up, and gives its turn to the next', async () => {
    const gate = new PageGate(1);
    const first = await gate.acquire();
    const stop = new AbortController();
    const givenUp = gate.for(1).acquire(stop.signal);
    const next = gate.for(2).acquire();
    stop.abort(new Error('report deadline reached'));
    await expect(givenUp).rejects.toThrow('report deadline reached');
    expect(gate.queued).toBe(1);
    first();
    (await next)();
    expect(gate.held).toBe(0);
    await expect(gate.acquire(AbortSignal.abort(new Error('too late')))).rejects.toThrow('too late');
    expect(gate.held).toBe(0);
  });
});
