CREATE TABLE `report_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`discord_user_id` text,
	`guild_id` text,
	`days` integer NOT NULL,
	`started_at` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`upstream_requests` integer NOT NULL,
	`posts_read` integer NOT NULL,
	`outcome` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `report_runs_user_idx` ON `report_runs` (`discord_user_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `report_runs_guild_idx` ON `report_runs` (`guild_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `x_fetch_state` (
	`x_user_id` text NOT NULL,
	`source` text NOT NULL,
	`covered_from` integer NOT NULL,
	`full_read_at` integer NOT NULL,
	`last_read_at` integer NOT NULL,
	`cut_reason` text,
	PRIMARY KEY(`x_user_id`, `source`)
);
--> statement-breakpoint
CREATE TABLE `x_posts` (
	`x_user_id` text NOT NULL,
	`source` text NOT NULL,
	`id` text NOT NULL,
	`created_at` integer NOT NULL,
	`json` text NOT NULL,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`x_user_id`, `source`, `id`)
);
--> statement-breakpoint
CREATE INDEX `x_posts_time_idx` ON `x_posts` (`x_user_id`,`source`,`created_at`);--> statement-breakpoint
CREATE TABLE `x_profiles` (
	`x_user_id` text PRIMARY KEY NOT NULL,
	`json` text NOT NULL,
	`fetched_at` integer NOT NULL
);
