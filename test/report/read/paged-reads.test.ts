// Memory held by a read is what its gate counts: once a page is stored its
// posts can be collected, even while the read waits on X for the next page.
// Under a burst, every read waiting on X (six slices for each of 200
// reports) otherwise held one page the gate no longer counted: 157,000 posts
// in a heap snapshot where the gate allowed 25,600.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { post } from '../../../src/local-x/posts.js';
import { PageGate } from '../../../src/report/lanes/page-gate.js';
import { type Fetcher, heldFetcher, readPages } from '../../../src/report/read/paged-reads.js';
import { readInSlices } from '../../../src/report/read/time-slices.js';
import type { XListResponse, XPost } from '../../../src/twitter/v2-types.js';
import { eventually } from '../../support/harness.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T00:00:00.000Z');

/** `count` posts an hour apart, newest first, from `newest` back. */
function posts(count: number, newest: number): XPost[] {
  return Array.from({ length: count }, (_, i) => post({ at: new Date(newest - i * 3_600_000).toISOString() }));
}

/** Whether the object behind `ref` is gone after a full collection (WeakRefs hold their target until the job ends). */
async function collected(ref: WeakRef<object>): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  return ref.deref() === undefined;
}

/** A fetcher whose first request answers at once with a full page and whose later requests wait until answered. */
function slowAfterFirst() {
  const waiting: Array<(page: XListResponse<XPost>) => void> = [];
  let first: WeakRef<XPost> | undefined;
  const fetchPage: Fetcher = async (query, _max, hold) => {
    if (query.paginationToken || query.endTime || query.untilId) {
      const page = await new Promise<XListResponse<XPost>>((resolve) => waiting.push(resolve));
      await hold(new AbortController().signal);
      return page;
    }
    await hold(new AbortController().signal);
    const data = posts(100, NOW - DAY);
    first = new WeakRef(data[50]!);
    return { data, meta: { result_count: data.length, next_token: 'next' } };
  };
  return { fetchPage, waiting, firstPost: () => first };
}

describe('a read lets go of a page once it is stored', () => {
  it('while the next page is on its way', async () => {
    const { fetchPage, waiting, firstPost } = slowAfterFirst();
    const gate = new PageGate(4);
    let stored = 0;
    const read = readPages(heldFetcher(fetchPage, gate, new PageGate(16)), {}, 1000, async (page) => {
      stored += page.length;
    });
    await eventually(() => stored === 100 && waiting.length === 1);
    expect(await collected(firstPost()!)).toBe(true);
    waiting[0]!({ data: posts(20, NOW - 3 * DAY), meta: { result_count: 20 } });
    expect((await read).count).toBe(120);
    expect(stored).toBe(120);
  });

  it('when storing it fails while the next page is on its way, or X then hangs: room and posts are all given back', async () => {
    const { fetchPage, waiting, firstPost } = slowAfterFirst();
    const gate = new PageGate(4);
    const asking = new PageGate(16);
    // The error is kept only as its message: an error's stack holds the functions it passed through, and one of
    // them holds the page, as long as the error lives (a report's failure is logged and let go).
    const failure = await readPages(heldFetcher(fetchPage, gate, asking), {}, 1000, async () => {
      throw new Error('the disk is full');
    }).then(
      () => 'stored',
      (err: Error) => err.message,
    );
    expect(failure).toBe('the disk is full');
    // The store failed; the next page is still asked of X, which hangs.
    expect(waiting).toHaveLength(1);
    expect(gate.held).toBe(0);
    expect(await collected(firstPost()!)).toBe(true);
    // When X answers at last, that page's room is given back too, never stored.
    waiting[0]!({ data: posts(20, NOW - 3 * DAY), meta: { result_count: 20 } });
    await eventually(() => gate.held === 0 && asking.held === 0);
  });

  it('while the slices below a first page are read', async () => {
    const { fetchPage, waiting, firstPost } = slowAfterFirst();
    const fetcher = heldFetcher(fetchPage, new PageGate(4), new PageGate(16));
    let stored = 0;
    const first = await fetcher({ startTime: new Date(NOW - 90 * DAY).toISOString() }, 100);
    const oldest = NOW - DAY - 99 * 3_600_000;
    const read = readInSlices(fetcher, { from: NOW - 90 * DAY, now: NOW, maxPosts: 3200 }, {}, first, oldest, () => async (page) => {
      stored += page.length;
    });
    await eventually(() => stored === 100 && waiting.length > 1);
    expect(await collected(firstPost()!)).toBe(true);
    // Slices beyond the room among requests asking X ask as others are answered.
    let settled = false;
    read.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      for (const answer of waiting.splice(0)) answer({ meta: { result_count: 0 } });
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const result = await read;
    expect(result.count).toBe(100);
    expect(result.ids).toBeNull(); // a cold read keeps no ids: only a refresh needs them
  });
});
