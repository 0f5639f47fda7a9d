import type { AlertSettings } from "./settings.ts";

export interface RecordingRule {
  record: string;
  expr: string;
}

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: "critical" | "warning" } & Record<string, string>;
  annotations: { summary: string; description: string; runbook_url: string };
}

export interface RuleGroup {
  name: string;
  interval: string;
  rules: (RecordingRule | AlertRule)[];
}

/** Upstream answers that count as errors: server errors, throttling, a rejected key, no answer. */
export const UPSTREAM_ERROR_STATUS = "5..|429|401|timeout|network_error";

/** Names of the recording rules, shared with the dashboards. */
export const RECORDED = {
  queueWaiting: "queue:tvr_queue_waiting_jobs:max",
  queueOldestWaiting: "queue:tvr_queue_oldest_waiting_age_seconds:max",
  jobsCompletedRate: "queue:tvr_jobs_completed:rate",
  jobFailureRatio: "queue:tvr_job_failure_ratio:rate",
  jobDurationP50: "queue:tvr_job_duration_seconds:p50",
  jobDurationP95: "queue:tvr_job_duration_seconds:p95",
  upstreamRequestRate: "source:tvr_upstream_requests:rate",
  upstreamErrorRatio: "source:tvr_upstream_error_ratio:rate",
  upstreamLatencyP95: "source:tvr_upstream_request_duration_seconds:p95",
  omdbQuotaUsedRatio: "tvr_omdb_quota_used:ratio",
} as const;

/** A ratio that is 0 (not absent) when the numerator has no series, so panels and alerts see it. */
const ratioByLabel = (label: string, numerator: string, denominator: string) =>
  `(sum by (${label}) (${numerator}) or 0 * sum by (${label}) (${denominator})) / sum by (${label}) (${denominator})`;

function recordingRules(s: AlertSettings): RecordingRule[] {
  const w = s.rateWindow;
  return [
    {
      record: RECORDED.queueWaiting,
      // max over API replicas, which all report the same queues.
      expr: `sum by (queue) (max by (queue, state) (tvr_queue_jobs{state=~"waiting|prioritized|paused"}))`,
    },
    { record: RECORDED.queueOldestWaiting, expr: "max by (queue) (tvr_queue_oldest_waiting_age_seconds)" },
    {
      record: RECORDED.jobsCompletedRate,
      expr: `sum by (queue) (rate(tvr_jobs_total{outcome="completed"}[${w}]))`,
    },
    {
      record: RECORDED.jobFailureRatio,
      expr: ratioByLabel(
        "queue",
        `rate(tvr_jobs_total{outcome="failed"}[${w}])`,
        `rate(tvr_jobs_total{outcome=~"completed|failed"}[${w}])`,
      ),
    },
    {
      record: RECORDED.jobDurationP50,
      expr: `histogram_quantile(0.5, sum by (queue, le) (rate(tvr_job_duration_seconds_bucket[${w}])))`,
    },
    {
      record: RECORDED.jobDurationP95,
      expr: `histogram_quantile(0.95, sum by (queue, le) (rate(tvr_job_duration_seconds_bucket[${w}])))`,
    },
    {
      record: RECORDED.upstreamRequestRate,
      expr: `sum by (source) (rate(tvr_upstream_requests_total[${w}]))`,
    },
    {
      record: RECORDED.upstreamErrorRatio,
      expr: ratioByLabel(
        "source",
        `rate(tvr_upstream_requests_total{status=~"${UPSTREAM_ERROR_STATUS}"}[${w}])`,
        `rate(tvr_upstream_requests_total[${w}])`,
      ),
    },
    {
      record: RECORDED.upstreamLatencyP95,
      expr: `histogram_quantile(0.95, sum by (source, le) (rate(tvr_upstream_request_duration_seconds_bucket[${w}])))`,
    },
    { record: RECORDED.omdbQuotaUsedRatio, expr: "max(tvr_omdb_quota_used) / max(tvr_omdb_quota_limit)" },
  ];
}

function alertRules(s: AlertSettings): AlertRule[] {
  const alert = (
    name: string,
    severity: "critical" | "warning",
    expr: string,
    forDuration: string,
    summary: string,
    description: string,
    extraLabels: Record<string, string> = {},
  ): AlertRule => ({
    alert: name,
    expr,
    for: forDuration,
    labels: { severity, ...extraLabels },
    annotations: { summary, description, runbook_url: `${s.runbookUrl}#${name.toLowerCase()}` },
  });
  const inProgress = `status=~"running|validating|transforming"`;
  return [
    alert(
      "TvrQueueBacklog",
      "warning",
      `${RECORDED.queueWaiting} > ${s.queueDepthMax}`,
      s.queueDepthFor,
      "Queue {{ $labels.queue }} is backing up",
      `{{ $value }} jobs are waiting in queue {{ $labels.queue }} (more than ${s.queueDepthMax} for ${s.queueDepthFor}): its workers are missing or too slow.`,
    ),
    alert(
      "TvrQueueStuck",
      "critical",
      // The OMDb queue waits on purpose while the daily quota is spent (TvrOmdbQuotaSpent says so).
      `${RECORDED.queueOldestWaiting} > ${s.oldestWaitingMaxSeconds} unless on (queue) label_replace(max(tvr_omdb_quota_used) >= max(tvr_omdb_quota_limit), "queue", "omdb", "", "")`,
      s.oldestWaitingFor,
      "Queue {{ $labels.queue }} is stuck",
      `The oldest waiting job in queue {{ $labels.queue }} has waited {{ $value | humanizeDuration }} (limit ${s.oldestWaitingMaxSeconds} s): nothing is taking jobs from it (its workers are gone, stuck, or the queue is paused).`,
    ),
    alert(
      "TvrJobFailureRatioHigh",
      "warning",
      `${RECORDED.jobFailureRatio} > ${s.jobFailureRatioMax}`,
      s.jobFailureRatioFor,
      "Jobs in queue {{ $labels.queue }} are failing",
      `{{ $value | humanizePercentage }} of the jobs finished in queue {{ $labels.queue }} failed after their retries (limit ${s.jobFailureRatioMax * 100}%).`,
    ),
    alert(
      "TvrRunFailed",
      "critical",
      `max by (status) (tvr_last_run_status{status="failed"}) == 1`,
      "0s",
      "The newest pipeline run failed",
      "The newest run ended with status failed: it stopped early (e.g. a rejected API key) and loaded nothing more.",
    ),
    alert(
      "TvrRunPartial",
      "warning",
      `max by (status) (tvr_last_run_status{status="partial"}) == 1`,
      "0s",
      "The newest pipeline run ended partial",
      "The newest run ended partial: some work failed after its retries, a critical validation failed or the dbt build failed.",
    ),
    alert(
      "TvrRunSlow",
      "warning",
      `max(tvr_last_run_duration_seconds) > ${s.runSlowFactor} * max(tvr_runs_baseline_duration_seconds) and on () max(tvr_last_run_status{${inProgress}}) == 1`,
      s.runSlowFor,
      "The current run takes far longer than the last ones",
      `The running pipeline run has taken {{ $value | humanizeDuration }}, more than ${s.runSlowFactor}x the median of the recent completed runs.`,
    ),
    alert(
      "TvrNoRecentSucceededRun",
      "critical",
      `time() - max(tvr_last_succeeded_run_finished_timestamp_seconds) > ${s.freshnessMaxSeconds}`,
      "0s",
      "No pipeline run has succeeded recently",
      `The last succeeded run ended {{ $value | humanizeDuration }} ago (limit ${s.freshnessMaxSeconds / 86_400} days): the ratings are stale.`,
    ),
    alert(
      "TvrDataValidationFailed",
      "critical",
      "max by (suite) (tvr_quality_validation_success) == 0",
      s.dataQualityFor,
      "Data validation failed for suite {{ $labels.suite }}",
      "The latest validated run failed the Great Expectations suite {{ $labels.suite }}.",
    ),
    alert(
      "TvrRatingsNullShareHigh",
      "warning",
      `max by (column) (tvr_quality_null_share) > ${s.nullShareMax}`,
      s.dataQualityFor,
      "Many nulls in ratings column {{ $labels.column }}",
      `{{ $value | humanizePercentage }} of the latest run's {{ $labels.column }} values are null (limit ${s.nullShareMax * 100}%).`,
    ),
    alert(
      "TvrOmdbQuotaSpent",
      "warning",
      "max(tvr_omdb_quota_used) >= max(tvr_omdb_quota_limit)",
      "0s",
      "The OMDb daily quota is spent",
      "OMDb lookups wait for the next UTC day; runs that need OMDb take longer.",
      { source: "omdb" },
    ),
    alert(
      "TvrUpstreamErrorRatioHigh",
      "warning",
      `${RECORDED.upstreamErrorRatio} > ${s.upstreamErrorRatioMax}`,
      s.upstreamErrorFor,
      "Upstream {{ $labels.source }} answers with errors",
      `{{ $value | humanizePercentage }} of the requests to {{ $labels.source }} end in a server error, 429, 401, timeout or network error (limit ${s.upstreamErrorRatioMax * 100}%).`,
    ),
    alert(
      "TvrScraperParseFailures",
      "warning",
      `label_replace(sum by (site) (increase(tvr_scrape_parse_failures_total[${s.parseFailureWindow}])), "source", "$1", "site", "(.*)") > ${s.parseFailuresMax}`,
      "0s",
      "Pages of {{ $labels.source }} no longer parse",
      `{{ $value }} {{ $labels.source }} pages matched no known layout in ${s.parseFailureWindow} (limit ${s.parseFailuresMax}): the site probably changed its layout.`,
    ),
    alert(
      "TvrServiceDown",
      "critical",
      `up{job="tvr"} == 0`,
      s.downFor,
      "Service {{ $labels.service }} is down",
      "Prometheus cannot scrape {{ $labels.service }} at {{ $labels.instance }}.",
    ),
    alert(
      "TvrPostgresDown",
      "critical",
      `min by (job, instance) (pg_up or up{job="postgres"}) == 0`,
      s.downFor,
      "PostgreSQL is down",
      "postgres_exporter at {{ $labels.instance }} cannot reach PostgreSQL, or the exporter itself is down.",
    ),
    alert(
      "TvrRedisDown",
      "critical",
      `min by (job, instance) (redis_up or up{job="redis"}) == 0`,
      s.downFor,
      "Redis is down",
      "redis_exporter at {{ $labels.instance }} cannot reach Redis, or the exporter itself is down.",
    ),
  ];
}

export function ruleGroups(settings: AlertSettings): RuleGroup[] {
  return [
    { name: "tvr-recording", interval: settings.evaluationInterval, rules: recordingRules(settings) },
    { name: "tvr-alerts", interval: settings.evaluationInterval, rules: alertRules(settings) },
  ];
}

export const alertNames = (settings: AlertSettings) => alertRules(settings).map((r) => r.alert);
