CREATE TABLE `bot_guilds` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`seen_at` integer NOT NULL
);
