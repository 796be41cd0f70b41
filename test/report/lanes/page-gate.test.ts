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

describe('PageGate places kept for reports that started and have not asked yet', () => {
  const settled = () => new Promise((r) => setImmediate(r));
  const track = (gate: PageGate, priority: number, order: number[]) =>
    gate
      .for(priority)
      .acquire()
      .then((release) => {
        order.push(priority);
        return release;
      });

  it('keeps room for a report admitted first that asks after one admitted later', async () => {
    const gate = new PageGate(1);
    const order: number[] = [];
    gate.reserve(3);
    gate.reserve(5);
    const later = track(gate, 5, order); // report 5 is quicker to its first request
    await settled();
    expect(order).toEqual([]);
    const first = track(gate, 3, order);
    await settled();
    expect(order).toEqual([3]);
    (await first)();
    (await later)();
    expect(order).toEqual([3, 5]);
    expect(gate.held).toBe(0);
    expect(gate.queued).toBe(0);
  });

  it('gives a place never used to the next in line, and no room twice', async () => {
    const gate = new PageGate(1);
    const order: number[] = [];
    gate.reserve(3);
    gate.reserve(3); // a second reservation keeps no second place
    const later = track(gate, 5, order);
    await settled();
    expect(order).toEqual([]);
    gate.unreserve(3); // report 3 had nothing to ask X
    gate.unreserve(3);
    await settled();
    expect(order).toEqual([5]);
    (await later)();
    expect(gate.held).toBe(0);
  });

  it('lets a place still in line be taken by its report’s ask, in the place’s turn', async () => {
    const gate = new PageGate(1);
    const order: number[] = [];
    const holder = await gate.acquire();
    gate.reserve(4);
    const earlier = track(gate, 2, order);
    const mine = track(gate, 4, order); // asks while its place still waits
    const later = track(gate, 6, order);
    holder();
    (await earlier)();
    (await mine)();
    (await later)();
    expect(order).toEqual([2, 4, 6]);
    expect(gate.held).toBe(0);
    expect(gate.queued).toBe(0);
  });

  it('leaves asks of reports without a place (priority LAST, or none kept) as before', async () => {
    const gate = new PageGate(2);
    const a = await gate.acquire();
    const b = await gate.for(9).acquire();
    expect(gate.held).toBe(2);
    a();
    b();
    expect(gate.held).toBe(0);
  });
});

describe('PageGate.waits', () => {
  it('says whether a report has a read waiting for room: an ask, or a kept place, until it is given room or gives up', async () => {
    const gate = new PageGate(1);
    const held = await gate.for(1).acquire();
    expect(gate.waits(2)).toBe(false);
    const stop = new AbortController();
    const asking = gate.for(2).acquire(stop.signal);
    gate.reserve(3, 2); // both places wait in line
    expect([gate.waits(1), gate.waits(2), gate.waits(3)]).toEqual([false, true, true]);
    stop.abort(new Error('gave up'));
    await expect(asking).rejects.toThrow('gave up');
    expect(gate.waits(2)).toBe(false);
    held(); // room to the first of report 3's places
    expect(gate.waits(3)).toBe(true); // its second still waits
    gate.unreserve(3);
    expect(gate.waits(3)).toBe(false);
  });
});
