// A binary heap of waiters, lowest priority number first and, among equals,
// first come first served. Reports are served in admission order (their run
// id is their priority) by the page gates, the CPU lane and the render pool.

export interface Ranked {
  priority: number;
  /** Arrival order, set by the queue: breaks ties first come, first served. */
  seq?: number;
}

/** Lower priority numbers first; the order of arrival among equals. */
const before = (a: Ranked, b: Ranked) => a.priority < b.priority || (a.priority === b.priority && (a.seq ?? 0) < (b.seq ?? 0));

export class PriorityQueue<T extends Ranked> {
  private readonly heap: T[] = [];
  private arrivals = 0;
  /** How many wait at each priority: whether a report waits at all, without a walk through the heap. */
  private readonly counts = new Map<number, number>();

  get size(): number {
    return this.heap.length;
  }

  /** Whether any item of this priority waits. */
  has(priority: number): boolean {
    return this.counts.has(priority);
  }

  push(item: T): void {
    item.seq = this.arrivals++;
    this.heap.push(item);
    this.siftUp(this.heap.length - 1);
    this.counts.set(item.priority, (this.counts.get(item.priority) ?? 0) + 1);
  }

  private uncount(item: T): void {
    const left = (this.counts.get(item.priority) ?? 1) - 1;
    if (left > 0) this.counts.set(item.priority, left);
    else this.counts.delete(item.priority);
  }

  /** Takes the first in line, or undefined when none waits. */
  pop(): T | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last;
      this.siftDown(0);
    }
    if (top !== undefined) this.uncount(top);
    return top;
  }

  /** Takes an item out wherever it stands (a waiter that gave up); false if it was not there. */
  remove(item: T): boolean {
    const at = this.heap.indexOf(item);
    if (at < 0) return false;
    this.uncount(item);
    const last = this.heap.pop() as T;
    if (at < this.heap.length) {
      this.heap[at] = last;
      this.siftDown(at);
      this.siftUp(at);
    }
    return true;
  }

  /** Whether the item at `a` goes before the one at `b` (both within the heap). */
  private ahead(a: number, b: number): boolean {
    return before(this.heap[a] as T, this.heap[b] as T);
  }

  private swap(a: number, b: number): void {
    const item = this.heap[a] as T;
    this.heap[a] = this.heap[b] as T;
    this.heap[b] = item;
  }

  private siftUp(from: number): void {
    let i = from;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.ahead(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(from: number): void {
    const size = this.heap.length;
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let first = i;
      if (left < size && this.ahead(left, first)) first = left;
      if (right < size && this.ahead(right, first)) first = right;
      if (first === i) return;
      this.swap(i, first);
      i = first;
    }
  }
}
