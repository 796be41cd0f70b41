PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_x_posts` (
	`x_user_id` text NOT NULL,
	`source` text NOT NULL,
	`id` text NOT NULL,
	`created_at` integer NOT NULL,
	`fetched_at` integer NOT NULL,
	`kind` text NOT NULL,
	`replied_to` text,
	`author_id` text,
	`text` text NOT NULL,
	`likes` integer NOT NULL,
	`reposts` integer NOT NULL,
	`replies` integer NOT NULL,
	`quotes` integer NOT NULL,
	`bookmarks` integer NOT NULL,
	`impressions` integer,
	`has_private` integer NOT NULL,
	`private_impressions` integer,
	`profile_clicks` integer,
	`link_clicks` integer,
	`engagements` integer,
	`hashtags` text NOT NULL,
	`mentions` text NOT NULL,
	`domains` text NOT NULL,
	`has_media` integer NOT NULL,
	PRIMARY KEY(`x_user_id`, `source`, `id`)
);
--> statement-breakpoint
INSERT INTO `__new_x_posts`("x_user_id", "source", "id", "created_at", "fetched_at", "kind", "replied_to", "author_id", "text", "likes", "reposts", "replies", "quotes", "bookmarks", "impressions", "has_private", "private_impressions", "profile_clicks", "link_clicks", "engagements", "hashtags", "mentions", "domains", "has_media") SELECT "x_user_id", "source", "id", "created_at", "fetched_at", "kind", "replied_to", "author_id", "text", "likes", "reposts", "replies", "quotes", "bookmarks", "impressions", "has_private", "private_impressions", "profile_clicks", "link_clicks", "engagements", "hashtags", "mentions", "domains", "has_media" FROM `x_posts`;--> statement-breakpoint
DROP TABLE `x_posts`;--> statement-breakpoint
ALTER TABLE `__new_x_posts` RENAME TO `x_posts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `x_posts_time_idx` ON `x_posts` (`x_user_id`,`source`,`created_at`);