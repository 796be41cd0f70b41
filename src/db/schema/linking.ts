// Linking: one-time links, linked X accounts and the tokens queued for revocation.
// SQLite (the same tables as ../schema-pg/linking.ts).

import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A one-time link handed to a member by /link-twitter, until it is completed, cancelled or expires. */
export const pendingLinks = sqliteTable(
  'pending_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** SHA-256 of the link token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    discordUserId: text('discord_user_id').notNull(),
    /** Display name, shown on the confirmation page and the success page. */
    discordUserName: text('discord_user_name').notNull(),
    /** Unique @username, shown beside the display name, which anyone can imitate. */
    discordUsername: text('discord_username').notNull().default(''),
    guildId: text('guild_id'),
    /** The member's Discord locale, for the texts that follow (confirmation, pages). */
    locale: text('locale'),
    /** Sealed interaction token, to edit the member's ephemeral reply when linking ends. */
    interactionTokenSealed: text('interaction_token_sealed').notNull(),
    /**
     * 'pending' until Continue is pressed, 'authorizing' while the member is at
     * X, 'exchanging' while the callback trades the verifier for the access
     * token (a link left in that state was cut off by a crash).
     */
    state: text('state', { enum: ['pending', 'authorizing', 'exchanging'] })
      .notNull()
      .default('pending'),
    requestToken: text('request_token').unique(),
    requestSecretSealed: text('request_secret_sealed'),
    /** SHA-256 of the secret in the browser cookie set by Continue: the callback completes only in that browser. */
    browserHash: text('browser_hash'),
    createdAt: integer('created_at').notNull(),
    /** Interaction tokens die 15 minutes after the command; no edit is tried past this. */
    interactionExpiresAt: integer('interaction_expires_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('pending_links_user_idx').on(t.discordUserId), index('pending_links_expiry_idx').on(t.expiresAt)],
);

/**
 * A Discord member's linked X account. Credentials are sealed with TokenCipher.
 * One X account belongs to at most one member (unique x_user_id).
 */
export const linkedAccounts = sqliteTable(
  'linked_accounts',
  {
    discordUserId: text('discord_user_id').primaryKey(),
    /** X ids exceed 2^53, so they stay strings. */
    xUserId: text('x_user_id').notNull(),
    xScreenName: text('x_screen_name').notNull(),
    accessTokenSealed: text('access_token_sealed').notNull(),
    accessSecretSealed: text('access_secret_sealed').notNull(),
    keyId: text('key_id').notNull(),
    /** 'broken' once X rejects the token; the member must link again. */
    status: text('status', { enum: ['active', 'broken'] })
      .notNull()
      .default('active'),
    linkedAt: integer('linked_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('linked_accounts_x_user_idx').on(t.xUserId)],
);

/**
 * Access tokens to revoke at X: written in the same transaction that forgets
 * them, deleted once X confirms, retried with backoff until then, so a crash
 * or an X outage never leaves a live token nobody can revoke.
 */
export const pendingRevocations = sqliteTable(
  'pending_revocations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    xUserId: text('x_user_id').notNull(),
    /** Sealed with the row's own context (revocation:<sealId>). */
    sealId: text('seal_id').notNull().unique(),
    accessTokenSealed: text('access_token_sealed').notNull(),
    accessSecretSealed: text('access_secret_sealed').notNull(),
    createdAt: integer('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
  },
  (t) => [index('pending_revocations_due_idx').on(t.nextAttemptAt)],
);

export type PendingLink = typeof pendingLinks.$inferSelect;

export type LinkedAccount = typeof linkedAccounts.$inferSelect;

export type PendingRevocation = typeof pendingRevocations.$inferSelect;
