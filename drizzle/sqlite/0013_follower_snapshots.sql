CREATE TABLE `x_follower_snapshots` (
	`x_user_id` text NOT NULL,
	`day` text NOT NULL,
	`followers` integer NOT NULL,
	PRIMARY KEY(`x_user_id`, `day`)
);
