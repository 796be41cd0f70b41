// Discord Linked Roles: connections, queued clears and sign-in states.
// SQLite (the same tables as ../schema-pg/role-connections.ts).

import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A member's Discord Linked Roles connection: the Discord OAuth2 tokens
 * (scope role_connections.write) the bot pushes their X metadata with, sealed
 * like X's tokens. 'reconnect' once Discord refused to refresh them: the
 * member must connect again from the server's Linked Roles menu.
 */
export const discordConnections = sqliteTable('discord_connections', {
  discordUserId: text('discord_user_id').primaryKey(),
  accessTokenSealed: text('access_token_sealed').notNull(),
  refreshTokenSealed: text('refresh_token_sealed').notNull(),
  keyId: text('key_id').notNull(),
  /** When Discord's access token expires (ms). */
  expiresAt: integer('expires_at').notNull(),
  status: text('status', { enum: ['active', 'reconnect'] })
    .notNull()
    .default('active'),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Linked Roles connections the bot has forgotten (unlink, or the member's X
 * account linked by someone else) whose metadata Discord must still be told
 * to clear. A row is the forgotten connection's sealed tokens, moved here in
 * the transaction that forgets it, and is retried until Discord confirms the
 * clear or refuses the tokens (see role-connections/role-clears.ts).
 */
export const pendingRoleClears = sqliteTable(
  'pending_role_clears',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    discordUserId: text('discord_user_id').notNull(),
    /** Sealed as in discord_connections (context: the member's id), so a row is the connection moved as it was. */
    accessTokenSealed: text('access_token_sealed').notNull(),
    refreshTokenSealed: text('refresh_token_sealed').notNull(),
    expiresAt: integer('expires_at').notNull(),
    createdAt: integer('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
  },
  (t) => [index('pending_role_clears_due_idx').on(t.nextAttemptAt)],
);

/**
 * Discord OAuth2 `state` values /linked-role handed out that have come back
 * in a callback: recorded only then (a state is signed by the bot and bound to
 * the browser, so opening a sign-in stores nothing), to refuse a second use
 * until the state has expired anyway. Only hashes are stored.
 */
export const roleConnectionStates = sqliteTable(
  'role_connection_states',
  {
    stateHash: text('state_hash').primaryKey(),
    browserHash: text('browser_hash').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('role_connection_states_expiry_idx').on(t.expiresAt)],
);

export type DiscordConnection = typeof discordConnections.$inferSelect;

export type PendingRoleClear = typeof pendingRoleClears.$inferSelect;
