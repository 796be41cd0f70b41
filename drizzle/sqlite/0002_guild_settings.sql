CREATE TABLE `guild_members` (
	`guild_id` text NOT NULL,
	`discord_user_id` text NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`guild_id`, `discord_user_id`)
);
--> statement-breakpoint
CREATE INDEX `guild_members_user_idx` ON `guild_members` (`discord_user_id`);--> statement-breakpoint
CREATE TABLE `guild_settings` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`linked_role_id` text,
	`public_reports` integer DEFAULT true NOT NULL,
	`reports_channel_id` text,
	`monthly_post_budget` integer,
	`updated_at` integer NOT NULL
);
