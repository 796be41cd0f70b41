// Bounds what running reports hold at once, and serves them in admission
// order. Two gates are made of this class (see build/report-reads.ts, ReadLanes): one for
// the requests waiting on X (each holds a socket, a few kilobytes) and one
// for the pages held in memory, from the moment a page's body is read and
// parsed (about 0.4 MB) until it is stored. Memory is bounded by the second,
// whatever the burst; more requests may wait on a slow X under the first.
// Room goes to the waiter with the lowest priority number, the report's run
// id: reports admitted first get X's pages first, so they finish first,
// instead of every report progressing a little in turn and all finishing late.

import { PriorityQueue, type Ranked } from './priority-queue.js';

export type Release = () => void;

/**
 * Requests that may wait on X per page that may be held: a waiting request
 * costs a socket and at most a buffer of its unread body, so a slow X can have
 * many more of them than pages in memory (and throughput grows with them).
 */
export const REQUESTS_PER_HELD_PAGE = 4;
/** Most requests waiting on X at once, whatever REPORT_PAGES_IN_FLIGHT: each holds a socket (a file descriptor). */
export const MOST_REQUESTS_WAITING = 4096;

/** Room for requests waiting on X, for a bound of `pagesHeld` pages in memory. */
export const requestsWaiting = (pagesHeld: number) => Math.min(pagesHeld * REQUESTS_PER_HELD_PAGE, MOST_REQUESTS_WAITING);

/** Priority of a waiter that names none: after every report. */
export const LAST = Number.MAX_SAFE_INTEGER;

/** What a read asks of a gate: room for one page (or request), given back by the returned function. */
export interface Gate {
  /** Rejects with the signal's reason, taking the waiter out of line, if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<Release>;
}

interface Waiter extends Ranked {
  grant: (release: Release) => void;
}

export class PageGate {
  private free: number;
  private readonly waiting = new PriorityQueue<Waiter>();
  private most = 0;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('a page gate needs room for at least one page');
    this.free = size;
  }

  /** The gate as one report sees it: its room comes in the report's turn (`priority`, lower first). */
  for(priority: number): Gate {
    return { acquire: (signal) => this.acquire(signal, priority) };
  }

  /** Waits for room for one page; the returned function gives it back (calling it again does nothing). */
  acquire(signal?: AbortSignal, priority = LAST): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.free > 0 && this.waiting.size === 0) {
      this.free--;
      this.most = Math.max(this.most, this.held);
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (this.waiting.remove(waiter)) reject(signal?.reason);
      };
      const waiter: Waiter = {
        priority,
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Pages held now: for tests and logs. */
  get held(): number {
    return this.size - this.free;
  }

  /** The most pages held at once since the gate was made: for tests and benchmarks. */
  get mostHeld(): number {
    return this.most;
  }

  /** How many wait for room now. */
  get queued(): number {
    return this.waiting.size;
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Handed straight to the first in line, so a burst cannot overtake those already waiting.
      const next = this.waiting.pop();
      if (next) next.grant(this.releaser());
      else this.free++;
    };
  }
}

/** For reads without a gate (one report, tests). */
export const NO_GATE: Gate = { acquire: () => Promise.resolve(() => undefined) };
