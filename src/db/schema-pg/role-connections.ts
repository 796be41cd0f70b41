// Discord Linked Roles: connections, queued clears and sign-in states.
// PostgreSQL (the same tables as ../schema/role-connections.ts).

import { bigint, index, pgTable, serial, text } from 'drizzle-orm/pg-core';

/**
 * A member's Discord Linked Roles connection: the Discord OAuth2 tokens
 * (scope role_connections.write) the bot pushes their X metadata with, sealed
 * like X's tokens. 'reconnect' once Discord refused to refresh them: the
 * member must connect again from the server's Linked Roles menu.
 */
export const discordConnections = pgTable('discord_connections', {
  discordUserId: text('discord_user_id').primaryKey(),
  accessTokenSealed: text('access_token_sealed').notNull(),
  refreshTokenSealed: text('refresh_token_sealed').notNull(),
  keyId: text('key_id').notNull(),
  /** When Discord's access token expires (ms). */
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  status: text('status', { enum: ['active', 'reconnect'] })
    .notNull()
    .default('active'),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

/**
 * Linked Roles connections the bot has forgotten (unlink, or the member's X
 * account linked by someone else) whose metadata Discord must still be told
 * to clear. A row is the forgotten connection's sealed tokens, moved here in
 * the transaction that forgets it, and is retried until Discord confirms the
 * clear or refuses the tokens (see role-connections/role-clears.ts).
 */
export const pendingRoleClears = pgTable(
  'pending_role_clears',
  {
    id: serial('id').primaryKey(),
    discordUserId: text('discord_user_id').notNull(),
    /** Sealed as in discord_connections (context: the member's id), so a row is the connection moved as it was. */
    accessTokenSealed: text('access_token_sealed').notNull(),
    refreshTokenSealed: text('refresh_token_sealed').notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    attempts: bigint('attempts', { mode: 'number' }).notNull().default(0),
    nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('pending_role_clears_due_idx').on(t.nextAttemptAt)],
);

/**
 * Discord OAuth2 `state` values /linked-role handed out that have come back
 * in a callback: recorded only then (a state is signed by the bot and bound to
 * the browser, so opening a sign-in stores nothing), to refuse a second use
 * until the state has expired anyway. Only hashes are stored.
 */
export const roleConnectionStates = pgTable(
  'role_connection_states',
  {
    stateHash: text('state_hash').primaryKey(),
    browserHash: text('browser_hash').notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('role_connection_states_expiry_idx').on(t.expiresAt)],
);

export type DiscordConnection = typeof discordConnections.$inferSelect;

export type PendingRoleClear = typeof pendingRoleClears.$inferSelect;
