// Acks first. Discord gives an interaction 3 seconds for its first answer;
// background work (a report starting, its pages, its rendering) must not sit
// between a burst of interactions and their acks. The HTTP door counts the
// interactions still waiting for their first answer; background work asks
// to start only once there are none, or after a short wait at the most, so a
// steady stream of interactions cannot starve it.
//
// When the acks are all out, the waiting work goes together. When its wait
// runs out while acks are still in flight (a burst longer than the wait), it
// goes one piece per turn of the event loop, in the order it asked: each piece
// used to have its own timer, and in a burst of 500 they all fired in one go
// between the last acks.

/** The longest background work waits for the acks in flight. */
const MAX_WAIT_MS = 100;

interface Waiter {
  go: () => void;
  /** performance.now() past which it goes even while acks are in flight. */
  deadline: number;
}

export class AckPriority {
  private waiting = 0;
  private readonly idle: Waiter[] = [];
  private turnAsked = false;
  private timer: NodeJS.Timeout | null = null;

  /** `maxWaitMs`: the longest background work waits (tests lengthen it, so nothing hangs on a slow machine's timers). */
  constructor(private readonly maxWaitMs = MAX_WAIT_MS) {}

  /** An interaction arrived. */
  begin(): void {
    this.waiting++;
  }

  /** Its first answer is on its way. */
  end(): void {
    this.waiting = Math.max(0, this.waiting - 1);
    if (this.waiting === 0 && this.idle.length > 0) setImmediate(() => this.releaseAll());
  }

  /** Resolves in a later turn of the event loop once no interaction awaits its first answer. */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      if (this.waiting === 0) {
        setImmediate(resolve);
        return;
      }
      this.idle.push({ go: resolve, deadline: performance.now() + this.maxWaitMs });
      this.armDeadline();
    });
  }

  private releaseAll(): void {
    if (this.waiting > 0) return;
    for (const waiter of this.idle.splice(0)) waiter.go();
  }

  private nextTurn(): void {
    if (this.turnAsked || this.idle.length === 0) return;
    this.turnAsked = true;
    setImmediate(() => {
      this.turnAsked = false;
      this.letOneGo();
    });
  }

  /** The first in line goes if its wait is over (or no ack is in flight); the next is looked at in the next turn. */
  private letOneGo(): void {
    const first = this.idle[0];
    if (!first) return;
    if (this.waiting > 0 && first.deadline > performance.now()) {
      this.armDeadline();
      return;
    }
    this.idle.shift();
    first.go();
    this.nextTurn();
  }

  /** One timer, for the first in line's deadline. */
  private armDeadline(): void {
    const first = this.idle[0];
    if (this.timer || !first) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.nextTurn();
      },
      Math.max(0, first.deadline - performance.now()),
    );
  }
}
