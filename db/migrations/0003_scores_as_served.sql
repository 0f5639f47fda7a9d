ALTER TABLE "ratings" DROP CONSTRAINT "ratings_imdb_rating_range";--> statement-breakpoint
ALTER TABLE "ratings" DROP CONSTRAINT "ratings_tomatoes_critic_range";--> statement-breakpoint
ALTER TABLE "ratings" DROP CONSTRAINT "ratings_tomatoes_audience_range";--> statement-breakpoint
ALTER TABLE "ratings" DROP CONSTRAINT "ratings_metacritic_range";--> statement-breakpoint
ALTER TABLE "ratings" DROP CONSTRAINT "ratings_metauser_range";--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_scores_not_negative" CHECK (least("ratings"."imdb_rating", "ratings"."tomatoes_critic", "ratings"."tomatoes_audience", "ratings"."metacritic", "ratings"."metauser") >= 0);