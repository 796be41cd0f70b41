// What the doors keep: the interaction ids already handled. A signed
// interaction replayed byte for byte passes the signature check, so ids are
// remembered for as long as an interaction token lives (see
// discord/replay-guard.ts). Each engine (storage/sqlite, storage/postgres)
// implements it.

export interface ReplayGuard {
  /** Records the interaction id; false when it was seen before. */
  firstSeen(interactionId: string): Promise<boolean>;
}
