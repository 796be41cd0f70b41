// The pages a report has counted against the budgets but not yet stored.
// X's answer is counted as it arrives (X bills what it returned), and the
// page is stored later, in its turn; a replica killed in between leaves a
// page counted and not stored, which the replica taking over reads again.
// The ranges of these pages are recorded with the run's usage, in the same
// write, so the takeover counts the posts it reads again from them as read
// before: each post counts once against budgets and in the footer.
//
// A page is the run of posts between its newest and oldest id: X serves a
// timeline (and mentions) newest first without gaps, and ids grow with time,
// so any post a later read finds in that range was in the page.

import { compareIds } from '../../twitter/ids.js';
import type { XPost } from '../../twitter/v2-types.js';
import type { Source } from '../stores.js';

/** A page counted and not yet stored, as recorded with the run's usage. */
export interface CountedRange {
  source: Source;
  newest: string;
  oldest: string;
}

interface Pending extends CountedRange {
  /** Of this page's posts, those counted before it arrived (in another page still unstored): taken off at once. */
  countedBefore: Set<string>;
}

const within = (r: CountedRange, source: Source, id: string) =>
  r.source === source && compareIds(id, r.oldest) >= 0 && compareIds(id, r.newest) <= 0;

export class CountedPages {
  /** Pages earlier attempts counted and did not store: kept (and recorded) for the whole run, for any later attempt. */
  private readonly earlier: CountedRange[];
  private readonly pending: Pending[] = [];

  constructor(earlier: CountedRange[] = []) {
    this.earlier = earlier;
  }

  /** A page X answered and the usage counted: returns how many of its posts were counted before (count them once). */
  arrived(source: Source, posts: readonly XPost[]): number {
    const first = posts[0];
    if (!first) return 0;
    const countedBefore = new Set(posts.filter((p) => this.counted(source, p.id)).map((p) => p.id));
    let newest = first.id;
    let oldest = newest;
    for (const { id } of posts) {
      if (compareIds(id, newest) > 0) newest = id;
      if (compareIds(id, oldest) < 0) oldest = id;
    }
    this.pending.push({ source, newest, oldest, countedBefore });
    return countedBefore.size;
  }

  /**
   * Of a page about to be stored (its newest posts, as read), the posts taken
   * off the usage when it arrived: storing it must not take them off again.
   */
  countedOnArrival(source: Source, posts: readonly XPost[]): ReadonlySet<string> {
    return this.find(source, posts)?.countedBefore ?? new Set();
  }

  /** The page is stored: a takeover will not read it again. */
  stored(source: Source, posts: readonly XPost[]): void {
    const page = this.find(source, posts);
    if (page) this.pending.splice(this.pending.indexOf(page), 1);
  }

  /** What to record with the usage: null when nothing is counted and unstored. */
  encode(): string | null {
    const ranges = [...this.earlier, ...this.pending].map(({ source, newest, oldest }) => ({ source, newest, oldest }));
    return ranges.length ? JSON.stringify(ranges) : null;
  }

  private counted(source: Source, id: string): boolean {
    return this.earlier.some((r) => within(r, source, id)) || this.pending.some((r) => within(r, source, id));
  }

  /** A stored page is its arrived page or the newest part of it (the rest beyond the allowance): found by its newest post. */
  private find(source: Source, posts: readonly XPost[]): Pending | undefined {
    const first = posts[0];
    if (!first) return undefined;
    const newest = posts.reduce((max, p) => (compareIds(p.id, max) > 0 ? p.id : max), first.id);
    return this.pending.find((p) => p.source === source && p.newest === newest);
  }
}

/** The ranges recorded with a run's usage; nothing if the column is empty or not what encode() wrote. */
export function decodeCounted(text: string | null | undefined): CountedRange[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (r): r is CountedRange =>
        typeof r === 'object' &&
        r !== null &&
        (r.source === 'timeline' || r.source === 'mentions') &&
        typeof r.newest === 'string' &&
        /^\d{1,20}$/.test(r.newest) &&
        typeof r.oldest === 'string' &&
        /^\d{1,20}$/.test(r.oldest),
    );
  } catch {
    return [];
  }
}
