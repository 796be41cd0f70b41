// A member's Linked Roles connection, forgotten: its row moves from
// discord_connections into pending_role_clears in the caller's transaction,
// so the write that forgets it (an unlink, an X account taken over) also
// remembers to tell Discord to clear the member's metadata, whatever happens
// to the process or to Discord afterwards (see role-connections/role-clears.ts).

import { eq } from 'drizzle-orm';
import type { Db } from './database.js';
import { discordConnections, pendingRoleClears } from './schema.js';

/** A transaction's handle, or the database's. */
export type SqliteRunner = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

/** The clear-queue row of a forgotten connection (either engine's): its sealed tokens, due at once. */
export function queuedClear(
  connection: { discordUserId: string; accessTokenSealed: string; refreshTokenSealed: string; expiresAt: number },
  now: number,
) {
  const { discordUserId, accessTokenSealed, refreshTokenSealed, expiresAt } = connection;
  return { discordUserId, accessTokenSealed, refreshTokenSealed, expiresAt, createdAt: now, attempts: 0, nextAttemptAt: now };
}

/** Moves the member's connection into the clear queue; false if they had none. */
export function forgetConnection(tx: SqliteRunner, discordUserId: string, now: number): boolean {
  const connection = tx.delete(discordConnections).where(eq(discordConnections.discordUserId, discordUserId)).returning().get();
  if (!connection) return false;
  tx.insert(pendingRoleClears).values(queuedClear(connection, now)).run();
  return true;
}
