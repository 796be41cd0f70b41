// The HTTP door's replay ledger: interactions already handled.
// PostgreSQL (the same tables as ../schema/interactions.ts).

import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';

/** Interaction ids already handled, kept while their token lives, so a replayed request is refused. */
export const handledInteractions = pgTable(
  'handled_interactions',
  {
    id: text('id').primaryKey(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('handled_interactions_expiry_idx').on(t.expiresAt)],
);
