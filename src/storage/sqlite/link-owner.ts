// One link of a member to an X account (linking/stores.ts: LinkOwner), as a
// SQLite query finds its row again.

import { and, eq, type SQLWrapper } from 'drizzle-orm';
import { linkedAccounts } from '../../db/schema.js';
import type { LinkOwner } from '../../linking/stores.js';

/**
 * The SQL condition matching exactly this link's row in linked_accounts; its
 * values may be placeholders, for a query prepared once.
 */
export function isLink(owner: { [K in keyof LinkOwner]: LinkOwner[K] | SQLWrapper }) {
  return and(
    eq(linkedAccounts.discordUserId, owner.discordUserId),
    eq(linkedAccounts.xUserId, owner.xUserId),
    eq(linkedAccounts.linkedAt, owner.linkedAt),
  );
}
