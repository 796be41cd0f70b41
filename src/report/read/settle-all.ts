// Waits for every one of several reads, even after one fails, so nothing is
// left reading (and uncounted) behind a result that is already decided. The
// first failure aborts `controller`, which the other reads watch, and is the
// one rethrown: the others are mostly the abort it caused.

import { DeadlineError } from '../../http/deadline.js';

export async function settleAll<T extends readonly unknown[]>(
  controller: AbortController,
  reads: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  let first: { error: unknown } | undefined;
  const watched = reads.map((read) =>
    read.catch((error: unknown) => {
      first ??= { error };
      controller.abort(new DeadlineError('aborted', 'another read failed'));
      throw error;
    }),
  );
  const results = await Promise.allSettled(watched);
  if (first) throw first.error;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
