CREATE TABLE "quality_expectation_results" (
	"run_id" uuid NOT NULL,
	"suite" text NOT NULL,
	"expectation_id" text NOT NULL,
	"expectation_type" text NOT NULL,
	"column_name" text,
	"severity" text NOT NULL,
	"success" boolean NOT NULL,
	"observed_value" jsonb,
	"unexpected_share" double precision,
	"details" jsonb,
	CONSTRAINT "quality_expectation_results_run_id_suite_expectation_id_pk" PRIMARY KEY("run_id","suite","expectation_id"),
	CONSTRAINT "quality_expectation_results_severity_valid" CHECK ("quality_expectation_results"."severity" in ('critical', 'warning'))
);
--> statement-breakpoint
CREATE TABLE "quality_validations" (
	"run_id" uuid NOT NULL,
	"suite" text NOT NULL,
	"success" boolean NOT NULL,
	"evaluated" integer NOT NULL,
	"failed" integer NOT NULL,
	"critical_failed" integer NOT NULL,
	"validated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"data_docs_path" text,
	CONSTRAINT "quality_validations_run_id_suite_pk" PRIMARY KEY("run_id","suite")
);
--> statement-breakpoint
CREATE TABLE "run_stages" (
	"run_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"outcome" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"result" jsonb,
	"error" text,
	CONSTRAINT "run_stages_run_id_stage_pk" PRIMARY KEY("run_id","stage"),
	CONSTRAINT "run_stages_stage_valid" CHECK ("run_stages"."stage" in ('validate', 'transform')),
	CONSTRAINT "run_stages_outcome_valid" CHECK ("run_stages"."outcome" in ('passed', 'failed', 'error', 'timed_out', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "transform_results" (
	"run_id" uuid NOT NULL,
	"node" text NOT NULL,
	"resource_type" text NOT NULL,
	"status" text NOT NULL,
	"message" text,
	"rows_affected" bigint,
	"execution_seconds" double precision,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transform_results_run_id_node_pk" PRIMARY KEY("run_id","node")
);
--> statement-breakpoint
ALTER TABLE "pipeline_runs" DROP CONSTRAINT "pipeline_runs_status_valid";--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "period" text DEFAULT to_char(now() at time zone 'UTC', 'IYYY-"W"IW') NOT NULL;--> statement-breakpoint
-- Hand-written backfill: runs made before periods existed stand for the UTC ISO week they started in.
UPDATE "pipeline_runs" SET "period" = to_char("started_at" AT TIME ZONE 'UTC', 'IYYY-"W"IW');--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "holds_period" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "supersedes_run_id" uuid;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "loaded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ratings" ADD COLUMN "period" text;--> statement-breakpoint
UPDATE "ratings" r SET "period" = p."period" FROM "pipeline_runs" p WHERE p."id" = r."run_id";--> statement-breakpoint
ALTER TABLE "ratings" ALTER COLUMN "period" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "ratings" ADD COLUMN "omdb_fetched_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "quality_expectation_results" ADD CONSTRAINT "quality_expectation_results_run_id_pipeline_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_validations" ADD CONSTRAINT "quality_validations_run_id_pipeline_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_stages" ADD CONSTRAINT "run_stages_run_id_pipeline_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_results" ADD CONSTRAINT "transform_results_run_id_pipeline_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD CONSTRAINT "pipeline_runs_supersedes_run_id_pipeline_runs_id_fk" FOREIGN KEY ("supersedes_run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pipeline_runs_period_idx" ON "pipeline_runs" USING btree ("period","started_at");--> statement-breakpoint
-- Hand-written backfill: the last finished (succeeded or partial) run of each week holds it.
UPDATE "pipeline_runs" SET "holds_period" = true WHERE "id" IN (
  SELECT DISTINCT ON ("period") "id" FROM "pipeline_runs"
  WHERE "status" IN ('succeeded', 'partial')
  ORDER BY "period", "finished_at" DESC NULLS LAST, "started_at" DESC
);--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_runs_period_holder_uq" ON "pipeline_runs" USING btree ("period") WHERE "pipeline_runs"."holds_period";--> statement-breakpoint
CREATE INDEX "ratings_period_idx" ON "ratings" USING btree ("period");--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD CONSTRAINT "pipeline_runs_period_valid" CHECK ("pipeline_runs"."period" ~ '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$');--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD CONSTRAINT "pipeline_runs_status_valid" CHECK ("pipeline_runs"."status" in ('running', 'validating', 'transforming', 'succeeded', 'partial', 'failed', 'cancelled'));