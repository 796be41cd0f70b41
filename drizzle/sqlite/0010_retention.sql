CREATE TABLE `monthly_usage` (
	`month` text NOT NULL,
	`guild_id` text NOT NULL,
	`reports` integer NOT NULL,
	`upstream_requests` integer NOT NULL,
	`posts_read` integer NOT NULL,
	`user_reads` integer NOT NULL,
	`cost_micro_usd` integer NOT NULL,
	PRIMARY KEY(`month`, `guild_id`)
);
--> statement-breakpoint
CREATE INDEX `guild_members_seen_idx` ON `guild_members` (`seen_at`);--> statement-breakpoint
CREATE INDEX `report_runs_started_idx` ON `report_runs` (`started_at`);