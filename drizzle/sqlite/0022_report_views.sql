CREATE TABLE `report_views` (
	`id` text PRIMARY KEY NOT NULL,
	`discord_user_id` text NOT NULL,
	`x_user_id` text NOT NULL,
	`linked_at` integer NOT NULL,
	`guild_id` text,
	`days` integer NOT NULL,
	`time_zone` text NOT NULL,
	`public` integer NOT NULL,
	`render` text NOT NULL,
	`shared_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `report_views_user_idx` ON `report_views` (`discord_user_id`);--> statement-breakpoint
CREATE INDEX `report_views_created_idx` ON `report_views` (`created_at`);