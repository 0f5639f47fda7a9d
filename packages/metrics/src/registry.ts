import client from "prom-client";

export const METRIC_PREFIX = "tvr_";

/**
 * One registry per process with the metrics every service shares. Labels stay
 * bounded: queue, job name, outcome, source, status class — never ids or URLs.
 */
export function createMetrics(service: string) {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  // Gauges whose names end in _total break Prometheus naming (promtool check metrics);
  // the same figures are kept per type in nodejs_active_{handles,requests,resources}.
  for (const name of ["active_handles_total", "active_requests_total", "active_resources_total"]) {
    registry.removeSingleMetric(`${METRIC_PREFIX}nodejs_${name}`);
  }

  const jobsTotal = new client.Counter({
    name: `${METRIC_PREFIX}jobs_total`,
    help: "Jobs processed, by queue, job name and outcome (completed, retried, failed, rate_limited)",
    labelNames: ["queue", "job", "outcome"] as const,
    registers: [registry],
  });
  const jobDuration = new client.Histogram({
    name: `${METRIC_PREFIX}job_duration_seconds`,
    help: "Wall time of one job attempt",
    labelNames: ["queue", "job"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const upstreamRequests = new client.Counter({
    name: `${METRIC_PREFIX}upstream_requests_total`,
    help: "HTTP requests to upstream sources, by source and status (HTTP code, or timeout / network_error)",
    labelNames: ["source", "status"] as const,
    registers: [registry],
  });
  const upstreamLatency = new client.Histogram({
    name: `${METRIC_PREFIX}upstream_request_duration_seconds`,
    help: "Latency of upstream HTTP requests",
    labelNames: ["source"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });

  return {
    registry,
    jobsTotal,
    jobDuration,
    upstreamRequests,
    upstreamLatency,
    /** Hook for upstream clients: one call per HTTP exchange. */
    observeUpstream(source: string, status: string, seconds: number) {
      upstreamRequests.inc({ source, status });
      upstreamLatency.observe({ source }, seconds);
    },
    gauge(name: string, help: string, labelNames: readonly string[] = []) {
      return new client.Gauge({ name: `${METRIC_PREFIX}${name}`, help, labelNames, registers: [registry] });
    },
    histogram(name: string, help: string, buckets: number[], labelNames: readonly string[] = []) {
      return new client.Histogram({
        name: `${METRIC_PREFIX}${name}`,
        help,
        buckets,
        labelNames,
        registers: [registry],
      });
    },
    counter(name: string, help: string, labelNames: readonly string[] = []) {
      return new client.Counter({ name: `${METRIC_PREFIX}${name}`, help, labelNames, registers: [registry] });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** What an upstream client needs from metrics; lets tests pass a recorder. */
export type UpstreamObserver = (source: string, status: string, seconds: number) => void;
