// A member's Linked Roles connection, forgotten: its row moves from
// discord_connections into pending_role_clears in the caller's transaction,
// so the write that forgets it (an unlink, an X account taken over) also
// remembers to tell Discord to clear the member's metadata, whatever happens
// to the process or to Discord afterwards (see role-connections/role-clears.ts).

import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { discordConnections, pendingRoleClears } from '../../db/schema.js';
import { queuedClear } from '../../role-connections/stores.js';

/** A transaction's handle, or the database's. */
export type SqliteRunner = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

/** Moves the member's connection into the clear queue; false if they had none. */
export function forgetConnection(tx: SqliteRunner, discordUserId: string, now: number): boolean {
  const connection = tx.delete(discordConnections).where(eq(discordConnections.discordUserId, discordUserId)).returning().get();
  if (!connection) return false;
  tx.insert(pendingRoleClears).values(queuedClear(connection, now)).run();
  return true;
}
