import { describe, expect, it } from 'vitest';
import type { BotMessage } from '../../../src/interaction/contract.js';
import { type LinePlace, ReportProgress } from '../../../src/report/build/progress.js';

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

  it('sends only the latest text after an edit that hangs on Discord, not every one made meanwhile', async () => {
    const { clock, edits, progress, pending, holdEdits } = setup(1000);
    holdEdits(true);
    for (const count of [10, 20, 30, 40]) {
      clock.now += 1000;
      progress.note(count); // the first hangs; the next three are made while it does
    }
    await settle();
    holdEdits(false);
    pending.shift()?.();
    await settle();
    await settle();
    expect(edits).toHaveLength(2);
    expect(edits[0]).toContain('read 10');
    expect(edits[1]).toContain('read 40');
    await progress.stop();
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

/** A report in line: its place comes from `line.place`, its looks are driven by hand (`look`). */
function inLine(everyMs: number) {
  const clock = { now: 1_000_000 };
  const edits: string[] = [];
  const line: { place: LinePlace | null } = { place: null };
  const timers: Array<{ ms: number; stopped: boolean }> = [];
  let look: () => void = () => undefined;
  const progress = new ReportProgress({
    webhooks: { editOriginal: async (_token: string, message: BotMessage) => void edits.push(JSON.stringify(message.layout)) },
    interactionToken: 'tok',
    everyMs,
    now: () => clock.now,
    text: (n, place) => (place ? `in line behind ${place.ahead}, ready ${place.readyAt ?? 'unknown'}` : `read ${n}`),
    place: () => line.place,
    every: (fn, ms) => {
      const timer = { ms, stopped: false };
      timers.push(timer);
      look = fn;
      return () => (timer.stopped = true);
    },
  });
  const lookAfter = async (ms: number) => {
    clock.now += ms;
    look();
    await settle();
  };
  return { clock, edits, line, timers, progress, lookAfter };
}

describe('report progress while in line', () => {
  it('shows the place on a timer while the count stands still, and again only once it moved: half as many ahead, or the estimate off by a third', async () => {
    const { clock, edits, line, progress, lookAfter } = inLine(2000);
    line.place = { ahead: 149, readyAt: null };
    await lookAfter(1999);
    expect(edits).toEqual([]); // not before a whole interval
    await lookAfter(1);
    expect(edits).toEqual([expect.stringContaining('in line behind 149, ready unknown')]);
    line.place = { ahead: 75, readyAt: null }; // not yet half as many
    await lookAfter(2000);
    expect(edits).toHaveLength(1);
    line.place = { ahead: 74, readyAt: null };
    await lookAfter(2000);
    expect(edits.at(-1)).toContain('in line behind 74, ready unknown');
    const readyAt = clock.now + 20_000;
    line.place = { ahead: 73, readyAt }; // an estimate at last
    await lookAfter(2000);
    expect(edits.at(-1)).toContain(`in line behind 73, ready ${readyAt}`);
    line.place = { ahead: 72, readyAt: readyAt + 9000 }; // off by 9 s: under 10
    await lookAfter(2000);
    expect(edits).toHaveLength(3);
    line.place = { ahead: 71, readyAt: readyAt + 12_000 }; // off by 12 s of the 14 s it showed left
    await lookAfter(2000);
    expect(edits.at(-1)).toContain(`ready ${readyAt + 12_000}`);
    line.place = null; // its turn: the count again, once no place was found for a whole interval
    await lookAfter(2000);
    expect(edits).toHaveLength(4);
    await lookAfter(2000);
    expect(edits.at(-1)).toContain('"read 0');
    await progress.stop();
    expect(edits).toHaveLength(5);
  });

  it('stays in line through a look without a place (a report between two waits), and tells a passed estimate again at once', async () => {
    const { clock, edits, line, progress, lookAfter } = inLine(2000);
    const c = clock.now;
    line.place = { ahead: 40, readyAt: c + 60_000 };
    await lookAfter(2000);
    expect(edits).toEqual([expect.stringContaining('in line behind 40')]);
    line.place = null; // one look between two waits
    await lookAfter(2000);
    line.place = { ahead: 39, readyAt: c + 60_000 };
    await lookAfter(2000);
    expect(edits).toHaveLength(1); // no flip out of line and back
    line.place = { ahead: 38, readyAt: c + 70_000 }; // 10 s later against a wait of 52 s: not told, until the one shown has passed
    await lookAfter(2000);
    expect(edits).toHaveLength(1);
    await lookAfter(56_000);
    expect(edits.at(-1)).toContain(`in line behind 38, ready ${c + 70_000}`);
    await progress.stop();
  });

  it('makes no edit, and throws nothing, when its place cannot be told', async () => {
    const edits: string[] = [];
    const clock = { now: 0 };
    let look = () => undefined as unknown;
    const progress = new ReportProgress({
      webhooks: { editOriginal: async (_t: string, m: BotMessage) => void edits.push(JSON.stringify(m.layout)) },
      interactionToken: 'tok',
      everyMs: 1000,
      now: () => clock.now,
      text: (n) => `read ${n}`,
      place: () => {
        throw new Error('gone');
      },
      every: (fn) => {
        look = fn;
        return () => undefined;
      },
    });
    clock.now += 1000;
    expect(() => look()).not.toThrow();
    expect(() => progress.note(5)).not.toThrow();
    await progress.stop();
    expect(edits).toEqual([]);
  });

  it('tells no count while in line (it would go stale between the place’s edits), and the count again once out of it', async () => {
    const { clock, edits, line, progress } = inLine(2000);
    line.place = { ahead: 3, readyAt: null };
    clock.now += 2000;
    progress.note(100);
    await settle();
    expect(edits).toEqual([expect.stringContaining('in line behind 3, ready unknown')]);
    clock.now += 2000;
    progress.note(300); // the count alone: no edit while in line
    await settle();
    expect(edits).toHaveLength(1);
    line.place = null;
    clock.now += 2000;
    progress.note(300); // out of line once no place was found for a whole interval
    await settle();
    expect(edits).toHaveLength(1);
    clock.now += 2000;
    progress.note(300);
    await settle();
    expect(edits.at(-1)).toContain('"read 300');
    await progress.stop();
    expect(edits).toHaveLength(2);
  });

  it('looks on a timer of the interval only when it can be in line and edits are on, and stops looking at stop()', async () => {
    const { timers, progress, edits, line, lookAfter } = inLine(2000);
    expect(timers).toEqual([{ ms: 2000, stopped: false }]);
    await progress.stop();
    expect(timers[0]?.stopped).toBe(true);
    line.place = { ahead: 5, readyAt: null };
    await lookAfter(10_000); // a look after stop(): no edit
    expect(edits).toEqual([]);
    const off = inLine(0);
    expect(off.timers).toEqual([]);
  });
});
