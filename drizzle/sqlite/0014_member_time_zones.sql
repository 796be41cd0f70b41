CREATE TABLE `member_time_zones` (
	`discord_user_id` text PRIMARY KEY NOT NULL,
	`time_zone` text NOT NULL,
	`updated_at` integer NOT NULL
);
