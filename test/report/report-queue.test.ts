// The report queue and the CPU lane: bounded, ordered, and never in the turn
// of the event loop that answers Discord.

import { describe, expect, it } from 'vitest';
import { AckPriority } from '../../src/interaction/ack-priority.js';
import { CpuLane } from '../../src/report/cpu-lane.js';
import { LocalReportQueue } from '../../src/report/report-queue.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('LocalReportQueue', () => {
  it('runs at most `concurrency` jobs, tells waiting ones their place, and starts each after the current turn', async () => {
    const queue = new LocalReportQueue(2);
    const releases: Array<() => void> = [];
    const started: number[] = [];
    const places: Array<[number, number]> = [];
    const jobs = [0, 1, 2, 3].map((i) =>
      queue.submit(
        () =>
          new Promise<number>((resolve) => {
            started.push(i);
            releases.push(() => resolve(i));
          }),
        (ahead) => places.push([i, ahead]),
      ),
    );
    expect(started).toEqual([]); // not in the caller's turn
    await tick();
    expect(started).toEqual([0, 1]);
    expect(places).toEqual([
      [2, 1],
      [3, 2],
    ]);
    releases[0]?.();
    await tick();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const release of releases.slice(1)) release();
    await tick();
    await tick();
    releases[3]?.();
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3]);
  });

  it('frees the slot of a job that fails', async () => {
    const queue = new LocalReportQueue(1);
    await expect(queue.submit(() => Promise.reject(new Error('x down')))).rejects.toThrow('x down');
    expect(await queue.submit(() => Promise.resolve('next'))).toBe('next');
  });
});

describe('CpuLane', () => {
  it('runs work one block at a time, each in a turn of its own, and survives a throwing block', async () => {
    const lane = new CpuLane();
    const order: string[] = [];
    const a = lane.run(() => order.push('a'));
    const b = lane.run(() => {
      throw new Error('bad data');
    });
    const c = lane.run(() => order.push('c'));
    setImmediate(() => order.push('ack'));
    await expect(b).rejects.toThrow('bad data');
    await Promise.all([a, c]);
    expect(order[0]).not.toBe('a'); // the ack queued before the lane's first block ran first
    expect(order.filter((o) => o !== 'ack')).toEqual(['a', 'c']);
  });

  it('lets I/O in between blocks: many blocks queued in one turn do not run back to back', async () => {
    const lane = new CpuLane();
    const order: string[] = [];
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    // A timer stands for an arriving request; each block is long enough for it to be due after the first.
    const io = new Promise<void>((resolve) =>
      setTimeout(() => {
        order.push('io');
        resolve();
      }, 1),
    );
    const blocks = Array.from({ length: 3 }, (_, i) =>
      lane.run(() => {
        busy(3);
        order.push(`block ${i}`);
      }),
    );
    await Promise.all([...blocks, io]);
    expect(order.indexOf('io')).toBeLessThan(order.indexOf('block 2'));
  });

  it('waits for `before` as each block reaches the head: blocks yield to acks waiting then', async () => {
    const acks = new AckPriority();
    const lane = new CpuLane(() => acks.whenIdle());
    const order: string[] = [];
    acks.begin();
    const block = lane.run(() => order.push('block'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    order.push('ack');
    acks.end();
    await block;
    expect(order).toEqual(['ack', 'block']);
  });
});
