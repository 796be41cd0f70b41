// Bounds the pages of posts held at once across every running report: asked
// of X and not yet stored. A page is most of a report's memory while it
// waits (about 0.4 MB parsed), and when X is slow many reports wait at once;
// with the gate, how many reports run can grow with X's latency while memory
// stays bounded by the gate, not by the burst.

export type Release = () => void;

export class PageGate {
  private free: number;
  private readonly waiting: Array<(release: Release) => void> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('a page gate needs room for at least one page');
    this.free = size;
  }

  /** Waits for room for one page; the returned function gives it back (calling it again does nothing). */
  acquire(): Promise<Release> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Pages held now: for tests and logs. */
  get held(): number {
    return this.size - this.free;
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Handed straight to the first in line, so a burst cannot overtake those already waiting.
      const next = this.waiting.shift();
      if (next) next(this.releaser());
      else this.free++;
    };
  }
}

/** For reads without a gate (one report, tests). */
export const NO_GATE = { acquire: (): Promise<Release> => Promise.resolve(() => undefined) };
export type Gate = Pick<PageGate, 'acquire'>;
