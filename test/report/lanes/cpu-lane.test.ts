import { describe, expect, it } from 'vitest';
import { CpuLane } from '../../../src/report/lanes/cpu-lane.js';

describe('CpuLane', () => {
  it('runs one block at a time, the earliest-admitted report’s first, each in a turn of its own', async () => {
    let release: () => void = () => undefined;
    const lane = new CpuLane(() => new Promise<void>((resolve) => (release = resolve)));
    const order: string[] = [];
    const block = (name: string, priority: number) => lane.run(() => order.push(name), priority);
    const done = Promise.all([block('late report', 9), block('early report', 2), block('middle report', 5), block('early again', 2)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]); // waits for `before` (the acks) before taking any
    for (let i = 0; i < 4; i++) {
      release();
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await done;
    // The first block is chosen only once the lane may run: by then every block is waiting.
    expect(order).toEqual(['early report', 'early again', 'middle report', 'late report']);
  });

  it('holds the lane until a block’s promise settles, and passes on its result or failure', async () => {
    const lane = new CpuLane();
    const order: string[] = [];
    let finish: () => void = () => undefined;
    const slow = lane.run(
      () =>
        new Promise<string>((resolve) => {
          order.push('slow starts');
          finish = () => resolve('slow');
        }),
      1,
    );
    const failing = lane.run(() => {
      order.push('failing');
      throw new Error('disk full');
    }, 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual(['slow starts']);
    finish();
    expect(await slow).toBe('slow');
    await expect(failing).rejects.toThrow('disk full');
    expect(await lane.run(() => 42)).toBe(42);
  });
});
