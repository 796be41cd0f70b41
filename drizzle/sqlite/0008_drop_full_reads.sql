ALTER TABLE `x_fetch_state` DROP COLUMN `covered_from`;--> statement-breakpoint
ALTER TABLE `x_fetch_state` DROP COLUMN `full_read_at`;--> statement-breakpoint
ALTER TABLE `x_fetch_state` DROP COLUMN `last_read_at`;--> statement-breakpoint
ALTER TABLE `x_fetch_state` DROP COLUMN `cut_reason`;