// Acks first. Discord gives an interaction 3 seconds for its first answer;
// background work (a report starting, its pages, its rendering) must not sit
// between a burst of interactions and their acks. The HTTP door counts the
// interactions still waiting for their first answer; background work asks
// to start only once there are none, or after a short wait at the most, so a
// steady stream of interactions cannot starve it.

/** The longest background work waits for the acks in flight. */
const MAX_WAIT_MS = 100;

export class AckPriority {
  private waiting = 0;
  private readonly idle: Array<() => void> = [];

  /** `maxWaitMs`: the longest background work waits (tests lengthen it, so nothing hangs on a slow machine's timers). */
  constructor(private readonly maxWaitMs = MAX_WAIT_MS) {}

  /** An interaction arrived. */
  begin(): void {
    this.waiting++;
  }

  /** Its first answer is on its way. */
  end(): void {
    this.waiting = Math.max(0, this.waiting - 1);
    if (this.waiting === 0 && this.idle.length > 0) setImmediate(() => this.release());
  }

  /** Resolves in a later turn of the event loop once no interaction awaits its first answer. */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      if (this.waiting === 0) {
        setImmediate(resolve);
        return;
      }
      let done = false;
      const go = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(go, this.maxWaitMs);
      this.idle.push(go);
    });
  }

  private release(): void {
    if (this.waiting > 0) return;
    for (const go of this.idle.splice(0)) go();
  }
}
