// What linking has under way (pages being answered, and what they left to
// tell Discord in the background), and how long shutting down waits for it.

import { describe, expect, it } from 'vitest';
import { LinkingInFlight, tellWithinPageWait } from '../../src/linking/link-replies.js';
import { silentLogger } from '../../src/log/logger.js';

const never = () => new Promise<void>(() => undefined);

function later(): { promise: Promise<void>; done: () => void } {
  let done!: () => void;
  const promise = new Promise<void>((resolve) => (done = resolve));
  return { promise, done };
}

describe('LinkingInFlight', () => {
  it('answers the page after its wait, and what is still on its way is waited for until it lands', async () => {
    const inFlight = new LinkingInFlight();
    const telling = later();
    await tellWithinPageWait({ log: silentLogger, pageWaitMs: 10, inFlight }, () => telling.promise);
    const settling = inFlight.settle(10_000);
    telling.done();
    expect(await settling).toBe(0);
    expect(await inFlight.settle(10_000)).toBe(0); // nothing left
  });

  it('waits for what a page still being answered starts to tell while it waits', async () => {
    const inFlight = new LinkingInFlight();
    const page = later();
    const telling = later();
    // A callback page is waiting on X when shutting down begins; once X answers, it tells Discord in the background.
    void inFlight.during(
      page.promise.then(() => tellWithinPageWait({ log: silentLogger, pageWaitMs: 1, inFlight }, () => telling.promise)),
    );
    let settled = false;
    const settling = inFlight.settle(10_000).then((left) => {
      settled = true;
      return left;
    });
    page.done();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false); // the page answered; its telling is still on its way
    telling.done();
    expect(await settling).toBe(0);
  });

  it('gives up waiting at the bound and says how many were still under way', async () => {
    const inFlight = new LinkingInFlight();
    await tellWithinPageWait({ log: silentLogger, pageWaitMs: 1, inFlight }, never);
    void inFlight.during(never());
    expect(await inFlight.settle(20)).toBe(2);
  });

  it('never throws, and a failed telling or page is not waited for', async () => {
    const inFlight = new LinkingInFlight();
    await tellWithinPageWait({ log: silentLogger, pageWaitMs: 1000, inFlight }, () => Promise.reject(new Error('Discord said no')));
    await expect(inFlight.during(Promise.reject(new Error('X said no')))).rejects.toThrow('X said no');
    expect(await inFlight.settle(10_000)).toBe(0);
  });
});
