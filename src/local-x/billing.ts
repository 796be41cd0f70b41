// X's bill, as X draws it up: each post returned is billed once per UTC day
// (of the app's clock), each user object every time; failed requests are free.
// The cost tests and the cost benchmark read what a policy really costs here.

import type { Biller } from './timeline-routes.js';

const DAY = 86_400_000;

export class BillingLedger implements Biller {
  /** Posts billed so far, and user objects. */
  postsBilled = 0;
  usersBilled = 0;
  /** Posts returned, billed or not. */
  postsReturned = 0;
  private readonly billedToday = new Map<number, Set<string>>();
  /** Every post id ever returned, with the UTC days it was billed on. */
  readonly history = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  posts(ids: string[]): void {
    const day = Math.floor(this.now() / DAY);
    let today = this.billedToday.get(day);
    if (!today) {
      today = new Set();
      this.billedToday.set(day, today);
    }
    for (const id of ids) {
      this.postsReturned++;
      if (today.has(id)) continue;
      today.add(id);
      this.postsBilled++;
      const days = this.history.get(id) ?? [];
      days.push(day);
      this.history.set(id, days);
    }
  }

  user(): void {
    this.usersBilled++;
  }

  dollars(pricing: { postUsd: number; userUsd: number }): number {
    return this.postsBilled * pricing.postUsd + this.usersBilled * pricing.userUsd;
  }
}
