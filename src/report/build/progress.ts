// While a report reads from X, the member's message says how far it got
// ("312 posts read so far"), edited at most once per REPORT_PROGRESS_SECONDS:
// a long read does not look stuck, and Discord's rate limit on edits is never
// approached. Edits go one at a time, and the last is settled before the
// report is delivered, so a late progress edit can never overwrite the report.

import type { InteractionWebhooks } from '../../discord-api/webhooks.js';
import { asLayout } from '../layout/text-layout.js';

export interface ProgressTarget {
  webhooks: Pick<InteractionWebhooks, 'editOriginal'>;
  interactionToken: string;
  /** Least time between two edits, and before the first; 0: no progress edits. */
  everyMs: number;
  now: () => number;
  /** The message for a count of posts read so far. */
  text: (postsRead: number) => string;
}

export class ReportProgress {
  private last: number;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  private shown = -1;

  constructor(private readonly target: ProgressTarget) {
    // The first edit waits a whole interval too: a report ready sooner shows no progress at all.
    this.last = target.now();
  }

  /** Told each time the usage grows; edits only when the interval has passed and the count changed. */
  note(postsRead: number): void {
    const { everyMs, now } = this.target;
    if (this.stopped || everyMs <= 0 || postsRead === this.shown) return;
    const at = now();
    if (at - this.last < everyMs) return;
    this.last = at;
    this.shown = postsRead;
    this.chain = this.chain.then(async () => {
      if (this.stopped) return;
      const message = asLayout({ content: this.target.text(postsRead) });
      // A lost progress edit costs nothing: the report itself follows.
      await this.target.webhooks.editOriginal(this.target.interactionToken, message).catch(() => undefined);
    });
  }

  /** No more edits; resolves once the one under way (if any) is settled, so the report's edit comes after it. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.chain;
  }
}
