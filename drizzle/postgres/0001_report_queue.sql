ALTER TABLE "report_runs" ADD COLUMN "job" text;--> statement-breakpoint
ALTER TABLE "report_runs" ADD COLUMN "ready" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "report_runs" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "report_runs" ADD COLUMN "lease_until" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "report_runs_queue_idx" ON "report_runs" USING btree ("outcome","ready","lease_until");