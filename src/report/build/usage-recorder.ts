// A running report's usage is recorded as it grows, so a crash cannot hide
// what was spent; a page changes it twice and each record is a write, so it
// is written at most once per turn of the event loop.
//
// One write at a time: on PostgreSQL two writes on two pooled connections may
// commit in either order, and an older figure landing last would stand (and a
// write landing after the run's end would undo it). Growth during a write is
// written once that write is done.

export class UsageRecorder {
  private recording: NodeJS.Immediate | undefined;
  private writing: Promise<void> | undefined;
  private grewMeanwhile = false;
  private stopped = false;

  /** `write` records the usage as it is now; it must not reject (it runs in a turn of its own). */
  constructor(private readonly write: () => Promise<void>) {}

  /** The usage grew: it is written in the next turn, with whatever else grows before then. */
  soon(): void {
    if (this.stopped) return;
    if (this.writing) {
      this.grewMeanwhile = true;
      return;
    }
    this.recording ??= setImmediate(() => {
      this.recording = undefined;
      this.startWrite();
    });
  }

  /** The run's end records the final usage: a write still waiting is dropped, one under way is waited for. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.recording) clearImmediate(this.recording);
    this.recording = undefined;
    await this.writing;
  }

  private startWrite(): void {
    // `write` handles its own failure; the catch only keeps a broken promise from going unhandled.
    this.writing = this.write()
      .catch(() => undefined)
      .finally(() => {
        this.writing = undefined;
        if (this.grewMeanwhile) {
          this.grewMeanwhile = false;
          this.soon();
        }
      });
  }
}
