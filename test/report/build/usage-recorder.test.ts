import { describe, expect, it } from 'vitest';
import { UsageRecorder } from '../../../src/report/build/usage-recorder.js';

/** A store whose writes finish when the test says, in any order, as two pooled PostgreSQL connections may. */
function setup() {
  const usage = { requests: 0 };
  const issued: number[] = [];
  const stored: number[] = [];
  const open: Array<() => void> = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const recorder = new UsageRecorder(() => {
    const value = usage.requests;
    issued.push(value);
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    return new Promise<void>((resolve) =>
      open.push(() => {
        stored.push(value);
        inFlight--;
        resolve();
      }),
    );
  });
  /** Finishes the newest write first: what made an older figure stand last. */
  const finishNewest = async () => {
    open.pop()?.();
    await settle(); // the write's end is seen
    await settle(); // and the growth it waited on is written
  };
  return { usage, issued, stored, open, recorder, finishNewest, mostInFlight: () => mostInFlight };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a running report’s usage record', () => {
  it('writes one at a time, so the figure that stands is the newest, whatever order writes could finish in', async () => {
    const { usage, issued, stored, open, recorder, finishNewest, mostInFlight } = setup();
    usage.requests = 1;
    recorder.soon();
    await settle();
    usage.requests = 2;
    recorder.soon();
    await settle();
    usage.requests = 3;
    recorder.soon();
    await settle();
    expect(issued).toEqual([1]); // the growth waits for the write under way
    while (open.length > 0) await finishNewest();
    expect(mostInFlight()).toBe(1);
    expect(issued).toEqual([1, 3]);
    expect(stored.at(-1)).toBe(3);
  });

  it('gathers the growth of one turn into one write', async () => {
    const { usage, issued, recorder } = setup();
    for (let i = 1; i <= 5; i++) {
      usage.requests = i;
      recorder.soon();
    }
    await settle();
    expect(issued).toEqual([5]);
  });

  it('stops only once the write under way is stored, and writes nothing after, so the run’s end is the last word', async () => {
    const { usage, issued, stored, open, recorder, finishNewest } = setup();
    usage.requests = 1;
    recorder.soon();
    await settle();
    usage.requests = 2;
    recorder.soon(); // grew during the write: the run's end records it
    let stopped = false;
    const stopping = recorder.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    await finishNewest();
    await stopping;
    expect(stored).toEqual([1]);
    recorder.soon();
    await settle();
    expect(issued).toEqual([1]);
    expect(open).toHaveLength(0);
  });

  it('drops a write still waiting for its turn when stopped', async () => {
    const { usage, issued, recorder } = setup();
    usage.requests = 1;
    recorder.soon();
    await recorder.stop();
    await settle();
    expect(issued).toEqual([]);
  });
});
