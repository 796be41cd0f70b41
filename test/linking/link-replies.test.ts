// What a linking page leaves to tell Discord in the background, and how long
// shutting down waits for it.

import { describe, expect, it } from 'vitest';
import { LateTelling, tellWithinPageWait } from '../../src/linking/link-replies.js';
import { silentLogger } from '../../src/log/logger.js';

const never = () => new Promise<void>(() => undefined);

describe('tellWithinPageWait', () => {
  it('answers after the page’s wait, and what is still on its way is tracked until it lands', async () => {
    const late = new LateTelling();
    let land!: () => void;
    const landed = new Promise<void>((resolve) => (land = resolve));
    await tellWithinPageWait({ log: silentLogger, pageWaitMs: 10, late }, () => landed);
    // The page went on; shutting down now would wait for the telling.
    const settling = late.settle(10_000);
    land();
    expect(await settling).toBe(0);
    expect(await late.settle(10_000)).toBe(0); // nothing left
  });

  it('gives up waiting at the bound and says how many were still on their way', async () => {
    const late = new LateTelling();
    await tellWithinPageWait({ log: silentLogger, pageWaitMs: 1, late }, never);
    await tellWithinPageWait({ log: silentLogger, pageWaitMs: 1, late }, never);
    expect(await late.settle(20)).toBe(2);
  });

  it('never throws, and a failed telling is not waited for', async () => {
    const late = new LateTelling();
    await tellWithinPageWait({ log: silentLogger, pageWaitMs: 1000, late }, () => Promise.reject(new Error('Discord said no')));
    expect(await late.settle(10_000)).toBe(0);
  });
});
