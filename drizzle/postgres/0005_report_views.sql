CREATE TABLE "report_views" (
	"id" text PRIMARY KEY NOT NULL,
	"discord_user_id" text NOT NULL,
	"x_user_id" text NOT NULL,
	"linked_at" bigint NOT NULL,
	"guild_id" text,
	"days" bigint NOT NULL,
	"time_zone" text NOT NULL,
	"public" boolean NOT NULL,
	"render" text NOT NULL,
	"shared_at" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_views_user_idx" ON "report_views" USING btree ("discord_user_id");--> statement-breakpoint
CREATE INDEX "report_views_created_idx" ON "report_views" USING btree ("created_at");