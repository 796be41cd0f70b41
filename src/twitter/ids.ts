// X ids exceed 2^53, so they stay decimal strings; these compare them exactly.

/** Compares X ids without losing precision: a longer id is a larger one. */
export function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
