CREATE TABLE `linked_accounts` (
	`discord_user_id` text PRIMARY KEY NOT NULL,
	`x_user_id` text NOT NULL,
	`x_screen_name` text NOT NULL,
	`access_token_sealed` text NOT NULL,
	`access_secret_sealed` text NOT NULL,
	`key_id` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`linked_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pending_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`discord_user_id` text NOT NULL,
	`discord_user_name` text NOT NULL,
	`guild_id` text,
	`interaction_token_sealed` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`request_token` text,
	`request_secret_sealed` text,
	`created_at` integer NOT NULL,
	`interaction_expires_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pending_links_token_hash_unique` ON `pending_links` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `pending_links_request_token_unique` ON `pending_links` (`request_token`);--> statement-breakpoint
CREATE INDEX `pending_links_user_idx` ON `pending_links` (`discord_user_id`);--> statement-breakpoint
CREATE INDEX `pending_links_expiry_idx` ON `pending_links` (`expires_at`);