// A member's Linked Roles connection, forgotten, on PostgreSQL: moved into the
// clear queue in the caller's transaction (see storage/sqlite/forgotten-connection.ts).

import { eq } from 'drizzle-orm';
import type { PgRunner } from '../../db/postgres.js';
import { discordConnections, pendingRoleClears } from '../../db/schema-pg.js';
import { queuedClear } from '../../role-connections/stores.js';

/** Moves the member's connection into the clear queue; false if they had none. */
export async function forgetConnection(tx: PgRunner, discordUserId: string, now: number): Promise<boolean> {
  const [connection] = await tx.delete(discordConnections).where(eq(discordConnections.discordUserId, discordUserId)).returning();
  if (!connection) return false;
  await tx.insert(pendingRoleClears).values(queuedClear(connection, now));
  return true;
}
