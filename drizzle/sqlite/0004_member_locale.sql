ALTER TABLE `pending_links` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `report_runs` ADD `locale` text;