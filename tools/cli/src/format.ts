import type { QuotaState, RunSummary } from "@tvr/runs";

const share = (part: number, whole: number) => `${(whole ? (part * 100) / whole : 0).toFixed(1)}%`;
const secs = (s: number) => (s >= 90 ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s` : `${s.toFixed(1)}s`);

export function formatSummary(s: RunSummary): string {
  const lines = [
    `Run ${s.id} (${s.mode}, ${s.period}): ${s.status.toUpperCase()}${s.error ? ` — ${s.error}` : ""}`,
    `  week       ${periodLine(s)}`,
    `  started    ${s.startedAt.toISOString()}${s.finishedAt ? `, finished ${s.finishedAt.toISOString()}` : ""}`,
    `  duration   ${secs(s.durationSeconds)}`,
    `  pages      ${s.pages.done}/${s.pages.total ?? "?"} read${s.pages.failed ? ` (${s.pages.failed} failed)` : ""}`,
    `  discovered ${s.series.discovered} series`,
    `  loaded     ${s.series.loaded} series${s.series.failed ? `, ${s.series.failed} failed` : ""}${s.series.pending ? `, ${s.series.pending} pending` : ""}`,
    `  IMDb       ${s.sources.imdb} with a rating (${share(s.sources.imdb, s.series.loaded)} of loaded)`,
    `  Tomatoes   ${s.sources.rottenTomatoes} with a Tomatometer (${share(s.sources.rottenTomatoes, s.series.loaded)})`,
    `  Metacritic ${s.sources.metacritic} with a Metascore (${share(s.sources.metacritic, s.series.loaded)})`,
  ];
  if (s.failures.length === 0) {
    lines.push("  failures   none");
  } else {
    lines.push("  absences and failures by reason:");
    for (const f of s.failures)
      lines.push(`    ${f.kind.padEnd(7)} ${f.stage.padEnd(10)} ${f.reason.padEnd(24)} ${f.count}`);
  }
  lines.push(...formatQuality(s.quality));
  return lines.join("\n");
}

function periodLine(s: RunSummary): string {
  const superseded = s.supersedesRunId ? `, superseding run ${s.supersedesRunId}` : "";
  if (s.holdsPeriod) return `${s.period}: this run holds it${superseded}`;
  return s.periodHolderRunId
    ? `${s.period}: held by run ${s.periodHolderRunId}`
    : `${s.period}: not held yet (a run holds its week once loaded)`;
}

const observed = (value: unknown) => (value === undefined ? "" : ` (observed ${JSON.stringify(value)})`);

/** The data-quality section: suites, expectations passed and failed, what failed; then the marts. */
export function formatQuality(q: RunSummary["quality"]): string[] {
  const lines = ["  data quality:"];
  const v = q.validation;
  if (!v) {
    lines.push("    validation not started");
  } else {
    const passed = v.expectations.evaluated - v.expectations.failed;
    lines.push(
      `    validation ${v.outcome}: ${v.suites.length} suite(s), ${passed} expectation(s) passed, ${v.expectations.failed} failed${v.error ? ` — ${v.error}` : ""}`,
    );
    for (const suite of v.suites)
      lines.push(
        `      ${suite.success ? "ok  " : "FAIL"} ${suite.suite.padEnd(12)} ${suite.evaluated - suite.failed}/${suite.evaluated}`,
      );
    for (const f of v.criticalFailures)
      lines.push(
        `      critical ${f.suite}.${f.expectation}${f.column ? ` [${f.column}]` : ""}${observed(f.observed)}`,
      );
    for (const w of v.warnings)
      lines.push(
        `      warning  ${w.suite}.${w.expectation}${w.column ? ` [${w.column}]` : ""}${observed(w.observed)}`,
      );
  }
  const t = q.transform;
  if (!t) {
    lines.push("    transform not started");
  } else {
    lines.push(`    transform ${t.outcome}${t.error ? ` — ${t.error}` : ""}`);
    for (const [model, rows] of Object.entries(t.models))
      lines.push(`      ${model.padEnd(32)} ${rows} rows`);
    for (const f of t.failures) lines.push(`      FAILED ${f.node}: ${f.reason}`);
  }
  return lines;
}

export function formatQuota(q: QuotaState | null): string | null {
  if (!q?.exhausted) return null;
  return `waiting: OMDb daily quota spent (${q.used}/${q.limit} on ${q.day}); lookups resume at ${q.resetsAt}`;
}
