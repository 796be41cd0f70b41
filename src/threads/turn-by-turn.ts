// Handles queued messages one per turn of the event loop. A worker's port
// delivers a burst of messages in one go; handled back to back, whatever Node
// frees in a later turn (the native memory of objects the GC found dead: a
// chart's Skia surface and pixels, 5 MB each) is freed only after the last.
// Measured with 200 charts queued at once: 1 GB of RSS back to back, 140 MB
// one per turn.

export function turnByTurn<T>(handle: (message: T) => void): (message: T) => void {
  const queue: T[] = [];
  let scheduled = false;
  const next = () => {
    try {
      handle(queue.shift() as T);
    } finally {
      // Scheduled after the handler's own immediates, so they run first.
      if (queue.length > 0) setImmediate(next);
      else scheduled = false;
    }
  };
  return (message) => {
    queue.push(message);
    if (scheduled) return;
    scheduled = true;
    setImmediate(next);
  };
}
