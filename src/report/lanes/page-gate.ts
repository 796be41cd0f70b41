// Bounds what running reports hold at once, and serves them in admission
// order. Two gates are made of this class (see build/report-reads.ts, ReadLanes): one for
// the requests waiting on X (each holds a socket, a few kilobytes) and one
// for the pages held in memory, from the moment a page's body is read and
// parsed (about 0.4 MB) until it is stored. Memory is bounded by the second,
// whatever the burst; more requests may wait on a slow X under the first.
// Room goes to the waiter with the lowest priority number, the report's run
// id: reports admitted first get X's pages first, so they finish first,
// instead of every report progressing a little in turn and all finishing late.
// A report reserves its place in line when it starts (in admission order):
// the steps before its first request (opening its token, looking at the
// store) take longer for some reports than others, and without a place kept
// a report admitted later would take the room first and keep it for all its
// pages.

import { PriorityQueue, type Ranked } from './priority-queue.js';

export type Release = () => void;

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

/** A report's place in line before it asks: the room it was given in its turn waits here for its first ask. */
interface Seat extends Waiter {
  room?: Release;
}

export class PageGate {
  private free: number;
  private readonly waiting = new PriorityQueue<Waiter>();
  /** Places kept per report, those given room first (room goes to the first in line). */
  private readonly seats = new Map<number, Seat[]>();
  private most = 0;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('a page gate needs room for at least one page');
    this.free = size;
  }

  /** The gate as one report sees it: its room comes in the report's turn (`priority`, lower first). */
  for(priority: number): Gate {
    return { acquire: (signal) => this.acquire(signal, priority) };
  }

  /**
   * Keeps `places` places in line for the report of `priority`, one for each
   * of its reads: each read's first ask takes one (and the room it was given
   * in its turn), `unreserve` gives up those left. Reserving again while
   * places are kept adds none.
   */
  reserve(priority: number, places = 1): void {
    if (this.seats.has(priority)) return;
    const kept: Seat[] = [];
    this.seats.set(priority, kept);
    for (let i = 0; i < places; i++) {
      const seat: Seat = { priority, grant: (release) => (seat.room = release) };
      kept.push(seat);
      const room = this.take();
      if (room) seat.room = room;
      else this.waiting.push(seat);
    }
  }

  /** Gives up `places` of the report's places not taken yet (all by default): room they were given goes to the next in line. */
  unreserve(priority: number, places = Number.POSITIVE_INFINITY): void {
    const kept = this.seats.get(priority);
    if (!kept) return;
    // The last places first: those still in line, before those holding room.
    for (let i = 0; i < places && kept.length > 0; i++) {
      const seat = kept.pop() as Seat;
      if (seat.room) seat.room();
      else this.waiting.remove(seat);
    }
    if (kept.length === 0) this.seats.delete(priority);
  }

  /** The first of the report's places not taken yet, taken out of the kept ones. */
  private takePlace(priority: number): Seat | undefined {
    const kept = this.seats.get(priority);
    const seat = kept?.shift();
    if (kept?.length === 0) this.seats.delete(priority);
    return seat;
  }

  /** Waits for room for one page; the returned function gives it back (calling it again does nothing). */
  acquire(signal?: AbortSignal, priority = LAST): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const seat = this.takePlace(priority);
    if (seat?.room) return Promise.resolve(seat.room);
    if (seat) this.waiting.remove(seat); // asks in its place, below
    const room = this.take();
    if (room) return Promise.resolve(room);
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

  /** Places holding room for reports that have not asked yet (their first request is on its way): for tests. */
  get keptForFirstAsk(): number {
    let kept = 0;
    for (const places of this.seats.values()) for (const seat of places) if (seat.room) kept++;
    return kept;
  }

  /** Whether a read of the report of `priority` waits for room now (kept places included). */
  waits(priority: number): boolean {
    return this.waiting.has(priority);
  }

  /** How many wait for room now. */
  get queued(): number {
    return this.waiting.size;
  }

  /** Room now, if some is free and nobody waits for it. */
  private take(): Release | null {
    if (this.free === 0 || this.waiting.size > 0) return null;
    this.free--;
    this.most = Math.max(this.most, this.held);
    return this.releaser();
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
