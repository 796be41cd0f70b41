import { describe, expect, it } from 'vitest';
import type { BotMessage } from '../../../src/interaction/contract.js';
import { ReportProgress } from '../../../src/report/build/progress.js';

function setup(everyMs: number) {
  const clock = { now: 1_000_000 };
  const edits: string[] = [];
  const pending: Array<() => void> = [];
  let hold = false;
  const webhooks = {
    editOriginal: async (_token: string, message: BotMessage) => {
      if (hold) await new Promise<void>((resolve) => pending.push(resolve));
      edits.push(JSON.stringify(message.layout));
    },
  };
  const progress = new ReportProgress({
    webhooks,
    interactionToken: 'tok',
    everyMs,
    now: () => clock.now,
    text: (n) => `read ${n}`,
  });
  return { clock, edits, progress, pending, holdEdits: (on: boolean) => (hold = on) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('report progress edits', () => {
  it('edits at most once per interval, the first only after one, and only when the count changed', async () => {
    const { clock, edits, progress } = setup(2000);
    progress.note(100); // at once: a quick report shows no progress
    clock.now += 1999;
    progress.note(200);
    await settle();
    expect(edits).toEqual([]);
    clock.now += 1;
    progress.note(300);
    progress.note(400); // same instant: skipped
    clock.now += 2500;
    progress.note(400);
    clock.now += 2500;
    progress.note(400); // unchanged count: no edit
    await settle();
    await progress.stop();
    expect(edits).toHaveLength(2);
    expect(edits[0]).toContain('read 300');
    expect(edits[1]).toContain('read 400');
  });

  it('makes no edit when turned off', async () => {
    const { clock, edits, progress } = setup(0);
    clock.now += 60_000;
    progress.note(5);
    await progress.stop();
    expect(edits).toEqual([]);
  });

  it('settles the edit under way before stop() resolves, and sends none after, so the report is always the last edit', async () => {
    const { clock, edits, progress, pending, holdEdits } = setup(1000);
    holdEdits(true);
    clock.now += 1000;
    progress.note(10);
    clock.now += 1000;
    progress.note(20); // queued behind the first
    await settle();
    let stopped = false;
    const stopping = progress.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false); // the first edit is still in flight
    pending.shift()?.();
    await stopping;
    expect(edits).toHaveLength(1); // the queued one was dropped at stop
    clock.now += 5000;
    progress.note(30);
    await settle();
    expect(edits).toHaveLength(1);
  });
});
