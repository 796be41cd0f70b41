CREATE TABLE `x_coverage` (
	`x_user_id` text NOT NULL,
	`source` text NOT NULL,
	`covered_from` integer NOT NULL,
	`covered_to` integer NOT NULL,
	`cut_reason` text,
	PRIMARY KEY(`x_user_id`, `source`, `covered_from`)
);
--> statement-breakpoint
ALTER TABLE `x_fetch_state` ADD `refreshed_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- What the old state said was stored in full becomes the first span (a state whose full read never completed covered nothing).
INSERT INTO `x_coverage` (`x_user_id`, `source`, `covered_from`, `covered_to`, `cut_reason`)
  SELECT `x_user_id`, `source`, `covered_from`, `last_read_at`, `cut_reason` FROM `x_fetch_state` WHERE `full_read_at` > 0 AND `last_read_at` >= `covered_from`;
--> statement-breakpoint
-- A full read re-read every post, the young ones included.
UPDATE `x_fetch_state` SET `refreshed_at` = `full_read_at`;
