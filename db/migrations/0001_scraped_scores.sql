ALTER TABLE "ratings" ADD COLUMN "tomatoes_audience" smallint;--> statement-breakpoint
ALTER TABLE "ratings" ADD COLUMN "tomatoes_audience_count" integer;--> statement-breakpoint
ALTER TABLE "ratings" ADD COLUMN "tomatoes_audience_count_is_lower_bound" boolean;--> statement-breakpoint
ALTER TABLE "series" ADD COLUMN "rt_path" text;--> statement-breakpoint
ALTER TABLE "series" ADD COLUMN "mc_path" text;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_tomatoes_audience_range" CHECK ("ratings"."tomatoes_audience" between 0 and 100);