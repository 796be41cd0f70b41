// A running report's usage is recorded as it grows, so a crash cannot hide
// what was spent; a page changes it twice and each record is a write, so it
// is written at most once per turn of the event loop.

export class UsageRecorder {
  private recording: NodeJS.Immediate | undefined;

  /** `write` records the usage as it is now; it must not throw (it runs in a turn of its own). */
  constructor(private readonly write: () => void) {}

  /** The usage grew: it is written in the next turn, with whatever else grows before then. */
  soon(): void {
    this.recording ??= setImmediate(() => {
      this.recording = undefined;
      this.write();
    });
  }

  /** The run's end records the final usage: a write still waiting is dropped. */
  stop(): void {
    if (this.recording) clearImmediate(this.recording);
    this.recording = undefined;
  }
}
