CREATE TABLE "genre_dim" (
	"genre_id" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_dim" (
	"network_id" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"origin_country" text
);
--> statement-breakpoint
CREATE TABLE "pipeline_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"idempotency_key" text,
	"max_pages" integer,
	"total_pages" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"discovered_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "pipeline_runs_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "pipeline_runs_mode_valid" CHECK ("pipeline_runs"."mode" in ('sandbox', 'live')),
	CONSTRAINT "pipeline_runs_status_valid" CHECK ("pipeline_runs"."status" in ('running', 'succeeded', 'partial', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" uuid NOT NULL,
	"series_id" integer NOT NULL,
	"collected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tmdb_vote_average" numeric(5, 3),
	"tmdb_vote_count" integer,
	"tmdb_popularity" numeric(12, 3),
	"imdb_rating" numeric(3, 1),
	"imdb_count" integer,
	"tomatoes_critic" smallint,
	"tomatoes_critic_count" integer,
	"metacritic" smallint,
	"metacritic_count" integer,
	"metauser" numeric(3, 1),
	"metauser_count" integer,
	CONSTRAINT "ratings_imdb_rating_range" CHECK ("ratings"."imdb_rating" between 0 and 10),
	CONSTRAINT "ratings_tomatoes_critic_range" CHECK ("ratings"."tomatoes_critic" between 0 and 100),
	CONSTRAINT "ratings_metacritic_range" CHECK ("ratings"."metacritic" between 0 and 100),
	CONSTRAINT "ratings_metauser_range" CHECK ("ratings"."metauser" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "run_failures" (
	"run_id" uuid NOT NULL,
	"series_id" integer NOT NULL,
	"stage" text NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"attempts" integer DEFAULT 1 NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_failures_run_id_series_id_stage_pk" PRIMARY KEY("run_id","series_id","stage"),
	CONSTRAINT "run_failures_kind_valid" CHECK ("run_failures"."kind" in ('absent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "run_pages" (
	"run_id" uuid NOT NULL,
	"page" integer NOT NULL,
	"status" text NOT NULL,
	"series_count" integer DEFAULT 0 NOT NULL,
	"reason" text,
	CONSTRAINT "run_pages_run_id_page_pk" PRIMARY KEY("run_id","page")
);
--> statement-breakpoint
CREATE TABLE "run_series" (
	"run_id" uuid NOT NULL,
	"series_id" integer NOT NULL,
	"page" integer NOT NULL,
	"rank" integer NOT NULL,
	"outcome" text,
	"finished_at" timestamp with time zone,
	CONSTRAINT "run_series_run_id_series_id_pk" PRIMARY KEY("run_id","series_id")
);
--> statement-breakpoint
CREATE TABLE "series" (
	"series_id" integer PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"original_title" text,
	"first_air_date" date,
	"release_year" smallint,
	"original_language" text,
	"origin_country" text[],
	"plot" text,
	"status" text,
	"series_type" text,
	"number_of_seasons" integer,
	"number_of_episodes" integer,
	"imdb_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "series_genre" (
	"series_id" integer NOT NULL,
	"genre_id" integer NOT NULL,
	CONSTRAINT "series_genre_series_id_genre_id_pk" PRIMARY KEY("series_id","genre_id")
);
--> statement-breakpoint
CREATE TABLE "series_network" (
	"series_id" integer NOT NULL,
	"network_id" integer NOT NULL,
	CONSTRAINT "series_network_series_id_network_id_pk" PRIMARY KEY("series_id","network_id")
);
--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_run_id_pipeline_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_series_id_series_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("series_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_failures" ADD CONSTRAINT "run_failures_run_id_pipeline_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_pages" ADD CONSTRAINT "run_pages_run_id_pipeline_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_series" ADD CONSTRAINT "run_series_run_id_pipeline_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_genre" ADD CONSTRAINT "series_genre_series_id_series_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("series_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_genre" ADD CONSTRAINT "series_genre_genre_id_genre_dim_genre_id_fk" FOREIGN KEY ("genre_id") REFERENCES "public"."genre_dim"("genre_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_network" ADD CONSTRAINT "series_network_series_id_series_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("series_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_network" ADD CONSTRAINT "series_network_network_id_network_dim_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network_dim"("network_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pipeline_runs_started_at_idx" ON "pipeline_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "ratings_series_idx" ON "ratings" USING btree ("series_id","collected_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_run_series_uq" ON "ratings" USING btree ("run_id","series_id");--> statement-breakpoint
CREATE INDEX "run_series_pending_idx" ON "run_series" USING btree ("run_id") WHERE "run_series"."outcome" is null;--> statement-breakpoint
CREATE INDEX "series_imdb_id_idx" ON "series" USING btree ("imdb_id");--> statement-breakpoint
CREATE INDEX "series_genre_genre_idx" ON "series_genre" USING btree ("genre_id");--> statement-breakpoint
CREATE INDEX "series_network_network_idx" ON "series_network" USING btree ("network_id");