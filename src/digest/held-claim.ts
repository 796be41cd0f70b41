// A digest claim while this process makes its digest. The claim is a lease:
// another replica takes it over once it looks stale, taking the holder for
// dead. A live holder can look dead too: a long X read, a loaded machine, or
// the sandbox's clock run ahead make the lease lapse while it still works. So
// the holder renews it (DigestService.start, every third of the lease), and
// renews it once more just before posting: if that finds the claim taken
// over, the taker posts, and this one must not, or the digest is posted
// twice (Discord remembers a nonce for minutes only, and a slow holder may
// post long after the taker did).

import type { DigestEnd, DigestStore } from './stores.js';

export class HeldClaim {
  /** Renewals and the finish, one at a time: each names the time the row holds. */
  private chain: Promise<unknown> = Promise.resolve();
  private lost = false;

  constructor(
    private readonly store: Pick<DigestStore, 'renew' | 'finish'>,
    readonly guildId: string,
    readonly dueAt: number,
    private heldAt: number,
    private readonly now: () => number,
  ) {}

  /** Extends the claim to now; false once it is no longer this process's. */
  renew(): Promise<boolean> {
    return this.queue(async () => {
      if (this.lost) return false;
      const at = this.now();
      if (await this.store.renew(this.guildId, this.dueAt, this.heldAt, at)) this.heldAt = at;
      else this.lost = true;
      return !this.lost;
    });
  }

  /** Records how it ended; false when the claim was no longer this process's. */
  finish(end: DigestEnd): Promise<boolean> {
    return this.queue(() => this.store.finish(this.guildId, this.dueAt, this.heldAt, end));
  }

  private queue<T>(step: () => Promise<T>): Promise<T> {
    const next = this.chain.then(step);
    // A failed renewal (the database, not a takeover) leaves the claim as it was: the next one tries again.
    this.chain = next.catch(() => undefined);
    return next;
  }
}
