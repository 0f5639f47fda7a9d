import type { Metrics } from "@tvr/metrics";
import type { ScrapeSite } from "@tvr/queues";

export type StepOutcomeLabel =
  | "parsed"
  | "not_found"
  | "rejected"
  | "redirect"
  | "blocked"
  | "js_shell"
  | "challenge"
  | "rate_limited"
  | "server_error"
  | "incomplete_page"
  | "parse_failed";

/** The scraper's own counters; every label is bounded (site, fetched_with, outcome, reason). */
export function createScrapeMetrics(metrics: Pick<Metrics, "counter">) {
  const steps = metrics.counter(
    "scrape_steps_total",
    "Scrape steps (one site request each), by site, how the page was fetched and what came of it",
    ["site", "fetched_with", "outcome"],
  );
  const fallbacks = metrics.counter(
    "scrape_browser_fallbacks_total",
    "Pages handed to the browser after a plain fetch, by site and reason (blocked, js_shell)",
    ["site", "reason"],
  );
  const results = metrics.counter(
    "scrape_results_total",
    "Scrape jobs finished, by site, outcome (found, absent) and how the confirmed page was fetched",
    ["site", "outcome", "fetched_with"],
  );
  const parseFailures = metrics.counter(
    "scrape_parse_failures_total",
    "Pages that loaded but matched no known layout (saved to SCRAPER_DIAGNOSTICS_DIR)",
    ["site"],
  );
  const aborted = metrics.counter(
    "scrape_browser_requests_aborted_total",
    "Requests the browser was not allowed to make, by site and reason (other_host, extra_request)",
    ["site", "reason"],
  );
  return {
    step: (site: ScrapeSite, fetchedWith: "http" | "browser", outcome: StepOutcomeLabel) =>
      steps.inc({ site, fetched_with: fetchedWith, outcome }),
    fallback: (site: ScrapeSite, reason: "blocked" | "js_shell") => fallbacks.inc({ site, reason }),
    result: (site: ScrapeSite, outcome: "found" | "absent", fetchedWith: "http" | "browser" | "none") =>
      results.inc({ site, outcome, fetched_with: fetchedWith }),
    parseFailure: (site: ScrapeSite) => parseFailures.inc({ site }),
    aborted: (site: string, reason: "other_host" | "extra_request") => aborted.inc({ site, reason }),
  };
}

export type ScrapeMetrics = ReturnType<typeof createScrapeMetrics>;
