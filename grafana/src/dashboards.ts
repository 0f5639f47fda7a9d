import { RECORDED } from "@tvr/prometheus-config";
import { alertList, dashboard, stat, timeseries } from "./panels.ts";

const pipelineHealth = () =>
  dashboard(
    "tvr-pipeline-health",
    "Pipeline health",
    "Is the weekly run healthy today? Runs, stages, queues, failures.",
  )
    .withPanel(
      stat("Newest run status", "Status of the newest run", "none", [
        { expr: "max by (status) (tvr_last_run_status) == 1", legend: "{{status}}" },
      ]),
    )
    .withPanel(
      stat("Series loaded by the newest run", "Grows while the run is in progress", "none", [
        { expr: "max(tvr_last_run_series_loaded)", legend: "series" },
      ]),
    )
    .withPanel(
      timeseries("Run status", "One-hot status of the newest run over time", "none", [
        { expr: "max by (status) (tvr_last_run_status)", legend: "{{status}}" },
      ]),
    )
    .withPanel(
      timeseries("Run duration trend", "Newest run against the median of the recent completed runs", "s", [
        { expr: "max(tvr_last_run_duration_seconds)", legend: "newest run" },
        { expr: "max(tvr_runs_baseline_duration_seconds)", legend: "recent median" },
      ]),
    )
    .withPanel(
      timeseries("Throughput per stage", "Jobs completed per second, by queue", "ops", [
        { expr: RECORDED.jobsCompletedRate, legend: "{{queue}}" },
      ]),
    )
    .withPanel(
      timeseries("Queue depth per queue and state", "Jobs per queue and state (completed left out)", "none", [
        { expr: 'max by (queue, state) (tvr_queue_jobs{state!="completed"})', legend: "{{queue}} {{state}}" },
      ]),
    )
    .withPanel(
      timeseries("Oldest waiting job", "Age of the oldest waiting job per queue", "s", [
        { expr: RECORDED.queueOldestWaiting, legend: "{{queue}}" },
      ]),
    )
    .withPanel(
      timeseries("Failures by reason", "The newest run's failures and absences by stage and reason", "none", [
        {
          expr: "max by (stage, kind, reason) (tvr_last_run_failures)",
          legend: "{{stage}} {{kind}} {{reason}}",
        },
      ]),
    )
    .withPanel(
      timeseries(
        "Job failure ratio",
        "Share of finished jobs that failed after their retries",
        "percentunit",
        [{ expr: RECORDED.jobFailureRatio, legend: "{{queue}}" }],
      ),
    )
    .withPanel(
      timeseries("Job duration p50 / p95", "Wall time of one job attempt, by queue", "s", [
        { expr: RECORDED.jobDurationP50, legend: "p50 {{queue}}" },
        { expr: RECORDED.jobDurationP95, legend: "p95 {{queue}}" },
      ]),
    );

const dataQuality = () =>
  dashboard(
    "tvr-data-quality",
    "Data quality",
    "Can the latest data be trusted? Validation, nulls, rows and freshness.",
  )
    .withPanel(
      timeseries(
        "Validation success over time",
        "1 when the suite passed for the latest validated run",
        "none",
        [{ expr: "max by (suite) (tvr_quality_validation_success)", legend: "{{suite}}" }],
      ),
    )
    .withPanel(
      timeseries("Validations by outcome", "Validations run, by suite and outcome", "none", [
        { expr: "sum by (suite, outcome) (tvr_quality_validations_total)", legend: "{{suite}} {{outcome}}" },
      ]),
    )
    .withPanel(
      timeseries("Failed expectations", "Expectations that failed in the latest validated run", "none", [
        {
          expr: "max by (suite, severity) (tvr_quality_expectations_failed)",
          legend: "{{suite}} {{severity}}",
        },
      ]),
    )
    .withPanel(
      timeseries(
        "Null share per key column",
        "Share of nulls per ratings column (alert above 10%)",
        "percentunit",
        [{ expr: "max by (column) (tvr_quality_null_share)", legend: "{{column}}" }],
      ),
    )
    .withPanel(
      timeseries("Rows per run", "Rows of the latest validated run, by table", "none", [
        { expr: "max by (table) (tvr_quality_rows_loaded)", legend: "{{table}}" },
      ]),
    )
    .withPanel(
      timeseries("Freshness", "Age of the newest ratings snapshot and of the last succeeded run", "s", [
        { expr: "time() - max(tvr_quality_latest_collected_timestamp_seconds)", legend: "newest ratings" },
        {
          expr: "time() - max(tvr_last_succeeded_run_finished_timestamp_seconds)",
          legend: "last succeeded run",
        },
      ]),
    )
    .withPanel(
      timeseries("dbt build", "Success (1/0) and failed nodes of the latest transform", "none", [
        { expr: "max(tvr_transform_success)", legend: "success" },
        { expr: "max(tvr_transform_failed_nodes)", legend: "failed nodes" },
      ]),
    )
    .withPanel(
      timeseries("dbt build duration", "Duration of the latest transform", "s", [
        { expr: "max(tvr_transform_duration_seconds)", legend: "duration" },
      ]),
    );

const upstreams = () =>
  dashboard("tvr-upstreams", "Upstreams", "Are TMDB, OMDb, Rotten Tomatoes and Metacritic answering?")
    .withPanel(
      timeseries("Request rate per source", "Requests per second to each upstream", "reqps", [
        { expr: RECORDED.upstreamRequestRate, legend: "{{source}}" },
      ]),
    )
    .withPanel(
      timeseries("Requests by status", "HTTP status, timeout or network error, per source", "reqps", [
        {
          expr: "sum by (source, status) (rate(tvr_upstream_requests_total[$__rate_interval]))",
          legend: "{{source}} {{status}}",
        },
      ]),
    )
    .withPanel(
      timeseries("Error ratio per source", "5xx, 429, 401, timeouts and network errors", "percentunit", [
        { expr: RECORDED.upstreamErrorRatio, legend: "{{source}}" },
      ]),
    )
    .withPanel(
      timeseries("Latency p95 per source", "95th percentile of upstream request latency", "s", [
        { expr: RECORDED.upstreamLatencyP95, legend: "{{source}}" },
      ]),
    )
    .withPanel(
      timeseries("OMDb quota", "Requests spent today (UTC) against the daily quota", "none", [
        { expr: "max(tvr_omdb_quota_used)", legend: "used" },
        { expr: "max(tvr_omdb_quota_limit)", legend: "limit" },
      ]),
    )
    .withPanel(
      timeseries("OMDb cache", "Cache lookups by result", "ops", [
        {
          expr: "sum by (result) (rate(tvr_omdb_cache_lookups_total[$__rate_interval]))",
          legend: "{{result}}",
        },
      ]),
    )
    .withPanel(
      timeseries("Browser fallbacks", "Pages handed to Chromium, by site and reason", "ops", [
        {
          expr: "sum by (site, reason) (rate(tvr_scrape_browser_fallbacks_total[$__rate_interval]))",
          legend: "{{site}} {{reason}}",
        },
      ]),
    )
    .withPanel(
      timeseries("Parse failures", "Pages that matched no known layout (a site changed)", "none", [
        { expr: "sum by (site) (tvr_scrape_parse_failures_total)", legend: "{{site}}" },
      ]),
    );

const infrastructure = () =>
  dashboard(
    "tvr-postgres-redis",
    "Postgres and Redis health",
    "Are the database and the queue store healthy?",
  )
    .withPanel(
      stat("PostgreSQL up", "pg_up from postgres_exporter", "none", [
        { expr: "min(pg_up)", legend: "postgres" },
      ]),
    )
    .withPanel(
      stat("Redis up", "redis_up from redis_exporter", "none", [{ expr: "min(redis_up)", legend: "redis" }]),
    )
    .withPanel(
      stat("Scrape targets up", "Targets Prometheus reaches, of all targets", "none", [
        { expr: "sum(up)", legend: "up" },
        { expr: "count(up)", legend: "targets" },
      ]),
    )
    .withPanel(
      timeseries("PostgreSQL connections", "Backends per database", "none", [
        { expr: "sum by (datname) (pg_stat_database_numbackends)", legend: "{{datname}}" },
      ]),
    )
    .withPanel(
      timeseries("PostgreSQL transactions", "Commits and rollbacks per second", "ops", [
        { expr: "sum(rate(pg_stat_database_xact_commit[$__rate_interval]))", legend: "commits" },
        { expr: "sum(rate(pg_stat_database_xact_rollback[$__rate_interval]))", legend: "rollbacks" },
      ]),
    )
    .withPanel(
      timeseries("PostgreSQL database size", "Bytes per database", "bytes", [
        { expr: "max by (datname) (pg_database_size_bytes)", legend: "{{datname}}" },
      ]),
    )
    .withPanel(
      timeseries("Redis memory", "Memory used by Redis", "bytes", [
        { expr: "max(redis_memory_used_bytes)", legend: "used" },
      ]),
    )
    .withPanel(
      timeseries("Redis clients and commands", "Connected clients and commands per second", "none", [
        { expr: "max(redis_connected_clients)", legend: "clients" },
        { expr: "sum(rate(redis_commands_processed_total[$__rate_interval]))", legend: "commands/s" },
      ]),
    );

const alerts = () =>
  dashboard("tvr-alerts", "Alerts", "What is firing now, and what fired recently?")
    .withPanel(alertList("Firing and pending alerts"))
    .withPanel(
      timeseries("Alerts over time", "Firing alerts by name and severity", "none", [
        {
          expr: 'sum by (alertname, severity) (ALERTS{alertstate="firing"})',
          legend: "{{alertname}} {{severity}}",
        },
      ]),
    );

/** Every dashboard, by the file name of its committed JSON. */
export const DASHBOARDS = {
  "pipeline-health": pipelineHealth,
  "data-quality": dataQuality,
  upstreams,
  "postgres-redis": infrastructure,
  alerts,
} as const;
