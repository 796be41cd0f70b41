// CPU-bound blocks of report work (storing a page of posts; with the database
// in memory, rendering) run here one at a time, each in its own turn of the
// event loop. An ack that arrives meanwhile waits for at most one such block,
// never for a pile of them, even when many reports' pages arrive together.

export class CpuLane {
  private tail: Promise<unknown> = Promise.resolve();

  /** `before` is awaited as each block reaches the head of the lane (e.g. until no ack is waiting). */
  constructor(private readonly before?: () => Promise<void>) {}

  run<T>(work: () => T): Promise<T> {
    const result = this.tail
      .then(() => this.before?.())
      .then(
        () =>
          new Promise<T>((resolve, reject) =>
            setImmediate(() => {
              try {
                resolve(work());
              } catch (err) {
                reject(err);
              }
            }),
          ),
      );
    this.tail = result.catch(() => undefined);
    return result;
  }
}
