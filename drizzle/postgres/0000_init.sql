CREATE TABLE "bot_guilds" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"seen_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discord_connections" (
	"discord_user_id" text PRIMARY KEY NOT NULL,
	"access_token_sealed" text NOT NULL,
	"refresh_token_sealed" text NOT NULL,
	"key_id" text NOT NULL,
	"expires_at" bigint NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guild_members" (
	"guild_id" text NOT NULL,
	"discord_user_id" text NOT NULL,
	"seen_at" bigint NOT NULL,
	CONSTRAINT "guild_members_guild_id_discord_user_id_pk" PRIMARY KEY("guild_id","discord_user_id")
);
--> statement-breakpoint
CREATE TABLE "guild_settings" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"linked_role_id" text,
	"public_reports" boolean DEFAULT true NOT NULL,
	"reports_channel_id" text,
	"monthly_post_budget" bigint,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handled_interactions" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "linked_accounts" (
	"discord_user_id" text PRIMARY KEY NOT NULL,
	"x_user_id" text NOT NULL,
	"x_screen_name" text NOT NULL,
	"access_token_sealed" text NOT NULL,
	"access_secret_sealed" text NOT NULL,
	"key_id" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"linked_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_time_zones" (
	"discord_user_id" text PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monthly_usage" (
	"month" text NOT NULL,
	"guild_id" text NOT NULL,
	"reports" bigint NOT NULL,
	"upstream_requests" bigint NOT NULL,
	"posts_read" bigint NOT NULL,
	"user_reads" bigint NOT NULL,
	"cost_micro_usd" bigint NOT NULL,
	CONSTRAINT "monthly_usage_month_guild_id_pk" PRIMARY KEY("month","guild_id")
);
--> statement-breakpoint
CREATE TABLE "pending_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"discord_user_id" text NOT NULL,
	"discord_user_name" text NOT NULL,
	"discord_username" text DEFAULT '' NOT NULL,
	"guild_id" text,
	"locale" text,
	"interaction_token_sealed" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"request_token" text,
	"request_secret_sealed" text,
	"browser_hash" text,
	"created_at" bigint NOT NULL,
	"interaction_expires_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	CONSTRAINT "pending_links_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "pending_links_request_token_unique" UNIQUE("request_token")
);
--> statement-breakpoint
CREATE TABLE "pending_revocations" (
	"id" serial PRIMARY KEY NOT NULL,
	"x_user_id" text NOT NULL,
	"seal_id" text NOT NULL,
	"access_token_sealed" text NOT NULL,
	"access_secret_sealed" text NOT NULL,
	"created_at" bigint NOT NULL,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint NOT NULL,
	CONSTRAINT "pending_revocations_seal_id_unique" UNIQUE("seal_id")
);
--> statement-breakpoint
CREATE TABLE "report_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"discord_user_id" text,
	"guild_id" text,
	"days" bigint NOT NULL,
	"started_at" bigint NOT NULL,
	"duration_ms" bigint NOT NULL,
	"upstream_requests" bigint NOT NULL,
	"posts_read" bigint NOT NULL,
	"user_reads" bigint DEFAULT 0 NOT NULL,
	"cost_micro_usd" bigint DEFAULT 0 NOT NULL,
	"outcome" text NOT NULL,
	"reserved_posts" bigint DEFAULT 0 NOT NULL,
	"locale" text,
	"interaction_token_sealed" text
);
--> statement-breakpoint
CREATE TABLE "role_connection_states" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"browser_hash" text NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "x_coverage" (
	"x_user_id" text NOT NULL,
	"source" text NOT NULL,
	"covered_from" bigint NOT NULL,
	"covered_to" bigint NOT NULL,
	"cut_reason" text,
	CONSTRAINT "x_coverage_x_user_id_source_covered_from_pk" PRIMARY KEY("x_user_id","source","covered_from")
);
--> statement-breakpoint
CREATE TABLE "x_fetch_state" (
	"x_user_id" text NOT NULL,
	"source" text NOT NULL,
	"refreshed_at" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "x_fetch_state_x_user_id_source_pk" PRIMARY KEY("x_user_id","source")
);
--> statement-breakpoint
CREATE TABLE "x_follower_snapshots" (
	"x_user_id" text NOT NULL,
	"day" text NOT NULL,
	"followers" bigint NOT NULL,
	CONSTRAINT "x_follower_snapshots_x_user_id_day_pk" PRIMARY KEY("x_user_id","day")
);
--> statement-breakpoint
CREATE TABLE "x_posts" (
	"x_user_id" text NOT NULL,
	"source" text NOT NULL,
	"id" text NOT NULL,
	"created_at" bigint NOT NULL,
	"fetched_at" bigint NOT NULL,
	"kind" text NOT NULL,
	"replied_to" text,
	"author_id" text,
	"text" text NOT NULL,
	"likes" bigint NOT NULL,
	"reposts" bigint NOT NULL,
	"replies" bigint NOT NULL,
	"quotes" bigint NOT NULL,
	"bookmarks" bigint NOT NULL,
	"impressions" bigint,
	"has_private" boolean NOT NULL,
	"private_impressions" bigint,
	"profile_clicks" bigint,
	"link_clicks" bigint,
	"engagements" bigint,
	"hashtags" text NOT NULL,
	"mentions" text NOT NULL,
	"domains" text NOT NULL,
	"has_media" boolean NOT NULL,
	CONSTRAINT "x_posts_x_user_id_source_id_pk" PRIMARY KEY("x_user_id","source","id")
);
--> statement-breakpoint
CREATE TABLE "x_profiles" (
	"x_user_id" text PRIMARY KEY NOT NULL,
	"json" text NOT NULL,
	"fetched_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "guild_members_user_idx" ON "guild_members" USING btree ("discord_user_id");--> statement-breakpoint
CREATE INDEX "guild_members_seen_idx" ON "guild_members" USING btree ("seen_at");--> statement-breakpoint
CREATE INDEX "handled_interactions_expiry_idx" ON "handled_interactions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "linked_accounts_x_user_idx" ON "linked_accounts" USING btree ("x_user_id");--> statement-breakpoint
CREATE INDEX "pending_links_user_idx" ON "pending_links" USING btree ("discord_user_id");--> statement-breakpoint
CREATE INDEX "pending_links_expiry_idx" ON "pending_links" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "pending_revocations_due_idx" ON "pending_revocations" USING btree ("next_attempt_at");--> statement-breakpoint
CREATE INDEX "report_runs_user_idx" ON "report_runs" USING btree ("discord_user_id","started_at");--> statement-breakpoint
CREATE INDEX "report_runs_guild_idx" ON "report_runs" USING btree ("guild_id","started_at");--> statement-breakpoint
CREATE INDEX "report_runs_started_idx" ON "report_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "role_connection_states_expiry_idx" ON "role_connection_states" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "x_posts_time_idx" ON "x_posts" USING btree ("x_user_id","source","created_at");