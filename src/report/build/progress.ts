// While a report reads from X, the member's message says how far it got
// ("312 posts read so far"), edited at most once per REPORT_PROGRESS_SECONDS:
// a long read does not look stuck, and Discord's rate limit on edits is never
// approached. In a burst, a report whose pages wait behind reports admitted
// before it says so instead, with how many are ahead and when it is likely
// ready: that moves while its count stands still, so the message is looked
// at on a timer too, not only when the count grows. Edits go one at a time
// (while one hangs, only the latest text waits behind it), and the last is
// settled before the report is delivered, so a late progress edit can never
// overwrite the report.

import type { InteractionWebhooks } from '../../discord-api/webhooks.js';
import { asLayout } from '../layout/text-layout.js';

/** Where a report being made stands behind those admitted before it (see ReportQueue.placeOf). */
export interface LinePlace {
  /** Reports admitted before it and still being made. */
  ahead: number;
  /** When it is likely delivered, at the pace reports are finishing now; null: too few finished lately to tell. */
  readyAt: number | null;
}

export interface ProgressTarget {
  webhooks: Pick<InteractionWebhooks, 'editOriginal'>;
  interactionToken: string;
  /** Least time between two edits, and before the first; 0: no progress edits. */
  everyMs: number;
  now: () => number;
  /** The message: the report's place in line when others are ahead of it, else the count of posts read so far. */
  text: (postsRead: number, place: LinePlace | null) => string;
  /** The report's place in line now; null when none is ahead (or unknown). */
  place?: () => LinePlace | null;
  /** Calls `look` every `ms` until the returned function is called (tests drive it by hand). */
  every?: (look: () => void, ms: number) => () => void;
}

/** A timer that does not keep the process alive. */
const repeating = (look: () => void, ms: number) => {
  const timer = setInterval(look, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/**
 * A place shown is told again once half as many are ahead, or once its
 * estimate is off by a third of the wait it showed and by 10 s at least
 * (Discord counts a relative time down by itself): in a burst of 200, the
 * last member's message is edited about six times in 30 s, not every 2 s.
 */
const FEWER_AHEAD = 1 / 2;
const DRIFT = 1 / 3;
const LEAST_DRIFT_MS = 10_000;

export class ReportProgress {
  private last: number;
  /** The edit under way, if any, and the one to send after it (only the latest: older ones would be stale). */
  private sending: Promise<void> | null = null;
  private next: string | null = null;
  private stopped = false;
  private shownPosts = -1;
  private shownPlace: LinePlace | null = null;
  private posts = 0;
  /** Since when no place was found while one is shown (null: one was, or none is shown). */
  private outSince: number | null = null;
  private readonly stopLooking: () => void;

  constructor(private readonly target: ProgressTarget) {
    // The first edit waits a whole interval too: a report ready sooner shows no progress at all.
    this.last = target.now();
    const looks = target.place !== undefined && target.everyMs > 0;
    this.stopLooking = looks ? (target.every ?? repeating)(() => this.tick(), target.everyMs) : () => undefined;
  }

  /** Told each time the usage grows; edits only when the interval has passed and the count changed. */
  note(postsRead: number): void {
    this.posts = postsRead;
    this.tick();
  }

  /** Looks again (on a timer while the report is made): edits when the interval has passed and what it says moved. */
  tick(): void {
    try {
      this.look();
    } catch {
      // A progress edit is never worth the report (note runs inside its reads) nor the process (the timer).
    }
  }

  private look(): void {
    const { everyMs, now } = this.target;
    if (this.stopped || everyMs <= 0) return;
    const at = now();
    if (at - this.last < everyMs) return;
    const place = this.target.place?.() ?? null;
    // Out of line only once no place was found for a whole interval: a report between two waits would flip each look.
    if (place === null && this.shownPlace !== null) {
      this.outSince ??= at;
      if (at - this.outSince < everyMs) return;
    } else this.outSince = null;
    // In line, the message tells the place, not the count: a count would go stale between the place's edits.
    const inLine = place !== null || this.shownPlace !== null;
    if (inLine ? !this.placeMoved(place, at) : this.posts === this.shownPosts) return;
    this.last = at;
    this.shownPosts = this.posts;
    this.shownPlace = place;
    this.send(this.target.text(this.posts, place));
  }

  /** One edit at a time; while one hangs on Discord, newer texts replace each other instead of piling up behind it. */
  private send(content: string): void {
    this.next = content;
    this.sending ??= this.drain().finally(() => {
      this.sending = null;
    });
  }

  private async drain(): Promise<void> {
    for (let text = this.next; text !== null && !this.stopped; text = this.next) {
      this.next = null;
      // A lost progress edit costs nothing: the report itself follows.
      await this.target.webhooks.editOriginal(this.target.interactionToken, asLayout({ content: text })).catch(() => undefined);
    }
  }

  /** Whether the place differs enough from the one shown to be worth an edit (joining or leaving the line always is). */
  private placeMoved(place: LinePlace | null, at: number): boolean {
    const shown = this.shownPlace;
    if (place === null || shown === null) return (place === null) !== (shown === null);
    if (place.ahead <= shown.ahead * (1 - FEWER_AHEAD)) return true;
    if (place.readyAt === null || shown.readyAt === null) return place.readyAt !== shown.readyAt;
    // An estimate that has passed is told again at once: "likely ready 4 seconds ago" helps nobody.
    if (shown.readyAt <= at) return true;
    const drift = Math.abs(place.readyAt - shown.readyAt);
    return drift >= LEAST_DRIFT_MS && drift >= DRIFT * Math.max(0, shown.readyAt - at);
  }

  /** No more edits; resolves once the one under way (if any) is settled, so the report's edit comes after it. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopLooking();
    await this.sending;
  }
}
