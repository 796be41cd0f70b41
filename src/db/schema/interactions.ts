// The HTTP door's replay ledger: interactions already handled.
// SQLite (the same tables as ../schema-pg/interactions.ts).

import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Interaction ids already handled, kept while their token lives, so a replayed request is refused. */
export const handledInteractions = sqliteTable(
  'handled_interactions',
  {
    id: text('id').primaryKey(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('handled_interactions_expiry_idx').on(t.expiresAt)],
);
