CREATE TABLE `handled_interactions` (
	`id` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `handled_interactions_expiry_idx` ON `handled_interactions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `pending_revocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`x_user_id` text NOT NULL,
	`seal_id` text NOT NULL,
	`access_token_sealed` text NOT NULL,
	`access_secret_sealed` text NOT NULL,
	`created_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pending_revocations_seal_id_unique` ON `pending_revocations` (`seal_id`);--> statement-breakpoint
CREATE INDEX `pending_revocations_due_idx` ON `pending_revocations` (`next_attempt_at`);--> statement-breakpoint
ALTER TABLE `pending_links` ADD `discord_username` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `pending_links` ADD `browser_hash` text;--> statement-breakpoint
ALTER TABLE `report_runs` ADD `reserved_posts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `report_runs` ADD `interaction_token_sealed` text;--> statement-breakpoint
-- Added by hand: before this migration one X account could be linked to two
-- members (link hijacking). Keep the most recent link of each X account so
-- the unique index can be built.
DELETE FROM `linked_accounts` WHERE EXISTS (SELECT 1 FROM `linked_accounts` AS `newer` WHERE `newer`.`x_user_id` = `linked_accounts`.`x_user_id` AND (`newer`.`linked_at` > `linked_accounts`.`linked_at` OR (`newer`.`linked_at` = `linked_accounts`.`linked_at` AND `newer`.`discord_user_id` > `linked_accounts`.`discord_user_id`)));--> statement-breakpoint
CREATE UNIQUE INDEX `linked_accounts_x_user_idx` ON `linked_accounts` (`x_user_id`);