ALTER TABLE `report_runs` ADD `job` text;--> statement-breakpoint
ALTER TABLE `report_runs` ADD `ready` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `report_runs` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `report_runs` ADD `lease_until` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `report_runs_queue_idx` ON `report_runs` (`outcome`,`ready`,`lease_until`);