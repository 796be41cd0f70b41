CREATE TABLE `digest_claims` (
	`guild_id` text NOT NULL,
	`due_at` integer NOT NULL,
	`claimed_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`cost_micro_usd` integer DEFAULT 0 NOT NULL,
	`posts_read` integer DEFAULT 0 NOT NULL,
	`detail` text,
	PRIMARY KEY(`guild_id`, `due_at`)
);
--> statement-breakpoint
CREATE TABLE `digest_schedules` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`weekday` integer NOT NULL,
	`minute_of_day` integer NOT NULL,
	`time_zone` text NOT NULL,
	`locale` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `leaderboard_members` (
	`guild_id` text NOT NULL,
	`discord_user_id` text NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`guild_id`, `discord_user_id`)
);
--> statement-breakpoint
CREATE INDEX `leaderboard_members_user_idx` ON `leaderboard_members` (`discord_user_id`);