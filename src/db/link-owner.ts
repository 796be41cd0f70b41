// One link of a member to an X account, as later writes must find it again:
// the same member, the same X account, linked at the same moment. A relink,
// even to the same X account, is another link.

import { and, eq, type SQLWrapper } from 'drizzle-orm';
import { type LinkedAccount, linkedAccounts } from './schema.js';

export type LinkOwner = Pick<LinkedAccount, 'discordUserId' | 'xUserId' | 'linkedAt'>;

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
