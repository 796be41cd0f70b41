ALTER TABLE `report_runs` ADD `user_reads` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `report_runs` ADD `cost_micro_usd` integer DEFAULT 0 NOT NULL;