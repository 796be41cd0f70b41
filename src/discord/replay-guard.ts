// Refuses an interaction that was already handled. A signed interaction
// replayed byte for byte passes the signature check, so ids are remembered
// for as long as an interaction token lives; together with the timestamp
// window this makes every signed request work once.

/** Signed requests whose timestamp is further than this from our clock are refused. */
export const TIMESTAMP_TOLERANCE_S = 5 * 60;

export function isFreshTimestamp(timestamp: string | undefined, nowMs: number): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= TIMESTAMP_TOLERANCE_S;
}
