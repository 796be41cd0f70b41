// The whole database schema. Migrations under drizzle/ are generated from this
// file with `npm run db:generate`; never edit them by hand.

import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A one-time link handed to a member by /link-twitter, until it is completed, cancelled or expires. */
export const pendingLinks = sqliteTable(
  'pending_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** SHA-256 of the link token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    discordUserId: text('discord_user_id').notNull(),
    discordUserName: text('discord_user_name').notNull(),
    guildId: text('guild_id'),
    /** Sealed interaction token, to edit the member's ephemeral reply when linking ends. */
    interactionTokenSealed: text('interaction_token_sealed').notNull(),
    /** 'pending' until the link is opened, then 'authorizing' while the member is at X. */
    state: text('state', { enum: ['pending', 'authorizing'] }).notNull().default('pending'),
    requestToken: text('request_token').unique(),
    requestSecretSealed: text('request_secret_sealed'),
    createdAt: integer('created_at').notNull(),
    /** Interaction tokens die 15 minutes after the command; no edit is tried past this. */
    interactionExpiresAt: integer('interaction_expires_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('pending_links_user_idx').on(t.discordUserId), index('pending_links_expiry_idx').on(t.expiresAt)],
);

/** A Discord member's linked X account. Credentials are sealed with TokenCipher. */
export const linkedAccounts = sqliteTable('linked_accounts', {
  discordUserId: text('discord_user_id').primaryKey(),
  /** X ids exceed 2^53, so they stay strings. */
  xUserId: text('x_user_id').notNull(),
  xScreenName: text('x_screen_name').notNull(),
  accessTokenSealed: text('access_token_sealed').notNull(),
  accessSecretSealed: text('access_secret_sealed').notNull(),
  keyId: text('key_id').notNull(),
  /** 'broken' once X rejects the token; the member must link again. */
  status: text('status', { enum: ['active', 'broken'] }).notNull().default('active'),
  linkedAt: integer('linked_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export type PendingLink = typeof pendingLinks.$inferSelect;
export type LinkedAccount = typeof linkedAccounts.$inferSelect;
