/**
 * Thresholds and `for:` durations of the alert rules. The committed rules file
 * is rendered from PRODUCTION_SETTINGS; tests render FAST_SETTINGS so that an
 * alert fires and resolves within seconds against a real Prometheus.
 */
export interface AlertSettings {
  /** How often the rule groups are evaluated. */
  evaluationInterval: string;
  /** Window of the rate()-based recording rules (failure and error ratios, percentiles). */
  rateWindow: string;
  /** Jobs waiting (waiting + prioritized) in one queue above which it is backed up. */
  queueDepthMax: number;
  queueDepthFor: string;
  /** Age of the oldest waiting job above which a queue counts as stuck. */
  oldestWaitingMaxSeconds: number;
  oldestWaitingFor: string;
  /** Share of finished job attempts that failed for good, per queue. */
  jobFailureRatioMax: number;
  jobFailureRatioFor: string;
  /** A run is slow when it takes longer than this multiple of the recent runs' median. */
  runSlowFactor: number;
  runSlowFor: string;
  /** No succeeded run for this long: the data is stale. */
  freshnessMaxSeconds: number;
  /** Share of nulls in one ratings column of the latest validated run. */
  nullShareMax: number;
  dataQualityFor: string;
  /** Share of upstream requests answered with an error, per source. */
  upstreamErrorRatioMax: number;
  upstreamErrorFor: string;
  /** RT/MC pages that loaded but matched no known layout, within parseFailureWindow. */
  parseFailuresMax: number;
  parseFailureWindow: string;
  /** How long a scrape target, Postgres or Redis must be down before it pages. */
  downFor: string;
  /** Where the runbook lives; each alert links to its anchor. */
  runbookUrl: string;
}

export const PRODUCTION_SETTINGS: AlertSettings = {
  evaluationInterval: "30s",
  rateWindow: "5m",
  queueDepthMax: 5_000,
  queueDepthFor: "30m",
  oldestWaitingMaxSeconds: 3_600,
  oldestWaitingFor: "10m",
  jobFailureRatioMax: 0.05,
  jobFailureRatioFor: "15m",
  runSlowFactor: 2,
  runSlowFor: "15m",
  freshnessMaxSeconds: 8 * 24 * 3_600,
  nullShareMax: 0.1,
  dataQualityFor: "0s",
  upstreamErrorRatioMax: 0.2,
  upstreamErrorFor: "10m",
  parseFailuresMax: 10,
  parseFailureWindow: "1h",
  downFor: "2m",
  runbookUrl: "docs/runbook.md",
};

/** For the end-to-end test: every alert can fire and resolve within a few seconds. */
export const FAST_SETTINGS: AlertSettings = {
  ...PRODUCTION_SETTINGS,
  evaluationInterval: "1s",
  rateWindow: "15s",
  queueDepthMax: 5,
  queueDepthFor: "2s",
  oldestWaitingMaxSeconds: 5,
  oldestWaitingFor: "2s",
  jobFailureRatioFor: "2s",
  runSlowFor: "2s",
  dataQualityFor: "0s",
  upstreamErrorFor: "2s",
  parseFailureWindow: "1m",
  downFor: "2s",
};
