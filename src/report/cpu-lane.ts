// The CPU-heavy end of a report (loading its posts, summarising, drawing the
// chart) runs here one at a time, each in its own turn of the event loop. An
// ack that arrives meanwhile waits for at most one such block, never for a
// pile of them; and only one report's posts are in memory at once.

export class CpuLane {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => T): Promise<T> {
    const result = this.tail.then(
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
