// The pages a report counted and did not store: a takeover reading them again
// counts each post once, whether it meets them before or after storing, and
// whatever overlaps what. Each count here is checked against a set of the
// distinct ids counted, kept independently of the class.

import { describe, expect, it } from 'vitest';
import { post } from '../../../src/local-x/posts.js';
import { CountedPages, decodeCounted } from '../../../src/report/read/counted-pages.js';
import { savedPage } from '../../../src/report/stores.js';
import type { XPost } from '../../../src/twitter/v2-types.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
/** Ten posts a minute apart, newest first, as X serves a page. */
const timeline: XPost[] = Array.from({ length: 10 }, (_, i) => post({ at: new Date(NOW - (i + 1) * 60_000).toISOString() }));

describe('CountedPages', () => {
  it('counts the posts of a page an earlier attempt counted and did not store as read before, once', () => {
    const first = new CountedPages();
    expect(first.arrived('timeline', timeline.slice(0, 5))).toBe(0);
    // The attempt is killed here: what it recorded with its usage is all the takeover knows.
    const takeover = new CountedPages(decodeCounted(first.encode()));
    // The takeover reads on from a later point: a page straddling the first one's end.
    const page = timeline.slice(3, 8);
    expect(takeover.arrived('timeline', page)).toBe(2);
    // Stored with two of its ids stored by the same read (the first attempt's) and two counted on arrival:
    // the overlap is taken off once.
    const onArrival = takeover.countedOnArrival('timeline', page);
    expect([...onArrival].sort()).toEqual([timeline[3]!.id, timeline[4]!.id].sort());
    const seen = [timeline[3]!, timeline[4]!].map((p) => ({ id: p.id, at: NOW }));
    expect(savedPage(seen, NOW, onArrival).sameRead).toBe(0);
    // Without what was counted on arrival, the same store would take them off again.
    expect(savedPage(seen, NOW).sameRead).toBe(2);
  });

  it('keeps what earlier attempts counted for the whole run, and forgets its own pages once stored', () => {
    const first = new CountedPages();
    first.arrived('timeline', timeline.slice(0, 3));
    const second = new CountedPages(decodeCounted(first.encode()));
    second.arrived('timeline', timeline.slice(5, 8));
    expect(decodeCounted(second.encode())).toHaveLength(2);
    second.stored('timeline', timeline.slice(5, 8));
    // The second attempt is killed after storing its page: a third still knows the first attempt's page.
    const third = new CountedPages(decodeCounted(second.encode()));
    expect(third.arrived('timeline', timeline.slice(0, 10))).toBe(3);
  });

  it('tells timelines from mentions, and a page cut to the allowance from another page', () => {
    const counted = new CountedPages();
    counted.arrived('timeline', timeline.slice(0, 5));
    expect(counted.arrived('mentions', timeline.slice(0, 5))).toBe(0);
    // Stored as read: its newest posts only (the rest was beyond the allowance).
    counted.stored('timeline', timeline.slice(0, 2));
    expect(decodeCounted(counted.encode()).map((r) => r.source)).toEqual(['mentions']);
  });

  it('reads nothing from a column it did not write', () => {
    for (const text of [null, '', 'not json', '{}', '[{"source":"timeline","newest":"1; drop","oldest":"1"}]', '[{"source":"dms"}]']) {
      expect(decodeCounted(text)).toEqual([]);
    }
    expect(new CountedPages().encode()).toBeNull();
  });
});
